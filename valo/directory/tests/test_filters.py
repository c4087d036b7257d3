"""Every list endpoint of the API filters as its page does (one FilterSet for both)."""

from __future__ import annotations

import datetime

import pytest

from valo.directory.models import Label, LabelAward, Organization
from valo.directory.tests.test_scopes import api_ids, export_ids


@pytest.fixture
def carnot(cast):
    label = Label.objects.create(name="Carnot Test", kind="carnot")
    LabelAward.objects.create(
        label=label, organization=cast.school_a, start=datetime.date(2020, 1, 1)
    )
    LabelAward.objects.create(
        label=label,
        organization=cast.school_b,
        start=datetime.date(2015, 1, 1),
        end=datetime.date(2019, 12, 31),
    )
    Organization.objects.create(name="Small Co", kind="startup", size_category="PME")
    return label


ORGANIZATION_QUERIES = [
    "",
    "kind=laboratory",
    "kind=company&kind=startup",
    "size_category=PME",
    "sector=rese",
    "q=lab",
    "q=acme",
    "country=fr",
    "siren=732829320",
    "ordering=-name",
]


@pytest.mark.django_db
@pytest.mark.parametrize("user", ["director", "officer_a", "researcher_a"])
@pytest.mark.parametrize("query", ORGANIZATION_QUERIES)
def test_organization_filters_match(cast, carnot, login, api, user, query):
    page = export_ids(login(user), "directory_organization_list", query)
    assert page == api_ids(api(user), "organizations", query)


@pytest.mark.django_db
def test_tree_and_label_filters(cast, carnot, login, api):
    for query, expected in [
        (f"within={cast.school_a.pk}", {cast.school_a.pk, cast.lab_a.pk}),
        (f"parent={cast.institution.pk}", {cast.school_a.pk, cast.school_b.pk}),
        (f"label={carnot.pk}", {cast.school_a.pk}),  # school B's period has ended
    ]:
        assert export_ids(login("director"), "directory_organization_list", query) == expected
        assert api_ids(api("director"), "organizations", query) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["", "q=tester", "status=teacher_researcher", "status=postdoc", "ordering=first_name"]
)
def test_person_filters_match(cast, login, api, query):
    for user in ("director", "officer_b"):
        assert export_ids(login(user), "directory_person_list", query) == api_ids(
            api(user), "people", query
        )


@pytest.mark.django_db
def test_person_filter_by_unit_covers_sub_units(cast, login, api):
    query = f"organization={cast.school_a.pk}"
    expected = {cast.people["researcher_a"].pk, cast.people["researcher_a2"].pk}
    assert export_ids(login("director"), "directory_person_list", query) == expected
    assert api_ids(api("director"), "people", query) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "kind=carnot", "kind=other", "q=test"])
def test_label_filters_match(cast, carnot, login, api, query):
    assert export_ids(login("officer_a"), "directory_label_list", query) == api_ids(
        api("officer_a"), "labels", query
    )


@pytest.mark.django_db
def test_a_filter_choice_outside_scope_is_refused(cast, login, api):
    """The unit filter offers only visible units: naming another school's unit is an error."""
    query = f"within={cast.school_b.pk}"
    response = login("officer_a").get("/directory/organizations/?" + query)
    assert response.status_code == 200
    assert "within" in response.context["filterset"].errors
    assert response.context["page_obj"].paginator.count == 0
    assert api("officer_a").get("/api/directory/organizations/?" + query).status_code == 400


@pytest.mark.django_db
def test_the_api_refuses_unknown_filters_instead_of_ignoring_them(cast, api):
    response = api("director").get("/api/directory/organizations/?knd=school")
    assert response.status_code == 400
    assert response.json() == {"knd": ["Unknown filter parameter."]}
    assert (
        api("director").get("/api/directory/organizations/?kind=school&page=1").status_code == 200
    )
