"""The invention's state machine. Each transition is one function that checks who may make it and its
preconditions, explains a refusal in plain words, and records who moved the invention and when.

    draft ──submit──► declared ──qualify──► qualified ──schedule_assessment──► under assessment
      ▲                  │                                                      │ decide
      └─request_information                                                     ▼
                                    protected ◄──protect── decided ──release──► released
                                        └────transfer──►  transferred ◄─transfer─┘
    abandon: from any state before the end.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from valo.directory.choices import INTERNAL_KINDS, PersonStatus
from valo.inventions import notices
from valo.inventions.choices import (
    FINAL_STATES,
    PROTECTING_ROUTES,
    AssessmentStatus,
    InventionState,
    InventorPosition,
    OwnershipClass,
    ParticipantRole,
    ValorisationRoute,
)
from valo.inventions.models import (
    Assessment,
    AssessmentParticipant,
    CoOwnerToBe,
    Criterion,
    Decision,
    Invention,
    InventorAgreement,
    Score,
    StateChange,
)

S = InventionState
# Statuses whose holders are agents of the institution (CPI L611-7; L611-7-1 for hosted people).
HOSTED_STATUSES = frozenset({PersonStatus.INTERN, PersonStatus.EMERITUS})


class TransitionRefused(Exception):
    """The transition cannot be made now; `reasons` say why, in plain words."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__(" ".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class Transition:
    name: str
    label: Any
    sources: frozenset[str]
    permission: str  # the access action the user needs on the invention
    style: str = "primary"


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "submit", gettext_lazy("Submit the declaration"), frozenset({S.DRAFT}), "submit"
        ),
        Transition(
            "request_information",
            gettext_lazy("Ask for more information"),
            frozenset({S.DECLARED}),
            "change",
            "outline-secondary",
        ),
        Transition("qualify", gettext_lazy("Qualify"), frozenset({S.DECLARED}), "change"),
        Transition(
            "schedule_assessment",
            gettext_lazy("Schedule the assessment"),
            frozenset({S.QUALIFIED}),
            "change",
        ),
        Transition(
            "decide", gettext_lazy("Record the decision"), frozenset({S.UNDER_ASSESSMENT}), "assess"
        ),
        Transition("protect", gettext_lazy("Mark protected"), frozenset({S.DECIDED}), "change"),
        Transition(
            "transfer",
            gettext_lazy("Mark transferred"),
            frozenset({S.DECIDED, S.PROTECTED}),
            "change",
        ),
        Transition(
            "release",
            gettext_lazy("Release to the inventors"),
            frozenset({S.DECIDED}),
            "change",
            "outline-warning",
        ),
        Transition(
            "abandon",
            gettext_lazy("Abandon"),
            frozenset(set(S.values) - FINAL_STATES - {S.TRANSFERRED}),
            "change",
            "outline-danger",
        ),
    ]
}


def available(invention: Invention, user: Any) -> list[Transition]:
    """The transitions this user could attempt from the invention's state (preconditions aside)."""
    found = []
    for item in TRANSITIONS.values():
        if invention.state in item.sources and permitted(invention, user, item.permission):
            found.append(item)
    return found


def permitted(invention: Invention, user: Any, permission: str) -> bool:
    return Invention.objects.restrict(user, permission).filter(pk=invention.pk).exists()


def _begin(invention: Invention, user: Any, name: str) -> Invention:
    """Lock the invention, check the user's right and the state; return the locked copy."""
    item = TRANSITIONS[name]
    locked = Invention.objects.select_for_update().get(pk=invention.pk)
    if not permitted(locked, user, item.permission):
        raise PermissionDenied(_("You may not do this on this invention."))
    _refuse_if(state_problems(locked, name))
    return locked


def state_problems(invention: Invention, name: str) -> list[str]:
    """Why the transition cannot start from the invention's state (empty when it can)."""
    item = TRANSITIONS[name]
    if invention.state in item.sources:
        return []
    allowed = ", ".join(str(S(s).label) for s in sorted(item.sources))
    return [
        _("“%(action)s” is not possible from the state “%(state)s” (only from: %(allowed)s).")
        % {"action": item.label, "state": invention.get_state_display(), "allowed": allowed}
    ]


def _move(
    invention: Invention, user: Any, name: str, to: str, note: str = "", **fields: Any
) -> None:
    before = invention.state
    invention.state = to
    for field, value in fields.items():
        setattr(invention, field, value)
    invention.save()
    StateChange.objects.create(
        invention=invention,
        transition=name,
        from_state=before,
        to_state=to,
        user_name=user.get_username() if user is not None else "system",
        note=note,
    )
    if name != "schedule_assessment":  # its invitation goes once the meeting's invitees are in
        notices.transition_made(invention, user, name, note)


def _refuse_if(reasons: list[str]) -> None:
    if reasons:
        raise TransitionRefused(reasons)


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


# --- the transitions ----------------------------------------------------------------------------


# Contributions are stored to 4 decimals: each may be off its exact value by half a unit of the last.
CONTRIBUTION_ROUNDING = Decimal("0.00005")


def contributions_complete(total: Decimal, count: int) -> bool:
    """Whether contributions rounded to 4 decimals add up to 1: exactly, or within the rounding of
    each (three equal inventors: 3 × 0.3333 = 0.9999, the residue 0.0001 is shown on the
    invention and the institution's agents' coefficients are taken relative to their sum)."""
    return abs(Decimal(1) - total) <= CONTRIBUTION_ROUNDING * count


def submission_problems(invention: Invention) -> list[str]:
    """What keeps a draft from being submitted (empty when it can be)."""
    reasons = []
    if not invention.confidential_description.strip():
        reasons.append(_("Describe the invention (confidential description)."))
    if not invention.units.exists():
        reasons.append(_("Name at least one owning unit (laboratory or school)."))
    inventors = list(invention.inventorships.all())
    if not inventors:
        reasons.append(_("Name at least one inventor."))
    else:
        total = sum((i.share for i in inventors), Decimal(0))
        if not contributions_complete(total, len(inventors)):
            reasons.append(
                _(
                    "The inventors' contributions add up to %(total)s; they must add up to 1 "
                    "(to within the rounding of each to 4 decimals)."
                )
                % {"total": total.normalize()}
            )
    return reasons


@transaction.atomic
def submit(invention: Invention, *, user: Any, today: datetime.date | None = None) -> Invention:
    """Draft → declared. Starts the legal clocks: received now, complete now."""
    locked = _begin(invention, user, "submit")
    _refuse_if(submission_problems(locked))
    day = _today(today)
    _move(
        locked,
        user,
        "submit",
        S.DECLARED,
        received_on=locked.received_on or day,
        complete_on=day,
    )
    return locked


@transaction.atomic
def request_information(invention: Invention, *, user: Any, note: str) -> Invention:
    """Declared → draft, with the question. The 4-month clock restarts when it is submitted again."""
    locked = _begin(invention, user, "request_information")
    _refuse_if([] if note.strip() else [_("Say what information is missing.")])
    _move(locked, user, "request_information", S.DRAFT, note=note, complete_on=None)
    return locked


@dataclass(frozen=True)
class OwnershipSuggestion:
    ownership_class: str
    notes: list[str]
    co_owners: list[Any]


def suggest_ownership(invention: Invention) -> OwnershipSuggestion:
    """The ownership class the inventors' statuses and employers point to, with what to check."""
    notes: list[str] = []
    co_owners: list[Any] = []
    internal_agent = False
    for inventor in invention.inventorships.select_related("employer", "person"):
        employer = inventor.employer
        if inventor.status == PersonStatus.CIFRE_DOCTORAL_STUDENT:
            notes.append(
                _(
                    "%(name)s is a CIFRE doctoral student, employed by %(employer)s: ownership follows "
                    "the collaboration contract."
                )
                % {"name": inventor.name, "employer": employer or _("a company")}
            )
            if employer is not None and employer.kind not in INTERNAL_KINDS:
                co_owners.append(employer)
        elif inventor.status in HOSTED_STATUSES:
            if inventor.hosting_agreement:
                internal_agent = True
            else:
                notes.append(
                    _(
                        "%(name)s is hosted (%(status)s): without a hosting agreement the invention "
                        "is not transferred to the institution (CPI L611-7-1)."
                    )
                    % {"name": inventor.name, "status": inventor.get_status_display()}
                )
        elif (
            employer is not None
            and employer.kind in INTERNAL_KINDS
            and inventor.status != PersonStatus.EXTERNAL
        ):
            internal_agent = True
        else:
            notes.append(
                _("%(name)s is not employed by the institution: their employer may be a co-owner.")
                % {"name": inventor.name}
            )
            if employer is not None:
                co_owners.append(employer)
    suggested = OwnershipClass.MISSION if internal_agent else OwnershipClass.OUTSIDE
    return OwnershipSuggestion(suggested, notes, co_owners)


@transaction.atomic
def qualify(
    invention: Invention,
    *,
    user: Any,
    ownership_class: str,
    note: str = "",
    complete_on: datetime.date | None = None,
    co_owners: Iterable[Any] = (),
    today: datetime.date | None = None,
) -> Invention:
    """Declared → qualified: the ownership class is set and the co-owners to be are recorded
    (outside organisations that will share the title, each once)."""
    locked = _begin(invention, user, "qualify")
    reasons = []
    if ownership_class not in OwnershipClass.values:
        reasons.append(_("Choose the ownership class."))
    for inventor in locked.inventorships.all():
        if inventor.status == PersonStatus.INTERN and not inventor.hosting_agreement:
            reasons.append(
                _(
                    "%(name)s is an intern: record the hosting agreement reference first "
                    "(CPI L611-7-1)."
                )
                % {"name": inventor.name}
            )
    if complete_on is not None and locked.received_on and complete_on < locked.received_on:
        reasons.append(_("A declaration cannot be complete before it was received."))
    _refuse_if(reasons)
    _move(
        locked,
        user,
        "qualify",
        S.QUALIFIED,
        note=note,
        ownership_class=ownership_class,
        ownership_note=note,
        qualified_on=_today(today),
        complete_on=complete_on or locked.complete_on,
    )
    for organization in co_owners:
        CoOwnerToBe.objects.get_or_create(invention=locked, organization=organization)
    return locked


@transaction.atomic
def schedule_assessment(
    invention: Invention,
    *,
    user: Any,
    meeting_on: datetime.date,
    location: str = "",
    starts_at: datetime.time | None = None,
) -> Assessment:
    """Qualified → under assessment: a meeting is set and every inventor is invited to it."""
    locked = _begin(invention, user, "schedule_assessment")
    assessment = Assessment.objects.create(
        invention=locked, meeting_on=meeting_on, starts_at=starts_at, location=location
    )
    for inventor in locked.inventorships.all():
        AssessmentParticipant.objects.create(
            assessment=assessment,
            person=inventor.person,
            name=inventor.external_name,
            role=ParticipantRole.INVENTOR,
        )
    # One row per criterion of the grid in force, to be scored at the meeting.
    Score.objects.bulk_create(
        [Score(assessment=assessment, criterion=c) for c in Criterion.objects.filter(active=True)]
    )
    _move(locked, user, "schedule_assessment", S.UNDER_ASSESSMENT, note=str(meeting_on))
    notices.meeting_scheduled(assessment, user)
    return assessment


def close_problems(assessment: Assessment, absent_reason: str) -> list[str]:
    if assessment.status == AssessmentStatus.CLOSED:
        return [_("This meeting is already closed.")]
    if not assessment.inventors_attended() and not absent_reason.strip():
        return [
            _(
                "No inventor attended: record why the meeting went ahead without them, or mark "
                "who attended."
            )
        ]
    return []


@transaction.atomic
def close_assessment(
    assessment: Assessment, *, user: Any, minutes: str, absent_reason: str = ""
) -> Assessment:
    """Close a meeting: the inventors took part, or the reason they did not is recorded."""
    if not Assessment.objects.restrict(user, "change").filter(pk=assessment.pk).exists():
        raise PermissionDenied(_("You may not close this meeting."))
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _refuse_if(close_problems(locked, absent_reason))
    locked.minutes = minutes
    locked.inventors_absent_reason = absent_reason
    locked.status = AssessmentStatus.CLOSED
    locked.save()
    notices.meeting_closed(locked, user)
    return locked


@transaction.atomic
def decide(
    invention: Invention,
    *,
    user: Any,
    protection_route: str,
    valorisation_route: str,
    rationale: str,
    positions: dict[int, tuple[str, str]],
    today: datetime.date | None = None,
) -> Decision:
    """Under assessment → decided. Needs a closed meeting, both routes, a rationale, and each
    inventor's agreement or objection (`positions`: inventorship id → (position, comment))."""
    locked = _begin(invention, user, "decide")
    reasons = []
    meeting = (
        locked.assessments.filter(status=AssessmentStatus.CLOSED).order_by("-meeting_on").first()
    )
    if meeting is None:
        reasons.append(_("Close the assessment meeting before recording the decision."))
    if not rationale.strip():
        reasons.append(_("Give the rationale of the decision."))
    inventors = list(locked.inventorships.all())
    for inventor in inventors:
        position = positions.get(inventor.pk, (InventorPosition.PENDING, ""))[0]
        if position not in (InventorPosition.AGREES, InventorPosition.OBJECTS):
            reasons.append(
                _("Record whether %(name)s agrees with the decision or objects to it.")
                % {"name": inventor.name}
            )
    _refuse_if(reasons)
    decision = Decision(
        invention=locked,
        assessment=meeting,
        protection_route=protection_route,
        valorisation_route=valorisation_route,
        rationale=rationale,
        decided_on=_today(today),
    )
    decision.full_clean()
    decision.save()
    for inventor in inventors:
        position, comment = positions[inventor.pk]
        InventorAgreement.objects.create(
            decision=decision, inventorship=inventor, position=position, comment=comment
        )
    _move(locked, user, "decide", S.DECIDED, note=str(decision))
    return decision


# What shows that a decided protection is in place, by route: apps above this one register their
# evidence (valo.patents: the invention's patent family), so that "protected" is never a bare word.
# route -> (check(invention) -> bool, what to do when it is missing)
PROTECTION_EVIDENCE: dict[str, tuple[Callable[[Invention], bool], Any]] = {}
# route -> step(invention, user) -> (label, url) of the page that puts the evidence in place, or None
# when this user may not take it there (valo.patents: "Protect this invention").
PROTECTION_STEPS: dict[str, Callable[[Invention, Any], tuple[Any, str] | None]] = {}


def register_protection_evidence(
    route: str,
    check: Callable[[Invention], bool],
    missing: Any,
    step: Callable[[Invention, Any], tuple[Any, str] | None] | None = None,
) -> None:
    PROTECTION_EVIDENCE[route] = (check, missing)
    if step is not None:
        PROTECTION_STEPS[route] = step


def protection_step(invention: Invention, user: Any) -> tuple[Any, str] | None:
    """For a decided invention whose protection is not in place yet, the step that puts it in place
    (label, url) if this user may take it: the decided invention's main next step."""
    decision = getattr(invention, "decision", None)
    if invention.state != S.DECIDED or decision is None:
        return None
    evidence = PROTECTION_EVIDENCE.get(decision.protection_route)
    step = PROTECTION_STEPS.get(decision.protection_route)
    if evidence is None or step is None or evidence[0](invention):
        return None
    return step(invention, user)


@transaction.atomic
def protect(invention: Invention, *, user: Any, note: str = "") -> Invention:
    """Decided → protected, once the decided protection (patent, deposit, know-how) is in place."""
    locked = _begin(invention, user, "protect")
    decision = getattr(locked, "decision", None)
    if decision is None or decision.protection_route not in PROTECTING_ROUTES:
        raise TransitionRefused(
            [
                _(
                    "The decision protects nothing (publish or no protection): transfer, release or "
                    "abandon it instead."
                )
            ]
        )
    evidence = PROTECTION_EVIDENCE.get(decision.protection_route)
    if evidence is not None and not evidence[0](locked):
        raise TransitionRefused([str(evidence[1])])
    _move(locked, user, "protect", S.PROTECTED, note=note)
    return locked


@transaction.atomic
def transfer(invention: Invention, *, user: Any, note: str = "") -> Invention:
    """Decided or protected → transferred, once the licence, spin-off or partnership is signed."""
    locked = _begin(invention, user, "transfer")
    decision = getattr(locked, "decision", None)
    if decision is None or decision.valorisation_route == ValorisationRoute.NONE:
        raise TransitionRefused([_("The decision names no valorisation route to transfer by.")])
    _move(locked, user, "transfer", S.TRANSFERRED, note=note)
    return locked


def _with_reason(name: str, to: str) -> Callable[..., Invention]:
    @transaction.atomic
    def run(invention: Invention, *, user: Any, reason: str) -> Invention:
        locked = _begin(invention, user, name)
        _refuse_if([] if reason.strip() else [_("Give the reason.")])
        _move(locked, user, name, to, note=reason, closing_reason=reason)
        return locked

    run.__name__ = name
    return run


release = _with_reason("release", S.RELEASED)
release.__doc__ = "Decided → released: the institution gives the invention back to its inventors."
abandon = _with_reason("abandon", S.ABANDONED)
abandon.__doc__ = "Any state before the end → abandoned, with the reason."


@transaction.atomic
def cancel_assessment(assessment: Assessment, *, user: Any, reason: str) -> Assessment:
    """A meeting that will not be held (left open for years, the committee could not meet): it is
    cancelled with its reason, its invitees are told (iCalendar CANCEL), and the invention goes back
    to "qualified" to be scheduled again — or abandoned."""
    if not Assessment.objects.restrict(user, "change").filter(pk=assessment.pk).exists():
        raise PermissionDenied(_("You may not cancel this meeting."))
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    reasons = []
    if locked.status != AssessmentStatus.SCHEDULED:
        reasons.append(_("Only a scheduled meeting can be cancelled."))
    if not reason.strip():
        reasons.append(_("Give the reason."))
    _refuse_if(reasons)
    notices.meeting_cancelled(locked, user)
    locked.refresh_from_db()
    locked.status = AssessmentStatus.CANCELLED
    locked.cancel_reason = reason
    locked.save()
    invention = Invention.objects.select_for_update().get(pk=locked.invention_id)
    if (
        invention.state == S.UNDER_ASSESSMENT
        and not invention.assessments.filter(status=AssessmentStatus.SCHEDULED).exists()
    ):
        before = invention.state
        invention.state = S.QUALIFIED
        invention.save()
        StateChange.objects.create(
            invention=invention,
            transition="cancel_assessment",
            from_state=before,
            to_state=S.QUALIFIED,
            user_name=user.get_username() if user is not None else "system",
            note=reason,
        )
    return locked


@transaction.atomic
def close_clock(invention: Invention, *, user: Any, clock: str, reason: str) -> Any:
    """Close a legal clock with its reason (the answer went by letter outside valo …): it leaves the
    work queue and the invention shows who closed it and why."""
    from valo.inventions.models import ClockDismissal

    if not permitted(invention, user, "change"):
        raise PermissionDenied(_("You may not do this on this invention."))
    keys = {c.rule.key for c in invention.legal_clocks()}
    reasons = []
    if clock not in keys:
        reasons.append(_("This invention has no such clock running."))
    if not reason.strip():
        reasons.append(_("Give the reason."))
    _refuse_if(reasons)
    dismissal, _created = ClockDismissal.objects.update_or_create(
        invention=invention,
        clock=clock,
        defaults={"reason": reason, "dismissed_by": user.get_username() if user else "system"},
    )
    return dismissal
