"""Admin site: the rules, fee schedules and office closures are data that administrators maintain."""

from django.contrib import admin

from valo.patents.models import ClosedDay, DeadlineRule, Fee


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "label",
        "offices",
        "trigger",
        "months",
        "anchor",
        "start",
        "end",
        "source",
        "status",
    ]
    list_filter = ["trigger", "anchor", "status"]
    search_fields = ["code", "label", "source"]


@admin.register(Fee)
class FeeAdmin(admin.ModelAdmin):
    list_display = [
        "office",
        "code",
        "year",
        "amount",
        "reduced_amount",
        "currency",
        "start",
        "end",
    ]
    list_filter = ["office", "code"]


@admin.register(ClosedDay)
class ClosedDayAdmin(admin.ModelAdmin):
    list_display = ["office", "day", "reason", "source"]
    list_filter = ["office"]
    date_hierarchy = "day"
