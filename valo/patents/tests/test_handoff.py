"""Issue 14: the invention-to-patent handoff. An invention decided for a patent offers "protect this
invention": the family and its first application are created prefilled (title, unit, inventors, the
institution and the co-owners to be as owners, the unit's officer as responsible), its deadlines
computed, and the invention marked protected."""

from __future__ import annotations

import datetime

import pytest

from valo.inventions.choices import InventionState
from valo.inventions.models import CoOwnerToBe
from valo.inventions.tests.conftest import make_invention
from valo.inventions.tests.test_transitions import walk_to
from valo.patents.models import PatentFamily

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(cast):
    invention = make_invention(
        cast, cast.lab_a, [cast.people["researcher_a"], cast.people["researcher_a2"]]
    )
    invention = walk_to(invention, InventionState.DECIDED, cast.users["officer_a"])
    CoOwnerToBe.objects.create(invention=invention, organization=cast.company)
    return invention


def test_protect_this_invention_creates_its_family_prefilled(cast, decided, login):
    client = login("officer_a")
    page = client.get(decided.get_absolute_url()).content.decode()
    assert 'data-testid="protect"' in page
    url = f"/patents/from-invention/{decided.pk}/"
    form = client.get(url)
    assert form.status_code == 200
    initial = form.context["form"].initial
    year = datetime.date.today().year
    assert initial["reference"] == f"FAM-{year}-001" and initial["title"] == decided.title
    assert initial["unit"] == cast.lab_a
    answer = client.post(
        url,
        {
            "reference": f"FAM-{year}-001",
            "title": decided.title,
            "unit": cast.lab_a.pk,
            "office": "FR",
            "route": "first_filing",
            "filing_date": f"{year}-01-15",
        },
    )
    assert answer.status_code == 302
    family = PatentFamily.objects.get(invention=decided)
    (application,) = family.applications.all()
    assert (application.office, application.route) == ("FR", "first_filing")
    owners = sorted((o.organization.name, str(o.share)) for o in application.owners.all())
    assert owners == [("Acme Industries", "0.5000"), ("Test Institute", "0.5000")]
    assert [i.person for i in application.inventors.all()] == [
        cast.people["researcher_a"],
        cast.people["researcher_a2"],
    ]
    assert application.deadlines.filter(label__icontains="priority").exists()
    decided.refresh_from_db()
    assert decided.state == InventionState.PROTECTED
    # Its page now lists the family.
    assert family.reference in client.get(decided.get_absolute_url()).content.decode()


def test_protecting_is_the_decided_inventions_next_step_for_who_may_take_it(cast, decided, login):
    """Issue 14: the button sat in the "Assets and files" tab; it is now the first of the next
    steps, beside the transitions, for a user who may create families, and gone once filed."""
    step = 'data-testid="protection-step"'
    url = f"/patents/from-invention/{decided.pk}/"
    page = login("officer_a").get(decided.get_absolute_url()).content.decode()
    assert step in page and f'href="{url}"' in page
    next_steps = page.split("Next steps", 1)[1].split("nav-tabs", 1)[0]
    assert step in next_steps and "Mark protected" in next_steps
    assert step not in login("auditor").get(decided.get_absolute_url()).content.decode()
    PatentFamily.objects.create(reference="FAM-Y", title="t", unit=cast.lab_a, invention=decided)
    assert step not in login("officer_a").get(decided.get_absolute_url()).content.decode()


def test_the_handoff_refuses_what_it_must(cast, decided, login):
    client = login("officer_a")
    url = f"/patents/from-invention/{decided.pk}/"
    PatentFamily.objects.create(reference="FAM-TAKEN", title="x", unit=cast.lab_a)
    taken = client.post(
        url,
        {
            "reference": "FAM-TAKEN",
            "title": "t",
            "unit": cast.lab_a.pk,
            "office": "FR",
            "route": "first_filing",
        },
    )
    assert taken.status_code == 400 and 'data-field="reference"' in taken.content.decode()
    company_unit = client.post(
        url,
        {
            "reference": "FAM-X",
            "title": "t",
            "unit": cast.company.pk,
            "office": "FR",
            "route": "first_filing",
        },
    )
    assert company_unit.status_code == 400 and 'data-field="unit"' in company_unit.content.decode()
    assert login("officer_b").get(url).status_code == 404  # another school's invention
    draft = make_invention(cast, cast.lab_a, [cast.people["researcher_a"]])
    assert login("officer_a").get(f"/patents/from-invention/{draft.pk}/").status_code == 404
    assert not PatentFamily.objects.filter(invention=decided).exists()


def test_mark_protected_needs_the_family(cast, decided, login):
    """Issue 14: "Mark protected" worked with no family; a patent is protected once filed."""
    from valo.inventions import transitions

    with pytest.raises(transitions.TransitionRefused, match="Create its patent family first"):
        transitions.protect(decided, user=cast.users["officer_a"])
    decided.refresh_from_db()
    assert decided.state == InventionState.DECIDED
    PatentFamily.objects.create(
        reference="FAM-X-1", title=decided.title, unit=cast.lab_a, invention=decided
    )
    transitions.protect(decided, user=cast.users["officer_a"])
    decided.refresh_from_db()
    assert decided.state == InventionState.PROTECTED
