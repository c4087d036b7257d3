"""The per-model battery (after NetBox's ViewTestCases): every model with a registered API route, and
every page registered for it, under each demo role, answers what the capability table says — and
every write leaves exactly one change record of the object written.

The table below is written from docs/permissions.md (and inventions.md, transfer.md), not from the
code: which roles may read the kind, add to it, change it. What a role may not use at all answers
403; a record of a kind it may use but that lies outside its scope answers 404.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import NoReverseMatch, get_resolver, reverse
from lxml import html
from rest_framework.test import APIClient

from valo.core.models import ObjectChange
from valo.core.views.generic import ModelPageMixin
from valo.tests.conftest import DEMO_ROLES
from valo.urls import api_router

ALL = frozenset(DEMO_ROLES)
STAFF = ALL - {"researcher"}
EDIT = frozenset({"officer", "admin"})
ADMIN = frozenset({"admin"})
NONE: frozenset[str] = frozenset()
# The inventors take part in their inventions' records: the declaration, its parts, the meeting.
WITH_INVENTORS = STAFF | {"researcher"}

# model label: (who reads it, who adds, who changes)
TABLE: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {
    "core.ObjectChange": (frozenset({"auditor", "admin"}), NONE, NONE),
    # The directory: everyone reads (a researcher their own record and the outside world); officers
    # keep it; labels are defined by administrators (their periods by the unit's officers).
    "directory.Organization": (ALL, EDIT, EDIT),
    "directory.OrganizationAlias": (ALL, EDIT, EDIT),
    "directory.Person": (ALL, EDIT, EDIT),
    "directory.Affiliation": (ALL, EDIT, EDIT),
    "directory.Label": (ALL, ADMIN, ADMIN),
    "directory.LabelAward": (ALL, EDIT, EDIT),
    # Inventions: the researcher declares and edits their drafts; officers of the units edit.
    "inventions.Invention": (ALL, EDIT | {"researcher"}, EDIT | {"researcher"}),
    "inventions.Inventorship": (ALL, EDIT | {"researcher"}, EDIT | {"researcher"}),
    "inventions.Disclosure": (ALL, EDIT | {"researcher"}, EDIT | {"researcher"}),
    "inventions.Assessment": (ALL, NONE, NONE),
    "inventions.Score": (ALL, NONE, EDIT | {"committee"}),
    "inventions.AssessmentParticipant": (ALL, NONE, EDIT | {"committee"}),
    "inventions.SoftwareAsset": (ALL, EDIT, EDIT),
    "inventions.SoftwareAuthor": (ALL, EDIT, EDIT),
    # The register lists to everyone what they may know (often nothing); officers record.
    "inventions.KnowHow": (ALL, EDIT, EDIT),
    # Patents follow the owning unit; the inventors read their families; rules are maintained by
    # administrators and read by everyone.
    "patents.PatentFamily": (WITH_INVENTORS, EDIT, EDIT),
    "patents.PatentApplication": (WITH_INVENTORS, EDIT, EDIT),
    "patents.PriorityClaim": (WITH_INVENTORS, EDIT, EDIT),
    "patents.Validation": (WITH_INVENTORS, EDIT, EDIT),
    "patents.ApplicationOwner": (WITH_INVENTORS, EDIT, EDIT),
    "patents.Cost": (WITH_INVENTORS, EDIT, EDIT),
    "patents.Deadline": (WITH_INVENTORS, EDIT, EDIT),
    "patents.LegalEvent": (WITH_INVENTORS, NONE, NONE),
    "patents.DeadlineRule": (ALL, NONE, NONE),
    "patents.Fee": (ALL, NONE, NONE),
    "patents.ClosedDay": (ALL, NONE, NONE),
    # Agreements and ventures: staff of the unit read, officers edit, researchers see none.
    **{
        f"agreements.{name}": (STAFF, EDIT, EDIT)
        for name in [
            "Agreement",
            "AgreementInvention",
            "AgreementFamily",
            "AgreementSoftware",
            "AgreementKnowHow",
            "AgreementParty",
            "Obligation",
            "Licence",
            "RoyaltyTier",
            "RoyaltyStatement",
            "Payment",
            "CoOwnershipNotice",
        ]
    },
    "ventures.Venture": (STAFF, EDIT, EDIT),
    "ventures.FundingRound": (STAFF, EDIT, EDIT),
    "ventures.Involvement": (STAFF, EDIT, EDIT),
    # Direct costs follow their invention.
    "finance.DirectCost": (WITH_INVENTORS, EDIT, EDIT),
    # Documents follow their record (the API lists and serves them; they are added on the pages).
    "documents.Document": (ALL, NONE, NONE),
    # Account requests: the office of the school reads and decides them (on their page).
    "accounts.AccountRequest": (EDIT, NONE, NONE),
}

ROUTES = {viewset.queryset.model._meta.label: prefix for prefix, viewset, _b in api_router.registry}
VIEWSETS = {viewset.queryset.model._meta.label: viewset for _p, viewset, _b in api_router.registry}


def test_the_table_covers_every_registered_model():
    assert set(ROUTES) == set(TABLE)


def user(role: str):
    return get_user_model().objects.get(username=role)


def samples(model, role: str):
    """An object of the kind the role may see, and one it may not (either may be None)."""
    who = user(role)
    seen = model.objects.restrict(who, "view")
    visible = seen.order_by("pk").first()
    hidden = model.objects.exclude(pk__in=seen.values("pk")).order_by("pk").first()
    return visible, hidden


def writable(model, role: str):
    return model.objects.restrict(user(role), "change").order_by("pk").first()


def changes_of(obj) -> int:
    content_type = ContentType.objects.get_for_model(type(obj))
    return ObjectChange.objects.filter(content_type=content_type, object_id=str(obj.pk)).count()


def model_of(label: str):
    from django.apps import apps

    return apps.get_model(label)


@pytest.mark.django_db
@pytest.mark.parametrize("role", DEMO_ROLES)
@pytest.mark.parametrize("label", sorted(TABLE))
def test_the_api(demo, label, role):
    readers, _adders, changers = TABLE[label]
    model = model_of(label)
    api = APIClient()
    api.force_authenticate(user(role))
    base = f"/api/{ROUTES[label]}/"

    listed = api.get(base)
    assert listed.status_code == (200 if role in readers else 403), listed.content[:300]
    if role not in readers:
        return
    visible, hidden = samples(model, role)
    if visible is not None:
        assert api.get(f"{base}{visible.pk}/").status_code == 200
    if hidden is not None:
        assert api.get(f"{base}{hidden.pk}/").status_code == 404

    target = writable(model, role)
    if role not in changers:
        if visible is not None:
            refused = api.patch(f"{base}{visible.pk}/", {}, format="json")
            assert refused.status_code in (403, 405), refused.content[:300]
        return
    if target is None or "patch" not in api_router_methods(label):
        return
    before = changes_of(target)
    # A write of the record with one text edited: accepted and logged once (a write that changes
    # nothing is accepted and logs nothing).
    body = writable_fields(api.get(f"{base}{target.pk}/").json(), label)
    edited = edit_a_text(body, model)
    answer = api.patch(f"{base}{target.pk}/", body, format="json")
    assert answer.status_code in (200, 409), answer.content[:300]
    logged = 1 if answer.status_code == 200 and edited else 0
    assert changes_of(target) == before + logged


def api_router_methods(label: str) -> list[str]:
    return VIEWSETS[label].http_method_names


def writable_fields(body: dict, label: str) -> dict:
    viewset = VIEWSETS[label]
    view = viewset(action="partial_update", request=None, format_kwarg=None)
    serializer = view.get_serializer_class()()
    return {
        name: body[name]
        for name, field in serializer.fields.items()
        if not field.read_only and name in body
    }


# Free texts a person edits anywhere (a computed deadline's label, say, is not one of them).
NOTE_FIELDS = ("note", "notes", "comment", "description", "minutes", "title", "label", "name")


def edit_a_text(data: dict, model) -> bool:
    """Edit one free-text field of `data` in place (a final period added or taken off)."""
    from django.db import models

    names = sorted(data, key=lambda n: NOTE_FIELDS.index(n) if n in NOTE_FIELDS else 99)
    for name in names:
        value = data[name]
        try:
            field = model._meta.get_field(name)
        except Exception:
            continue
        texts = (models.CharField, models.TextField)
        if (
            not isinstance(field, texts)
            or field.choices
            or field.unique
            or not isinstance(value, str)
        ):
            continue
        if isinstance(field, (models.EmailField, models.URLField, models.SlugField)):
            continue
        limit = field.max_length or 10_000
        data[name] = value[:-1] if value.endswith(".") or len(value) >= limit else value + "."
        return True
    return False


def submitted_values(content: bytes) -> dict[str, list[str] | str]:
    """What a browser sends for the page's edit form as it stands (formsets included)."""
    forms = [
        form
        for form in html.fromstring(content).forms
        if form.method.upper() == "POST"
        and not (form.action or "").endswith(("/i18n/setlang/", "/logout/"))
    ]
    values: dict[str, list[str]] = {}
    for name, value in forms[0].form_values():
        values.setdefault(name, []).append(value)
    return {name: found[0] if len(found) == 1 else found for name, found in values.items()}


def page_views() -> dict[str, dict[str, str]]:
    """For each model, its registered page routes by kind (list, detail, edit …)."""
    found: dict[str, dict[str, str]] = {}
    for pattern in _patterns(get_resolver()):
        view_class = getattr(pattern.callback, "view_class", None)
        if view_class is None or not issubclass(view_class, ModelPageMixin) or not pattern.name:
            continue
        model = getattr(view_class, "model", None)
        kind = pattern.name.rsplit("_", 1)[-1]
        if model is not None and kind in {"list", "detail", "edit", "delete", "changelog"}:
            found.setdefault(model._meta.label, {})[kind] = pattern.name
    return found


def _patterns(resolver):
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _patterns(pattern)
        else:
            yield pattern


PAGES = page_views()


def test_every_model_page_is_in_the_table():
    assert set(PAGES) <= set(TABLE)


@pytest.mark.django_db
@pytest.mark.parametrize("role", DEMO_ROLES)
@pytest.mark.parametrize("label", sorted(PAGES))
def test_the_pages(demo, label, role):
    readers, _adders, changers = TABLE[label]
    model = model_of(label)
    routes = PAGES[label]
    client = Client()
    client.force_login(user(role))
    if "list" in routes:
        url = reverse(routes["list"])
        assert client.get(url).status_code == (200 if role in readers else 403)
        exported = client.get(url, {"export": "csv"})
        assert exported.status_code == (200 if role in readers else 403)
    visible, hidden = samples(model, role)
    for kind in ("detail", "changelog"):
        if kind not in routes:
            continue
        if visible is not None:
            assert client.get(reverse(routes[kind], args=[visible.pk])).status_code == 200
        if hidden is not None:
            expected = 404 if role in readers else 403
            assert client.get(reverse(routes[kind], args=[hidden.pk])).status_code in {
                expected,
                404,
            }
    if "edit" in routes and visible is not None:
        target = writable(model, role)
        try:
            url = reverse(routes["edit"], args=[visible.pk])
        except NoReverseMatch:
            return
        if role not in changers:
            assert client.get(url).status_code == 403
        elif target is not None:
            before = changes_of(target)
            page = client.get(reverse(routes["edit"], args=[target.pk]))
            assert page.status_code == 200
            data = submitted_values(page.content)
            edited = edit_a_text(data, model)
            saved = client.post(reverse(routes["edit"], args=[target.pk]), data)
            assert saved.status_code == 302, saved.context["form"].errors if saved.context else ""
            assert changes_of(target) == before + (1 if edited else 0)


def make_distinct(data: dict, model) -> None:
    """Alter the copy's unique texts so that it may stand beside its original."""
    from django.db import models

    unique = {f.name for f in model._meta.fields if f.unique}
    for constraint in model._meta.constraints:
        unique |= set(getattr(constraint, "fields", ()))
    for names in model._meta.unique_together:
        unique |= set(names)
    for name in unique:
        field = model._meta.get_field(name)
        if isinstance(field, models.CharField) and not field.choices and data.get(name):
            data[name] = (data[name][: (field.max_length or 40) - 2] + "-B")[: field.max_length]


@pytest.mark.django_db
@pytest.mark.parametrize("role", DEMO_ROLES)
@pytest.mark.parametrize("label", sorted(TABLE))
def test_the_api_creates_and_deletes(demo, label, role):
    readers, adders, _changers = TABLE[label]
    viewset = VIEWSETS[label]
    if (
        role not in readers
        or "post" not in viewset.http_method_names
        or not hasattr(viewset, "create")
    ):
        return  # read-only kinds answer 405 to any write
    model = model_of(label)
    api = APIClient()
    api.force_authenticate(user(role))
    base = f"/api/{ROUTES[label]}/"
    original = writable(model, role) or model.objects.restrict(user(role)).order_by("pk").first()
    if original is None:
        return
    body = writable_fields(api.get(f"{base}{original.pk}/").json(), label)
    make_distinct(body, model)
    count = model.objects.count()
    created = api.post(base, body, format="json")
    if role not in adders:
        assert created.status_code == 403, created.content[:300]
        assert model.objects.count() == count
        return
    if created.status_code == 400:
        # A copy the model refuses (a duplicate link, a rule of the model): said field by field,
        # nothing written.
        assert created.json(), created.content
        assert model.objects.count() == count
        return
    assert created.status_code == 201, created.content[:300]
    new = model.objects.get(pk=created.json()["id"])
    content_type = ContentType.objects.get_for_model(model)
    records = ObjectChange.objects.filter(
        content_type=content_type, object_id=str(new.pk)
    ).order_by("pk")
    assert list(records.values_list("action", flat=True)) == ["create"]
    if "delete" not in api_router_methods(label):
        return
    deleted = api.delete(f"{base}{new.pk}/")
    assert deleted.status_code in (204, 400), deleted.content[:300]
    if deleted.status_code == 204:
        assert not model.objects.filter(pk=new.pk).exists()
        assert list(records.values_list("action", flat=True)) == ["create", "delete"]
