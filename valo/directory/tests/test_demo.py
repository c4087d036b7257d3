"""The demo institution: IMT's real schools and labels, synthetic people, one login per role."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from valo.core.access import Role, get_access
from valo.directory.demo import CARNOT_MINES, CARNOT_TSN, load_demo
from valo.directory.models import Label, Organization, Person


@pytest.fixture
def directory_demo(db):
    """The directory's part of the demo (the whole `valo demo` is tested with the inventions)."""
    return "\n".join(load_demo())


def test_the_tree_has_imt_schools_and_subsidiaries(directory_demo):
    institution = Organization.objects.get(kind="institution")
    assert institution.name == "Institut Mines-Télécom"
    schools = set(
        Organization.objects.filter(parent=institution, kind="school").values_list(
            "name", flat=True
        )
    )
    assert schools == {
        "IMT Atlantique",
        "IMT Mines Albi-Carmaux",
        "IMT Mines Alès",
        "IMT Nord Europe",
        "Institut Mines-Télécom Business School",
        "Mines Saint-Étienne",
        "Télécom Paris",
        "Télécom SudParis",
    }
    subsidiaries = Organization.objects.filter(parent=institution, kind="subsidiary_school")
    assert {o.short_name for o in subsidiaries} == {"EURECOM", "InSIC"}
    for school in Organization.objects.filter(kind__in=["school", "subsidiary_school"]):
        assert school.children.filter(kind="laboratory").exists(), school


def test_carnot_labels_are_on_the_right_schools(directory_demo):
    tsn = Label.objects.get(name=CARNOT_TSN)
    mines = Label.objects.get(name=CARNOT_MINES)
    holders = lambda label: set(  # noqa: E731
        label.awards.filter(end__isnull=True).values_list("organization__name", flat=True)
    )
    assert "Télécom Paris" in holders(tsn) and "Télécom Paris" not in holders(mines)
    assert "Mines Saint-Étienne" in holders(mines) and "Mines Saint-Étienne" not in holders(tsn)


def test_people_companies_and_synthetic_flags(directory_demo):
    people = Person.objects.all()
    assert 55 <= people.count() <= 70
    assert all(p.is_synthetic for p in people)
    assert all(p.email.isascii() for p in people)
    statuses = set(people.values_list("affiliations__status", flat=True))
    assert {
        "permanent_researcher",
        "doctoral_student",
        "cifre_doctoral_student",
        "postdoc",
        "intern",
    } <= statuses
    companies = Organization.objects.filter(kind__in=["company", "startup"])
    assert set(companies.values_list("size_category", flat=True)) == {"GE", "ETI", "PME"}
    assert all(c.is_synthetic and c.siren for c in companies)
    assert Organization.objects.filter(kind="incubator").count() >= 3
    # Real units are not flagged synthetic.
    assert not Organization.objects.get(name="Télécom Paris").is_synthetic


def test_one_login_per_role_printed(directory_demo):
    User = get_user_model()
    for role in Role.values:
        assert role in directory_demo or Role(role).label in directory_demo
    officer = User.objects.get(username="officer")
    assert officer.check_password("demo-officer-2026")
    access = get_access(officer)
    telecom_paris = Organization.objects.get(name="Télécom Paris")
    assert telecom_paris.pk in access.scopes[Role.OFFICER]
    assert "demo-officer-2026" in directory_demo


def test_running_it_twice_changes_nothing(directory_demo):
    counts = (Organization.objects.count(), Person.objects.count())
    load_demo()
    assert (Organization.objects.count(), Person.objects.count()) == counts
