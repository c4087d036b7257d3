"""Pages of software assets and of the know-how register."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from valo.core.tables import Column
from valo.core.views.generic import (
    ObjectChangeLogView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)
from valo.inventions import services
from valo.inventions.choices import ReadChannel
from valo.inventions.filtersets import KnowHowFilterSet, SoftwareAssetFilterSet
from valo.inventions.forms import KnowHowForm, SoftwareAssetForm
from valo.inventions.models import KnowHow, KnowHowRead, SoftwareAsset


class SoftwareMixin:
    model = SoftwareAsset
    url_base = "inventions_software"


class SoftwareListView(SoftwareMixin, ObjectListView):
    filterset_class = SoftwareAssetFilterSet
    columns = [
        Column("title", gettext_lazy("Title"), link=True),
        Column("version", gettext_lazy("Version")),
        Column("unit", gettext_lazy("Owning unit")),
        Column("deposit_reference", gettext_lazy("Deposit reference")),
        Column("deposit_date", gettext_lazy("Deposit date")),
        Column("licence", gettext_lazy("Licence")),
    ]


class SoftwareDetailView(SoftwareMixin, ObjectDetailView):
    template_name = "inventions/software_detail.html"

    def extra_context(self, obj: Any) -> dict[str, Any]:
        return {"authors": obj.authors.select_related("person")}


class SoftwareEditView(SoftwareMixin, ObjectEditView):
    form_class = SoftwareAssetForm


class SoftwareDeleteView(SoftwareMixin, ObjectDeleteView):
    pass


class SoftwareChangeLogView(SoftwareMixin, ObjectChangeLogView):
    pass


class KnowHowMixin:
    model = KnowHow
    url_base = "inventions_knowhow"


class KnowHowListView(KnowHowMixin, ObjectListView):
    """The register: titles only, so listing or exporting it reveals no secret and logs no read."""

    filterset_class = KnowHowFilterSet
    template_name = "inventions/knowhow_list.html"
    columns = [
        Column("title", gettext_lazy("Title"), link=True),
        Column("unit", gettext_lazy("Owning unit")),
        Column("invention.reference", gettext_lazy("Invention")),
        Column("recorded_on", gettext_lazy("Recorded on")),
    ]


class KnowHowDetailView(KnowHowMixin, ObjectDetailView):
    """Shows the secret: one read record per display."""

    template_name = "inventions/knowhow_detail.html"

    def extra_context(self, obj: Any) -> dict[str, Any]:
        KnowHowRead.record([obj], self.request.user, ReadChannel.PAGE)
        return {
            "members": obj.members.select_related("user"),
            "reads": obj.reads.all()[:100],
        }


class KnowHowEditView(KnowHowMixin, ObjectEditView):
    """The secret and who may know it; whoever records it is always among them."""

    form_class = KnowHowForm
    on_save = staticmethod(services.set_know_how_members)


class KnowHowDeleteView(KnowHowMixin, ObjectDeleteView):
    pass


class KnowHowChangeLogView(KnowHowMixin, ObjectChangeLogView):
    pass
