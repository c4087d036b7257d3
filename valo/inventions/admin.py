"""Admin site: the scoring grid is data that administrators maintain."""

from django.contrib import admin

from valo.inventions.models import Criterion


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["position", "code", "name_en", "name_fr", "weight", "active"]
    list_editable = ["weight", "active"]
    ordering = ["position"]
