"""Generic pages over a model: list (filters, export, bulk selection), detail, edit, delete, history,
bulk edit and import. Every one reads through `restrict()` and writes through `check_write()`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models, transaction
from django.db.models import ProtectedError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from valo.core.access import model_permits
from valo.core.exports import EXPORT_FORMATS, export_response
from valo.core.forms import style_fields
from valo.core.models import ObjectChange
from valo.core.permissions import check_write, locked
from valo.core.tables import Column


class ModelPageMixin(LoginRequiredMixin):
    """A page about one model; `url_base` names its routes (`<url_base>_list`, `_detail`, …)."""

    model: type[models.Model]
    url_base: str
    action = "view"
    # Whether the model has an "add" page (the change log has none).
    addable = True

    def get_queryset(self) -> models.QuerySet:
        return self.model._default_manager.restrict(self.request.user, self.action)

    def get_object(self) -> models.Model:
        """The record, if the user may `action` it: a kind of write the role never has is 403
        (whatever the record), a record outside what the user may act on is 404."""
        if not model_permits(self.request.user, self.model, self.action):
            raise PermissionDenied
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def url(self, name: str, *args: Any) -> str:
        return reverse(f"{self.url_base}_{name}", args=args)

    def base_context(self) -> dict[str, Any]:
        user = self.request.user
        meta = self.model._meta
        return {
            "model_name": meta.verbose_name,
            "model_name_plural": meta.verbose_name_plural,
            "list_url": self.url("list"),
            "url_base": self.url_base,
            "can_add": self.addable and model_permits(user, self.model, "add"),
        }


class ObjectListView(ModelPageMixin, View):
    """Filtered, sorted, paginated table with CSV/XLSX export of exactly the filtered rows."""

    filterset_class: Any
    columns: list[Column]
    template_name = "core/object_list.html"
    paginate_by = 50
    bulk_edit = False
    # The code of the onboarding kind its "Import" button opens (valo.core.onboarding), if any.
    import_kind = ""
    # What the list shows when it is opened with no filter at all (e.g. what is open, soonest first).
    default_filters: dict[str, str] = {}

    def _may_import(self, user: Any) -> bool:
        from valo.core import onboarding

        kind = onboarding.kinds().get(self.import_kind) if self.import_kind else None
        return kind is not None and onboarding.permitted(user, kind)

    def extra_context(self) -> dict[str, Any]:
        return {}

    def row_class(self, obj: Any) -> str:
        """A row's CSS class (e.g. its urgency); none by default."""
        return ""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not model_permits(request.user, self.model, "view"):
            raise PermissionDenied
        if not request.GET and self.default_filters:
            request.GET = request.GET.copy()
            request.GET.update(self.default_filters)
        filterset = self.filterset_class(request.GET, queryset=self.get_queryset(), request=request)
        objects = filterset.qs if filterset.is_valid() else self.get_queryset().none()
        fmt = request.GET.get("export")
        if fmt in EXPORT_FORMATS:
            return export_response(self.columns, objects, fmt, str(self.url_base).split("_")[-1])
        page = Paginator(objects, self.paginate_by).get_page(request.GET.get("page"))
        table_columns = [column for column in self.columns if column.in_table]
        style_fields(filterset.form)
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            **self.base_context(),
            "filterset": filterset,
            "columns": table_columns,
            "page_obj": page,
            "rows": [
                (obj, [(c, c.text(obj)) for c in table_columns], self.row_class(obj))
                for obj in page
            ],
            "query": query.urlencode(),
            "bulk_edit": self.bulk_edit and model_permits(request.user, self.model, "change"),
            "import_kind": self.import_kind if self._may_import(request.user) else "",
            **self.extra_context(),
        }
        template = "core/includes/table.html" if request.headers.get("HX-Request") else None
        return render(request, template or self.template_name, context)


class ObjectDetailView(ModelPageMixin, View):
    template_name: str

    def extra_context(self, obj: models.Model) -> dict[str, Any]:
        return {}

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object()
        restricted = self.model._default_manager.restrict
        context = {
            **self.base_context(),
            "object": obj,
            "can_change": restricted(request.user, "change").filter(pk=obj.pk).exists(),
            "can_delete": restricted(request.user, "delete").filter(pk=obj.pk).exists(),
            **self.extra_context(obj),
        }
        return render(request, self.template_name, context)


class ObjectEditView(ModelPageMixin, View):
    """Create (no pk) or edit a record; the saved record must lie in the user's scope."""

    form_class: Any
    template_name = "core/object_edit.html"
    action = "change"
    # The app's service for what a save implies beyond the form (recompute deadlines, set members…):
    # staticmethod(fn(obj, data, user)), the same one the model's API viewset names. It runs in the
    # save's transaction, before the write is checked.
    on_save: Any = None

    def get_initial(self) -> dict[str, Any]:
        return {key: value for key, value in self.request.GET.items()}

    def success_url(self, obj: models.Model) -> str:
        return obj.get_absolute_url()  # type: ignore[attr-defined]

    def after_save(self, obj: models.Model) -> None:
        """What the page says once saved (warnings…); writes belong in `on_save`."""

    def _setup(self, pk: int | None) -> models.Model | None:
        if pk is None:
            if not model_permits(self.request.user, self.model, "add"):
                raise PermissionDenied
            return None
        return self.get_object()

    def render_form(self, form: Any, obj: models.Model | None) -> HttpResponse:
        return render(
            self.request, self.template_name, {**self.base_context(), "form": form, "object": obj}
        )

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        obj = self._setup(pk)
        initial = self.get_initial() if obj is None else {}
        return self.render_form(
            self.form_class(instance=obj, initial=initial, user=request.user), obj
        )

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        obj = self._setup(pk)
        form = self.form_class(request.POST, request.FILES, instance=obj, user=request.user)
        if form.is_valid():
            try:
                with transaction.atomic():
                    saved = form.save()
                    if self.on_save is not None:
                        self.on_save(saved, form.cleaned_data, request.user)
                    check_write(request.user, saved, "add" if obj is None else "change")
                    self.after_save(saved)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                message = _("Created %(object)s.") if obj is None else _("Saved %(object)s.")
                messages.success(request, message % {"object": saved})
                return HttpResponseRedirect(self.success_url(saved))
        return self.render_form(form, obj)


class ObjectDeleteView(ModelPageMixin, View):
    template_name = "core/object_delete.html"
    action = "delete"
    # A component (an alias, an affiliation) returns to its parent's page once deleted.
    component = False

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render(
            request, self.template_name, {**self.base_context(), "object": self.get_object()}
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object()
        try:
            with transaction.atomic():
                # Read again under a lock: a parent deleted meanwhile took it along (404, not 500).
                obj = locked(self.get_queryset(), obj.pk)
                obj.delete()
        except ProtectedError as error:
            names = ", ".join(sorted({str(o) for o in error.protected_objects})[:5])
            messages.error(
                request,
                _("%(object)s cannot be deleted: still in use by %(names)s.")
                % {"object": obj, "names": names},
            )
            return HttpResponseRedirect(obj.get_absolute_url())  # type: ignore[attr-defined]
        messages.success(request, _("Deleted %(object)s.") % {"object": obj})
        if self.component:
            return HttpResponseRedirect(obj.get_absolute_url())  # type: ignore[attr-defined]
        return HttpResponseRedirect(self.url("list"))


class ObjectChangeLogView(ModelPageMixin, View):
    """The history of one record and of its components, for whoever may see the record."""

    template_name = "core/object_changelog.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object()
        changes = ObjectChange.objects.for_object(obj).select_related("content_type")
        page = Paginator(changes, 50).get_page(request.GET.get("page"))
        return render(
            request,
            self.template_name,
            {**self.base_context(), "object": obj, "page_obj": page, "query": ""},
        )


class BulkEditView(ModelPageMixin, View):
    """Set the same values on the selected records; each is validated, all or none are saved."""

    form_class: Any
    template_name = "core/bulk_edit.html"
    action = "change"

    def post(self, request: HttpRequest) -> HttpResponse:
        pks = request.POST.getlist("pk")
        objects = list(self.get_queryset().filter(pk__in=pks))
        if not objects:
            messages.warning(request, _("Select at least one record."))
            return HttpResponseRedirect(self.url("list"))
        if len(objects) != len(set(pks)):
            raise Http404
        form = self.form_class(request.POST if "apply" in request.POST else None)
        style_fields(form)
        if form.is_bound and form.is_valid():
            changes = {name: value for name, value in form.cleaned_data.items() if value}
            faults = []
            for obj in objects:
                for name, value in changes.items():
                    setattr(obj, name, value)
                try:
                    obj.full_clean()
                except ValidationError as error:
                    faults.append(f"{obj}: {'; '.join(error.messages)}")
            if not changes:
                form.add_error(None, _("Choose at least one value to set."))
            elif faults:
                for fault in faults:
                    form.add_error(None, fault)
            else:
                with transaction.atomic():
                    self.model._default_manager.bulk_update(objects, list(changes))
                    for obj in objects:
                        check_write(request.user, obj, "change")
                messages.success(request, _("Updated %(count)s records.") % {"count": len(objects)})
                return HttpResponseRedirect(self.url("list"))
        return render(
            request,
            self.template_name,
            {**self.base_context(), "form": form, "objects": objects},
        )
