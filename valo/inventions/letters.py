"""The letters of an invention's life, written from DOCX templates (valo.documents.letters): the
classification answer to the inventors (CPI R611-7) and the decision letter. Each kind's fields, the
values a record gives them, and the default text in the active language."""

from __future__ import annotations

from typing import Any

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from valo.documents.letters import LetterKind

COMMON = (
    ("reference", gettext_lazy("the invention's reference")),
    ("title", gettext_lazy("its title")),
    ("inventors", gettext_lazy("its inventors: each has name, share (a percentage)")),
    ("received_on", gettext_lazy("the day the declaration was received")),
)

LETTERS = (
    LetterKind(
        "inventions.classification",
        gettext_lazy("Classification answer (CPI R611-7)"),
        "inventions.Invention",
        (
            *COMMON,
            ("classification", gettext_lazy("the class decided (mission, attributable, outside)")),
            ("qualified_on", gettext_lazy("the day it was classified")),
            ("note", gettext_lazy("the office's note on the classification")),
        ),
        "valo.inventions.letters.classification_context",
        "valo.inventions.letters.classification_text",
    ),
    LetterKind(
        "inventions.assessment_invitation",
        gettext_lazy("Invitation to the assessment meeting"),
        "inventions.Invention",
        (
            *COMMON,
            ("meeting_on", gettext_lazy("the meeting's day")),
            ("starts_at", gettext_lazy("its hour (empty when not set)")),
            ("location", gettext_lazy("its place")),
        ),
        "valo.inventions.letters.invitation_context",
        "valo.inventions.letters.invitation_text",
        applies="valo.inventions.letters.has_meeting",
    ),
    LetterKind(
        "inventions.decision",
        gettext_lazy("Decision letter"),
        "inventions.Invention",
        (
            *COMMON,
            ("decided_on", gettext_lazy("the day of the decision")),
            ("protection", gettext_lazy("the protection decided")),
            ("valorisation", gettext_lazy("the valorisation route decided")),
            ("rationale", gettext_lazy("the committee's rationale")),
        ),
        "valo.inventions.letters.decision_context",
        "valo.inventions.letters.decision_text",
    ),
)


def _day(value: Any) -> str:
    return date_format(value, "DATE_FORMAT") if value else ""


def _common(invention: Any) -> dict[str, Any]:
    return {
        "reference": invention.reference or f"#{invention.pk}",
        "title": invention.title,
        "received_on": _day(invention.received_on),
        "inventors": [
            {"name": i.name, "share": f"{number_format(i.share * 100, 2)} %"}
            for i in invention.inventorships.select_related("person")
        ],
    }


def classification_context(invention: Any) -> dict[str, Any]:
    return {
        **_common(invention),
        "classification": invention.get_ownership_class_display() or _("not classified yet"),
        "qualified_on": _day(invention.qualified_on),
        "note": invention.ownership_note,
    }


def _meeting(invention: Any) -> Any:
    return invention.assessments.filter(status="scheduled").order_by("-meeting_on").first()


def has_meeting(invention: Any) -> bool:
    return _meeting(invention) is not None


def invitation_context(invention: Any) -> dict[str, Any]:
    meeting = _meeting(invention)
    return {
        **_common(invention),
        "meeting_on": _day(meeting.meeting_on) if meeting else "",
        "starts_at": f"{meeting.starts_at:%H:%M}" if meeting and meeting.starts_at else "",
        "location": meeting.location if meeting else "",
    }


def decision_context(invention: Any) -> dict[str, Any]:
    decision = getattr(invention, "decision", None)
    return {
        **_common(invention),
        "decided_on": _day(decision.decided_on) if decision else "",
        "protection": decision.get_protection_route_display() if decision else "",
        "valorisation": decision.get_valorisation_route_display() if decision else "",
        "rationale": decision.rationale if decision else "",
    }


INVENTOR_LOOP = (
    "{%p for inventor in inventors %}",
    "– {{ inventor.name }} ({{ inventor.share }})",
    "{%p endfor %}",
)


def classification_text() -> tuple[str, list[str]]:
    return (
        _("Classification of the invention {{ reference }}"),
        [
            _("To the inventors of “{{ title }}”:"),
            *INVENTOR_LOOP,
            _(
                "The technology-transfer office received your declaration of invention on "
                "{{ received_on }}. Under article R611-7 of the French Intellectual Property Code, "
                "it gives you its classification of the invention."
            ),
            _("On {{ qualified_on }}, the invention was classified as: {{ classification }}."),
            "{{ note }}",
            _(
                "If you disagree with this classification, you may refer the matter to the "
                "Commission nationale des inventions de salariés (CNIS) or to the courts."
            ),
            _("The technology-transfer office"),
        ],
    )


def decision_text() -> tuple[str, list[str]]:
    return (
        _("Decision on the invention {{ reference }}"),
        [
            _("To the inventors of “{{ title }}”:"),
            *INVENTOR_LOOP,
            _(
                "After the assessment of the invention, the institution decided on "
                "{{ decided_on }}: protection — {{ protection }}; valorisation — {{ valorisation }}."
            ),
            "{{ rationale }}",
            _("The technology-transfer office"),
        ],
    )


def invitation_text() -> tuple[str, list[str]]:
    return (
        _("Assessment of the invention {{ reference }}"),
        [
            _("To the inventors of “{{ title }}”:"),
            *INVENTOR_LOOP,
            _(
                "The assessment committee will examine your invention on {{ meeting_on }} "
                "{{ starts_at }} ({{ location }}). You are invited to present it and to answer the "
                "committee's questions; your agreement or objection to its decision will be recorded."
            ),
            _("The technology-transfer office"),
        ],
    )
