"""Admin site: dated legal parameters (periods, rates, caps, fees) are maintained by administrators."""

from django.contrib import admin

from valo.core.models import Parameter


@admin.register(Parameter)
class ParameterAdmin(admin.ModelAdmin):
    list_display = ["key", "label", "value", "unit", "start", "end", "source", "status"]
    list_filter = ["unit", "status"]
    search_fields = ["key", "label", "source"]
