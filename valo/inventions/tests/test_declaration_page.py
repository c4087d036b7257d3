"""The declaration form: invention, inventors and disclosures saved together, or not at all."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from valo.core.models import ObjectChange
from valo.inventions.models import Invention

pytestmark = pytest.mark.django_db


def form_data(cast, **overrides):
    data = {
        "title": "Acoustic leak finder",
        "field": "environment",
        "origin": "own_research",
        "owning_units": [cast.lab_a.pk],
        "confidential_description": "Listens to pipes.",
        "inventors-TOTAL_FORMS": "2",
        "inventors-INITIAL_FORMS": "0",
        "inventors-0-person": cast.people["researcher_a"].pk,
        "inventors-0-share": "0.7",
        "inventors-1-external_name": "Paul Dehors",
        "inventors-1-employer": cast.company.pk,
        "inventors-1-share": "0.3",
        "disclosures-TOTAL_FORMS": "1",
        "disclosures-INITIAL_FORMS": "0",
        "disclosures-0-kind": "talk",
        "disclosures-0-planned_on": "2027-01-15",
        "disclosures-0-title": "Water days",
    }
    data.update(overrides)
    return data


def test_a_declaration_is_saved_whole_and_logged_under_the_invention(cast, login):
    response = login("researcher_a").post(reverse("inventions_invention_add"), form_data(cast))
    assert response.status_code == 302
    invention = Invention.objects.get(title="Acoustic leak finder")
    assert invention.created_by == cast.users["researcher_a"] and invention.state == "draft"
    assert [str(i.share) for i in invention.inventorships.order_by("-share")] == [
        "0.7000",
        "0.3000",
    ]
    ours = invention.inventorships.get(person=cast.people["researcher_a"])
    assert (ours.status, ours.employer) == ("teacher_researcher", cast.lab_a)  # from the directory
    history = ObjectChange.objects.for_object(invention)
    types = sorted(ContentType.objects.get_for_id(c.content_type_id).model for c in history)
    assert types == ["disclosure", "invention", "inventionunit", "inventorship", "inventorship"]
    assert {c.user_name for c in history} == {"researcher_a"} and {c.source for c in history} == {
        "web"
    }


def test_a_bad_inventor_row_saves_nothing(cast, login):
    before = (Invention.objects.count(), ObjectChange.objects.count())
    response = login("researcher_a").post(
        reverse("inventions_invention_add"), form_data(cast, **{"inventors-1-share": "1.5"})
    )
    assert response.status_code == 200
    assert response.context["inventors"].forms[1].errors["share"]
    assert (Invention.objects.count(), ObjectChange.objects.count()) == before


def test_the_same_person_twice_is_refused(cast, login):
    response = login("researcher_a").post(
        reverse("inventions_invention_add"),
        form_data(
            cast,
            **{
                "inventors-1-person": cast.people["researcher_a"].pk,
                "inventors-1-external_name": "",
            },
        ),
    )
    assert "A person is named twice among the inventors." in response.content.decode()
    assert not Invention.objects.exists()


def test_a_researcher_cannot_declare_into_a_unit_outside_their_scope(cast, login):
    response = login("researcher_a").post(
        reverse("inventions_invention_add"), form_data(cast, owning_units=[cast.lab_b.pk])
    )
    assert "owning_units" in response.context["form"].errors
    assert not Invention.objects.exists()
