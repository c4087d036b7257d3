"""First drafts of contracts from the agreement's recorded terms (valo.documents.letters): a
confidentiality agreement, a material transfer agreement, a research collaboration and a licence.
Each is a starting point for the lawyers, written from what the agreement holds (parties, dates,
amounts, the ownership of results, the publication review, the licence's terms and royalty tiers)."""

from __future__ import annotations

from typing import Any

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from valo.agreements.choices import AgreementKind
from valo.core.formats import money
from valo.documents.letters import LetterKind

PARTIES = (
    ("reference", gettext_lazy("the agreement's reference")),
    ("title", gettext_lazy("its title")),
    ("unit", gettext_lazy("the institution's unit (laboratory or school)")),
    ("partner", gettext_lazy("the partner: name, siren, city")),
    ("effective_on", gettext_lazy("the day it takes effect")),
    ("ends_on", gettext_lazy("the day it ends")),
    ("amount", gettext_lazy("the amount, with its currency")),
    ("inventions", gettext_lazy("the inventions it covers: reference, title")),
    ("families", gettext_lazy("the patent families it covers: reference, title")),
)
RESULTS = (
    ("ip_ownership", gettext_lazy("who owns the results")),
    ("institution_share", gettext_lazy("the institution's share of co-owned results")),
    ("publication_review_days", gettext_lazy("the days the partner has to review a publication")),
    ("exploitation_rights", gettext_lazy("the exploitation rights granted")),
)
LICENCE = (
    ("exclusive", gettext_lazy("“exclusive” or “non-exclusive”")),
    ("field_of_use", gettext_lazy("the field of use")),
    ("territory", gettext_lazy("the territory")),
    ("upfront", gettext_lazy("the upfront fee")),
    ("annual_minimum", gettext_lazy("the annual minimum royalties")),
    ("tiers", gettext_lazy("the royalty tiers: from_amount, rate")),
    ("sublicence_share", gettext_lazy("the share of sub-licence income")),
    ("statement_due_days", gettext_lazy("days after 31 December the yearly statement is due")),
    ("payment_due_days", gettext_lazy("days after the statement the royalties are due")),
)


def is_nda(agreement: Any) -> bool:
    return agreement.kind == AgreementKind.NDA


def is_mta(agreement: Any) -> bool:
    return agreement.kind == AgreementKind.MTA


def is_collaboration(agreement: Any) -> bool:
    return agreement.kind in (AgreementKind.RESEARCH, AgreementKind.CIFRE)


def is_licence(agreement: Any) -> bool:
    return agreement.kind in (AgreementKind.LICENCE, AgreementKind.OPTION)


def _kind(code: str, label: Any, fields: tuple, name: str) -> LetterKind:
    return LetterKind(
        f"agreements.{code}",
        label,
        "agreements.Agreement",
        fields,
        "valo.agreements.letters.agreement_context",
        f"valo.agreements.letters.{name}_text",
        applies=f"valo.agreements.letters.is_{name}",
    )


LETTERS = (
    _kind("nda_draft", gettext_lazy("Confidentiality agreement (first draft)"), PARTIES, "nda"),
    _kind(
        "mta_draft",
        gettext_lazy("Material transfer agreement (first draft)"),
        (*PARTIES, *RESULTS),
        "mta",
    ),
    _kind(
        "collaboration_draft",
        gettext_lazy("Research collaboration agreement (first draft)"),
        (*PARTIES, *RESULTS),
        "collaboration",
    ),
    _kind(
        "licence_draft",
        gettext_lazy("Licence agreement (first draft)"),
        (*PARTIES, *RESULTS, *LICENCE),
        "licence",
    ),
)


def _day(value: Any) -> str:
    return date_format(value, "DATE_FORMAT") if value else "…"


def agreement_context(agreement: Any) -> dict[str, Any]:
    partner = agreement.partner
    values: dict[str, Any] = {
        "reference": agreement.reference,
        "title": agreement.title,
        "unit": str(agreement.unit),
        "partner": {
            "name": partner.name,
            "siren": partner.siren or "…",
            "city": partner.city or "…",
        },
        "effective_on": _day(agreement.effective_on or agreement.signed_on),
        "ends_on": _day(agreement.ends_on),
        "amount": money(agreement.amount, agreement.currency) if agreement.amount else "…",
        "inventions": [
            {"reference": link.invention.reference or "", "title": link.invention.title}
            for link in agreement.invention_links.select_related("invention")
        ],
        "families": [
            {"reference": link.family.reference, "title": link.family.title}
            for link in agreement.family_links.select_related("family")
        ],
        "ip_ownership": agreement.get_ip_ownership_display() or "…",
        "institution_share": (
            f"{number_format(agreement.institution_share * 100, 2)} %"
            if agreement.institution_share
            else "…"
        ),
        "publication_review_days": agreement.publication_review_days or "…",
        "exploitation_rights": agreement.exploitation_rights or "…",
    }
    licence = getattr(agreement, "licence", None) if is_licence(agreement) else None
    if licence is not None:
        values.update(
            {
                "exclusive": _("exclusive") if licence.exclusive else _("non-exclusive"),
                "field_of_use": licence.field_of_use or "…",
                "territory": licence.territory or "…",
                "upfront": money(licence.upfront, agreement.currency),
                "annual_minimum": money(licence.annual_minimum, agreement.currency),
                "tiers": [
                    {
                        "from_amount": money(t.from_amount, agreement.currency),
                        "rate": f"{number_format(t.rate, 2)} %",
                    }
                    for t in agreement.royalty_tiers.order_by("from_amount")
                ],
                "sublicence_share": f"{number_format(licence.sublicence_share, 2)} %",
                "statement_due_days": licence.statement_due_days,
                "payment_due_days": licence.payment_due_days,
            }
        )
    for name, _help in LICENCE:
        values.setdefault(name, [] if name == "tiers" else "…")
    return values


HEAD = (
    "{{ reference }} — {{ title }}",
    gettext_lazy(
        "Between {{ institution }}, acting for {{ unit }}, and {{ partner.name }} (SIREN {{ partner.siren }}, {{ partner.city }})."
    ),
)
COVERED = (
    "{%p for invention in inventions %}",
    "– {{ invention.reference }} {{ invention.title }}",
    "{%p endfor %}",
    "{%p for family in families %}",
    "– {{ family.reference }} {{ family.title }}",
    "{%p endfor %}",
)
SIGN = gettext_lazy("Signed in two originals. For {{ institution }} — For {{ partner.name }}")


def nda_text() -> tuple[str, list[Any]]:
    return (
        _("Confidentiality agreement"),
        [
            *HEAD,
            _("1. Purpose. The parties will exchange confidential information about: {{ title }}."),
            _(
                "2. Obligations. Each party keeps the other's information confidential, uses it for the purpose alone, and shares it only with those who need it and are bound alike."
            ),
            _(
                "3. Exceptions. Information public, already known, independently developed or lawfully received from a third party is not confidential."
            ),
            _(
                "4. Term. The agreement runs from {{ effective_on }} to {{ ends_on }}; the obligations of confidentiality last five years after it ends."
            ),
            _("5. No licence. Nothing here grants any right to a party's inventions or know-how."),
            SIGN,
        ],
    )


def mta_text() -> tuple[str, list[Any]]:
    return (
        _("Material transfer agreement"),
        [
            *HEAD,
            _(
                "1. Material. {{ unit }} provides the material described in the annex, for research on: {{ title }}."
            ),
            _(
                "2. Use. The recipient uses the material for non-commercial research only, does not pass it on, and returns or destroys what is left on {{ ends_on }}."
            ),
            _(
                "3. Results. {{ ip_ownership }}. Publications are submitted to the provider {{ publication_review_days }} days before they are sent."
            ),
            _("4. Fees. {{ amount }}."),
            SIGN,
        ],
    )


def collaboration_text() -> tuple[str, list[Any]]:
    return (
        _("Research collaboration agreement"),
        [
            *HEAD,
            _(
                "1. Programme. The parties carry out together the research programme “{{ title }}” from {{ effective_on }} to {{ ends_on }}."
            ),
            _("2. Funding. The partner contributes {{ amount }} to the programme."),
            _("3. Background. Each party keeps its own background; the inventions brought in are:"),
            *COVERED,
            _(
                "4. Results. {{ ip_ownership }}; the institution's share of co-owned results: {{ institution_share }}. Exploitation: {{ exploitation_rights }}."
            ),
            _(
                "5. Publications. Each proposed publication is sent to the other party, who has {{ publication_review_days }} days to ask for a delay to protect a result."
            ),
            SIGN,
        ],
    )


def licence_text() -> tuple[str, list[Any]]:
    return (
        _("Licence agreement"),
        [
            *HEAD,
            _(
                "1. Grant. The institution grants the licensee a {{ exclusive }} licence, in the field of {{ field_of_use }}, in the territory {{ territory }}, to the following:"
            ),
            *COVERED,
            _(
                "2. Fees. An upfront fee of {{ upfront }}; royalties on net sales at the rates below; an annual minimum of {{ annual_minimum }}; {{ sublicence_share }} of sub-licence income."
            ),
            "{%p for tier in tiers %}",
            _("– from {{ tier.from_amount }} of net sales: {{ tier.rate }}"),
            "{%p endfor %}",
            _(
                "3. Reports. The licensee sends its statement of a year's net sales within {{ statement_due_days }} days of 31 December, and pays the royalties within {{ payment_due_days }} days of the statement."
            ),
            _(
                "4. Term. From {{ effective_on }} to {{ ends_on }}, or the expiry of the last patent licensed."
            ),
            SIGN,
        ],
    )
