"""Admin site for administrators: memberships (who has which role where) live here."""

from django.contrib import admin

from valo.directory.models import (
    Affiliation,
    Label,
    LabelAward,
    Membership,
    Organization,
    OrganizationAlias,
    Person,
    UnitOfficer,
)


@admin.register(UnitOfficer)
class UnitOfficerAdmin(admin.ModelAdmin):
    """Who follows each unit's files: a new patent family of the unit goes to them."""

    list_display = ["unit", "officer", "start", "end"]
    search_fields = ["unit__name", "officer__username"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organization"]
    list_filter = ["role"]
    search_fields = ["user__username", "organization__name"]
    autocomplete_fields = ["organization"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "siren", "size_category"]
    list_filter = ["kind", "size_category", "sector"]
    search_fields = ["name", "short_name", "siren"]
    autocomplete_fields = ["parent"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "email", "user"]
    search_fields = ["last_name", "first_name", "email"]


admin.site.register([Affiliation, Label, LabelAward, OrganizationAlias])
