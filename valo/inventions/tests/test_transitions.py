"""The state machine: each transition checks its preconditions, explains a refusal and writes nothing
when it refuses; the legal clocks run from the right dates."""

from __future__ import annotations

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse

from valo.core.models import ObjectChange
from valo.inventions import transitions as t
from valo.inventions.choices import InventionState as S
from valo.inventions.models import Invention, StateChange
from valo.inventions.tests.conftest import make_invention

pytestmark = pytest.mark.django_db


def agree_all(invention):
    return {i.pk: ("agrees", "") for i in invention.inventorships.all()}


def walk_to(invention, state, user, day=datetime.date(2024, 10, 31)):
    """Move an invention to `state` through the real transitions."""
    steps = [S.DECLARED, S.QUALIFIED, S.UNDER_ASSESSMENT, S.DECIDED, S.PROTECTED, S.TRANSFERRED]
    for step in steps[: steps.index(state) + 1] if state in steps else []:
        if step == S.DECLARED:
            t.submit(invention, user=user, today=day)
        elif step == S.QUALIFIED:
            t.qualify(invention, user=user, ownership_class="mission", today=day)
        elif step == S.UNDER_ASSESSMENT:
            meeting = t.schedule_assessment(invention, user=user, meeting_on=day)
        elif step == S.DECIDED:
            meeting.participants.update(attended=True)
            t.close_assessment(meeting, user=user, minutes="ok")
            t.decide(
                invention,
                user=user,
                protection_route="patent",
                valorisation_route="licence",
                rationale="Strong case.",
                positions=agree_all(invention),
                today=day,
            )
        elif step == S.PROTECTED:
            # The evidence other apps require (a patent family, valo.patents) is theirs to test:
            # here the invention's own rules only.
            with mock.patch.dict(t.PROTECTION_EVIDENCE, clear=True):
                t.protect(invention, user=user)
        elif step == S.TRANSFERRED:
            t.transfer(invention, user=user)
    if state in (S.RELEASED, S.ABANDONED):
        walk_to(invention, S.DECIDED, user, day)
        getattr(t, "release" if state == S.RELEASED else "abandon")(
            invention, user=user, reason="r"
        )
    invention.refresh_from_db()
    return invention


class TestSubmission:
    def test_shares_not_adding_up_to_one_block_submission(self, cast, login, api):
        invention = make_invention(
            cast,
            cast.lab_a,
            [cast.people["researcher_a"], cast.people["researcher_a2"]],
            shares=["0.5", "0.4"],
        )
        with pytest.raises(t.TransitionRefused) as refusal:
            t.submit(invention, user=cast.users["researcher_a"])
        assert refusal.value.reasons == [
            "The inventors' contributions add up to 0.9; they must add up to 1 (to within the rounding of each to 4 decimals)."
        ]
        response = api("researcher_a").post(f"/api/inventions/inventions/{invention.pk}/submit/")
        assert response.status_code == 409
        assert "add up to 0.9" in response.json()["reasons"][0]
        page = login("researcher_a").post(
            reverse("inventions_transition", args=[invention.pk, "submit"])
        )
        assert page.status_code == 409 and "add up to 0.9" in page.content.decode()
        invention.refresh_from_db()
        assert invention.state == S.DRAFT and invention.received_on is None

    def test_thirds_must_be_exact(self, cast):
        invention = make_invention(
            cast, cast.lab_a, [cast.people["researcher_a"]], shares=["0.3333"]
        )
        assert "add up to 0.3333" in t.submission_problems(invention)[0]

    def test_an_empty_draft_lists_everything_missing(self, cast):
        invention = Invention.objects.create(title="Idea", created_by=cast.users["researcher_a"])
        assert t.submission_problems(invention) == [
            "Describe the invention (confidential description).",
            "Name at least one owning unit (laboratory or school).",
            "Name at least one inventor.",
        ]

    def test_submitting_starts_both_clocks(self, cast, inv_a):
        t.submit(inv_a, user=cast.users["researcher_a"], today=datetime.date(2024, 12, 31))
        inv_a.refresh_from_db()
        assert inv_a.state == S.DECLARED
        assert inv_a.received_on == inv_a.complete_on == datetime.date(2024, 12, 31)
        assert inv_a.classification_deadline() == datetime.date(2025, 2, 28)  # 2 months, month end
        assert inv_a.claim_deadline() == datetime.date(2025, 4, 30)  # 4 months
        assert [c.rule.source for c in inv_a.legal_clocks()] == [
            "CPI R611-7 (from receipt of the declaration)",
            "CPI R611-7 (from receipt of a complete declaration)",
        ]


class TestLegalClocks:
    def test_claim_clock_restarts_from_the_completed_declaration(self, cast, inv_a):
        officer = cast.users["officer_a"]
        t.submit(inv_a, user=officer, today=datetime.date(2024, 3, 1))
        t.request_information(inv_a, user=officer, note="Which materials?")
        inv_a.refresh_from_db()
        assert inv_a.state == S.DRAFT and inv_a.complete_on is None
        t.submit(inv_a, user=officer, today=datetime.date(2024, 4, 15))
        inv_a.refresh_from_db()
        # Receipt stays the first one; completeness is the second submission.
        assert inv_a.received_on == datetime.date(2024, 3, 1)
        assert inv_a.classification_deadline() == datetime.date(2024, 5, 1)
        assert inv_a.complete_on == datetime.date(2024, 4, 15)
        assert inv_a.claim_deadline() == datetime.date(2024, 8, 15)

    def test_periods_are_read_from_the_dated_parameter_in_force(self, cast, inv_a):
        from valo.core.models import Parameter

        Parameter.objects.create(
            key="inventions-attributable-claim",
            label="claim (new law)",
            value=Decimal(6),
            unit="months",
            start=datetime.date(2025, 1, 1),
            source="hypothetical reform",
        )
        inv_a.complete_on = datetime.date(2024, 12, 15)
        assert inv_a.claim_deadline() == datetime.date(2025, 4, 15)  # old rule in force that day
        inv_a.complete_on = datetime.date(2025, 1, 15)
        assert inv_a.claim_deadline() == datetime.date(2025, 7, 15)


# Every (state, transition) pair the state machine does not allow.
ILLEGAL = [
    (state, name)
    for state in S.values
    for name, item in t.TRANSITIONS.items()
    if state not in item.sources
]
API_NAMES = {
    "schedule_assessment": "schedule-assessment",
    "request_information": "request-information",
}
API_BODIES = {
    "qualify": {"ownership_class": "mission"},
    "schedule_assessment": {"meeting_on": "2025-01-10"},
    "decide": {
        "protection_route": "patent",
        "valorisation_route": "licence",
        "rationale": "x",
        "positions": [],
    },
    "release": {"reason": "x"},
    "abandon": {"reason": "x"},
    "request_information": {"note": "x"},
}
PAGE_BODIES = {
    "qualify": {"ownership_class": "mission", "complete_on": "2024-10-31"},
    "schedule_assessment": {"meeting_on": "2025-01-10"},
    "decide": {"protection_route": "patent", "valorisation_route": "licence", "rationale": "x"},
    "release": {"reason": "x"},
    "abandon": {"reason": "x"},
}


@pytest.mark.parametrize(("state", "name"), ILLEGAL)
def test_illegal_transitions_are_refused_with_their_reason_and_write_nothing(
    cast, inv_a, api, login, state, name
):
    walk_to(inv_a, state, cast.users["officer_a"])
    records, moves = ObjectChange.objects.count(), StateChange.objects.count()
    response = api("admin").post(
        f"/api/inventions/inventions/{inv_a.pk}/{API_NAMES.get(name, name)}/",
        API_BODIES.get(name, {}),
        format="json",
    )
    assert response.status_code == 409, response.json()
    reason = response.json()["reasons"][0]
    assert f"from the state “{S(state).label}”" in reason
    page = login("admin").post(
        reverse("inventions_transition", args=[inv_a.pk, name]), PAGE_BODIES.get(name, {})
    )
    assert page.status_code == 409
    assert "from the state" in page.content.decode()
    inv_a.refresh_from_db()
    assert inv_a.state == state
    assert (ObjectChange.objects.count(), StateChange.objects.count()) == (records, moves)


class TestPreconditions:
    def test_an_intern_needs_a_hosting_agreement_before_qualification(self, cast):
        cast.people["researcher_a2"].affiliations.update(status="intern")
        invention = make_invention(
            cast,
            cast.lab_a,
            [cast.people["researcher_a"], cast.people["researcher_a2"]],
            shares=["0.5", "0.5"],
        )
        t.submit(invention, user=cast.users["officer_a"])
        with pytest.raises(t.TransitionRefused, match="is an intern: record the hosting agreement"):
            t.qualify(invention, user=cast.users["officer_a"], ownership_class="mission")

    def test_ownership_is_suggested_from_statuses_and_employers(self, cast):
        cast.people["researcher_a2"].affiliations.update(
            status="cifre_doctoral_student", organization=cast.company
        )
        invention = make_invention(
            cast,
            cast.lab_a,
            [cast.people["researcher_a"], cast.people["researcher_a2"]],
            shares=["0.5", "0.5"],
        )
        suggestion = t.suggest_ownership(invention)
        assert suggestion.ownership_class == "mission"
        assert suggestion.co_owners == [cast.company]
        assert "CIFRE doctoral student, employed by Acme Industries" in suggestion.notes[0]

    def test_a_meeting_without_inventors_needs_a_reason_to_close(self, cast, inv_a):
        officer = cast.users["officer_a"]
        walk_to(inv_a, S.UNDER_ASSESSMENT, officer)
        meeting = inv_a.assessments.get()
        assert set(meeting.participants.values_list("role", flat=True)) == {"inventor"}
        with pytest.raises(t.TransitionRefused, match="No inventor attended"):
            t.close_assessment(meeting, user=officer, minutes="m")
        t.close_assessment(
            meeting, user=officer, minutes="m", absent_reason="Both abroad; consulted by mail."
        )
        meeting.refresh_from_db()
        assert meeting.status == "closed"

    def test_the_decision_needs_a_closed_meeting_and_every_inventors_position(self, cast, inv_a):
        committee = cast.users["committee"]
        walk_to(inv_a, S.UNDER_ASSESSMENT, cast.users["officer_a"])
        first = inv_a.inventorships.order_by("-share").first()
        with pytest.raises(t.TransitionRefused) as refusal:
            t.decide(
                inv_a,
                user=committee,
                protection_route="patent",
                valorisation_route="licence",
                rationale="",
                positions={first.pk: ("agrees", "")},
            )
        assert refusal.value.reasons == [
            "Close the assessment meeting before recording the decision.",
            "Give the rationale of the decision.",
            "Record whether Researcher_A2 Tester agrees with the decision or objects to it.",
        ]
        assert not hasattr(Invention.objects.get(pk=inv_a.pk), "decision")

    def test_a_committee_member_decides_and_an_objection_is_kept(self, cast, inv_a):
        walk_to(inv_a, S.UNDER_ASSESSMENT, cast.users["officer_a"])
        meeting = inv_a.assessments.get()
        meeting.participants.update(attended=True)
        t.close_assessment(meeting, user=cast.users["committee"], minutes="Discussed.")
        positions = agree_all(inv_a)
        objector = inv_a.inventorships.order_by("share").first()
        positions[objector.pk] = ("objects", "Prefers to publish.")
        decision = t.decide(
            inv_a,
            user=cast.users["committee"],
            protection_route="patent",
            valorisation_route="spin_off",
            rationale="Spin-off project.",
            positions=positions,
        )
        assert decision.agreements.get(inventorship=objector).comment == "Prefers to publish."
        assert Invention.objects.get(pk=inv_a.pk).state == S.DECIDED

    def test_a_publish_decision_cannot_be_marked_protected(self, cast, inv_a):
        officer = cast.users["officer_a"]
        walk_to(inv_a, S.DECIDED, officer)
        inv_a.decision.protection_route = "publish"
        inv_a.decision.save()
        with pytest.raises(t.TransitionRefused, match="protects nothing"):
            t.protect(inv_a, user=officer)
        t.transfer(inv_a, user=officer, note="Licence of the know-how.")
        assert Invention.objects.get(pk=inv_a.pk).state == S.TRANSFERRED

    def test_release_and_abandon_need_a_reason(self, cast, inv_a):
        officer = cast.users["officer_a"]
        walk_to(inv_a, S.DECIDED, officer)
        with pytest.raises(t.TransitionRefused, match="Give the reason"):
            t.release(inv_a, user=officer, reason=" ")
        t.release(inv_a, user=officer, reason="No partner after 12 months.")
        inv_a.refresh_from_db()
        assert inv_a.state == S.RELEASED and inv_a.closing_reason == "No partner after 12 months."


def test_each_move_is_recorded_with_who_and_when(cast, inv_a, api):
    response = api("officer_a").post(f"/api/inventions/inventions/{inv_a.pk}/submit/")
    assert response.status_code == 200 and response.json()["state"] == "declared"
    history = api("officer_a").get(f"/api/inventions/inventions/{inv_a.pk}/history/").json()
    assert [(h["from_state"], h["to_state"], h["user_name"]) for h in history] == [
        ("draft", "declared", "officer_a")
    ]


def test_the_api_does_not_write_the_state_field(cast, inv_a, api):
    response = api("officer_a").patch(
        f"/api/inventions/inventions/{inv_a.pk}/", {"state": "decided"}
    )
    assert response.status_code == 200
    inv_a.refresh_from_db()
    assert inv_a.state == S.DRAFT


def test_the_meeting_is_held_through_the_api(cast, inv_a, api):
    officer, committee = api("officer_a"), api("committee")
    walk_to(inv_a, S.QUALIFIED, cast.users["officer_a"])
    meeting = officer.post(
        f"/api/inventions/inventions/{inv_a.pk}/schedule-assessment/", {"meeting_on": "2025-03-01"}
    ).json()
    scores = committee.get(f"/api/inventions/scores/?assessment={meeting['id']}").json()["results"]
    assert len(scores) == 7
    assert (
        committee.patch(f"/api/inventions/scores/{scores[0]['id']}/", {"score": 6}).status_code
        == 400
    )
    assert (
        committee.patch(f"/api/inventions/scores/{scores[0]['id']}/", {"score": 4}).status_code
        == 200
    )
    people = committee.get(f"/api/inventions/participants/?assessment={meeting['id']}").json()[
        "results"
    ]
    refused = committee.post(f"/api/inventions/meetings/{meeting['id']}/close/", {"minutes": "m"})
    assert refused.status_code == 409 and "No inventor attended" in refused.json()["reasons"][0]
    for person in people:
        committee.patch(f"/api/inventions/participants/{person['id']}/", {"attended": True})
    closed = committee.post(f"/api/inventions/meetings/{meeting['id']}/close/", {"minutes": "m"})
    assert closed.status_code == 200 and closed.json()["weighted_score"] == "4.00"
    late = committee.patch(f"/api/inventions/scores/{scores[1]['id']}/", {"score": 1})
    assert late.status_code == 409
    positions = [{"inventorship": i.pk, "position": "agrees"} for i in inv_a.inventorships.all()]
    decided = committee.post(
        f"/api/inventions/inventions/{inv_a.pk}/decide/",
        {
            "protection_route": "patent",
            "valorisation_route": "licence",
            "rationale": "Go.",
            "positions": positions,
        },
        format="json",
    )
    assert decided.status_code == 200 and decided.json()["state"] == "decided"
    # An inventor may not score: the whole kind of write is refused (403), whatever the row.
    assert (
        api("researcher_a")
        .patch(f"/api/inventions/scores/{scores[1]['id']}/", {"score": 1})
        .status_code
        == 403
    )


def test_every_transition_has_its_step_with_a_page_form_and_an_api_input():
    from valo.inventions.steps import STEPS

    assert set(STEPS) == set(t.TRANSITIONS)
    for step in STEPS.values():
        assert (step.form is None) == (step.api_input is None), step.name


def test_the_api_records_the_co_owners_at_qualification(cast, inv_a, api):
    """Co-owners were written by the page's view only: the API could not reach them."""
    t.submit(inv_a, user=cast.users["officer_a"])
    response = api("officer_a").post(
        f"/api/inventions/inventions/{inv_a.pk}/qualify/",
        {"ownership_class": "mission", "co_owners": [cast.company.pk]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert list(inv_a.co_owners.values_list("organization", flat=True)) == [cast.company.pk]
    # An internal unit is no co-owner: refused field by field, nothing written.
    other = make_invention(cast, cast.lab_a, [cast.people["researcher_a"]], shares=["1"])
    t.submit(other, user=cast.users["officer_a"])
    refused = api("officer_a").post(
        f"/api/inventions/inventions/{other.pk}/qualify/",
        {"ownership_class": "mission", "co_owners": [cast.school_a.pk]},
        format="json",
    )
    assert refused.status_code == 400 and "co_owners" in refused.json()
    other.refresh_from_db()
    assert other.state == "declared" and not other.co_owners.exists()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("1/3", "0.3333"), ("33.33 %", "0.3333"), ("0,5", "0.5"), ("2/3", "0.6667"), ("50%", "0.5")],
)
def test_contributions_typed_as_fractions_or_percentages(typed, stored):
    from valo.inventions.forms import parse_contribution

    assert parse_contribution(typed) == Decimal(stored)


@pytest.mark.parametrize("typed", ["1/0", "abc", "NaN", "1e999999999"])
def test_a_contribution_that_is_not_a_number_is_refused(typed):
    from django.core.exceptions import ValidationError

    from valo.inventions.forms import parse_contribution

    with pytest.raises(ValidationError):
        parse_contribution(typed)


def test_three_equal_inventors_can_submit_and_the_residue_is_shown():
    from valo.inventions.transitions import contributions_complete

    # 3 × 0.3333 = 0.9999: within 3 × 0.00005 of 1 (the rounding of each to 4 decimals).
    assert contributions_complete(Decimal("0.9999"), 3)
    # 0.3 + 0.3 + 0.3 = 0.9 is a mistake, not rounding.
    assert not contributions_complete(Decimal("0.9"), 3)
    assert not contributions_complete(Decimal("0.9998"), 1)


@pytest.mark.parametrize(
    ("ownership", "claim_clock"),
    [("", True), ("attributable", True), ("mission", False), ("outside", False)],
)
def test_the_claim_clock_applies_only_to_attributable_inventions(cast, ownership, claim_clock):
    # CPI R611-7: the employer claims an attributable invention within 4 months of the complete
    # declaration; a mission invention is the employer's already, a free one the inventor's.
    invention = make_invention(
        cast,
        cast.lab_a,
        [cast.people["researcher_a"]],
        state=S.QUALIFIED,
        received_on=datetime.date(2026, 9, 1),
        complete_on=datetime.date(2026, 9, 1),
        ownership_class=ownership,
        qualified_on=datetime.date(2026, 9, 20) if ownership else None,
    )
    keys = [clock.rule.key for clock in invention.legal_clocks()]
    assert ("inventions-attributable-claim" in keys) is claim_clock


def test_the_work_queue_does_not_show_a_clock_that_does_not_apply(client, cast):
    make_invention(
        cast,
        cast.lab_a,
        [cast.people["researcher_a"]],
        title="Mission widget",
        state=S.QUALIFIED,
        received_on=datetime.date(2026, 6, 1),
        complete_on=datetime.date(2026, 6, 1),
        ownership_class="mission",
        qualified_on=datetime.date(2026, 6, 20),
    )
    client.force_login(cast.users["officer_a"])
    page = client.get(reverse("inventions_queue")).content.decode()
    assert "Mission widget" in page  # to schedule
    assert "attributable" not in page.lower()


def test_the_decision_form_chooses_no_route_in_advance(cast, inv_a, login):
    """Issue 14: the form preselected patent + licence; now the committee picks both routes, and a
    decision without them is refused field by field."""
    walk_to(inv_a, S.UNDER_ASSESSMENT, cast.users["officer_a"])
    url = reverse("inventions_transition", args=[inv_a.pk, "decide"])
    client = login("officer_a")
    form = client.get(url).context["form"]
    assert form["protection_route"].value() in (None, "")
    assert form["valorisation_route"].value() in (None, "")
    refused = client.post(url, {"rationale": "x"})
    assert set(refused.context["form"].errors) >= {"protection_route", "valorisation_route"}
    inv_a.refresh_from_db()
    assert inv_a.state == S.UNDER_ASSESSMENT


@pytest.mark.django_db
def test_the_maturity_criterion_says_which_trl_each_score_means():
    """Issue 14: "TRL 1 to 9" on a 0–5 score; the guidance now maps the scores to TRLs."""
    from valo.inventions.models import Criterion
    from valo.inventions.models.assessments import MAX_SCORE

    maturity = Criterion.objects.get(code="maturity")
    assert maturity.help_en.startswith("Score 0: TRL 1") and f"{MAX_SCORE}: TRL 8–9" in (
        maturity.help_en
    )
    assert maturity.help_fr.startswith("Note 0 : TRL 1")


@pytest.mark.django_db
def test_the_queue_lists_the_planned_disclosures_soonest_first(cast, login):
    """Issue 14: the disclosures were listed invention by invention, out of date order."""
    from django.utils import timezone

    from valo.inventions.models import Disclosure

    today = timezone.localdate()
    first = make_invention(cast, cast.lab_a, [cast.people["researcher_a"]], title="First")
    second = make_invention(cast, cast.lab_a, [cast.people["researcher_a"]], title="Second")
    for invention, days, title in (
        (first, 40, "late talk"),
        (second, 3, "thesis defence"),
        (first, 10, "paper"),
        (second, 90, "beyond the window"),
    ):
        Disclosure.objects.create(
            invention=invention,
            kind="talk",
            title=title,
            planned_on=today + datetime.timedelta(days=days),
        )
    queue = login("officer_a").get(reverse("inventions_queue"))
    assert [d.title for d in queue.context["disclosures"]] == [
        "thesis defence",
        "paper",
        "late talk",
    ]


class TestStaleQueue:
    """Issue 14: what clutters the work queue can be closed with its reason — a meeting that will not
    be held (its invitees told, the invention back to be scheduled), a legal clock answered outside
    valo."""

    def test_a_meeting_left_open_is_cancelled_with_its_reason(self, cast, inv_a, login):
        officer = cast.users["officer_a"]
        invention = walk_to(inv_a, S.UNDER_ASSESSMENT, officer)
        meeting = invention.assessments.get()
        client = login("officer_a")
        url = reverse("inventions_assessment_cancel", args=[meeting.pk])
        client.post(url, {"reason": ""})
        meeting.refresh_from_db()
        assert meeting.status == "scheduled"  # no reason, nothing done
        client.post(url, {"reason": "The committee of 2016 never met."})
        meeting.refresh_from_db()
        invention.refresh_from_db()
        assert (meeting.status, meeting.cancel_reason) == (
            "cancelled",
            "The committee of 2016 never met.",
        )
        assert meeting.invitation_sequence == 1 and invention.state == S.QUALIFIED
        change = StateChange.objects.filter(invention=invention).latest("pk")
        assert (change.transition, change.note) == (
            "cancel_assessment",
            "The committee of 2016 never met.",
        )
        queue = client.get(reverse("inventions_queue")).content.decode()
        assert meeting.get_absolute_url() not in queue
        # Another school's officer may not cancel one.
        other = walk_to(
            make_invention(cast, cast.lab_a, [cast.people["researcher_a"]], title="Second"),
            S.UNDER_ASSESSMENT,
            officer,
        ).assessments.get()
        login("officer_b").post(
            reverse("inventions_assessment_cancel", args=[other.pk]), {"reason": "x"}
        )
        other.refresh_from_db()
        assert other.status == "scheduled"

    def test_an_overdue_clock_is_closed_with_its_reason(self, cast, inv_a, login):
        t.submit(inv_a, user=cast.users["researcher_a"], today=datetime.date(2017, 3, 1))
        client = login("officer_a")
        queue = client.get(reverse("inventions_queue")).content.decode()
        key = "inventions-classification-answer"
        assert reverse("inventions_clock_close", args=[inv_a.pk, key]) in queue
        client.post(
            reverse("inventions_clock_close", args=[inv_a.pk, key]),
            {"reason": "Answered by letter on 20 April 2017."},
        )
        queue = client.get(reverse("inventions_queue")).content.decode()
        assert reverse("inventions_clock_close", args=[inv_a.pk, key]) not in queue
        page = client.get(inv_a.get_absolute_url()).content.decode()
        assert "closed by officer_a: Answered by letter on 20 April 2017." in page
        unknown = client.post(
            reverse("inventions_clock_close", args=[inv_a.pk, "no-such-clock"]), {"reason": "x"}
        )
        assert unknown.status_code == 302
        assert inv_a.dismissals.count() == 1


def test_protection_waits_for_the_evidence_its_route_registers(cast, inv_a):
    """An app may register what shows a route's protection is in place (valo.patents: the family);
    without it, "Mark protected" is refused and says what to do."""
    user = cast.users["officer_a"]
    decided = walk_to(inv_a, S.DECIDED, user)
    evidence = {"patent": (lambda invention: False, "File it first.")}
    with mock.patch.dict(t.PROTECTION_EVIDENCE, evidence, clear=True):
        with pytest.raises(t.TransitionRefused, match="File it first"):
            t.protect(decided, user=user)
    decided.refresh_from_db()
    assert decided.state == S.DECIDED
