"""Reconciliation: the institution's own applications (the portfolio) against the office record
credited to it under a methodology, for one year."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from valo.patents.models import PatentApplication
from valo.rankings.methods import Methodology
from valo.rankings.palmares import document_filter


@dataclass
class Reconciliation:
    matched: list[str] = field(default_factory=list)
    # Ours in the record but credited to nobody of ours: publication → the raw applicant names on it.
    not_credited: dict[str, list[str]] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)  # credited to us, not in the portfolio
    missing: list[str] = field(default_factory=list)  # in the portfolio, not in the record


def reconcile(
    con: Any, method: Methodology, year: int, institution_id: int, applications: Any = None
) -> Reconciliation:
    """`con`: a connection with the `harmonised` table (entities.connect()); `applications`: the
    portfolio's applications the user may see (all when None)."""
    applications = applications if applications is not None else PatentApplication.objects.all()
    date_field = "publication_date" if method.year_of == "publication" else "filing_date"
    ours = applications.filter(office__in=method.offices or ["FR"], **{f"{date_field}__year": year})
    by_number = {
        f"{a.office}{a.publication_number}{a.publication_kind or 'A1'}": a
        for a in ours
        if a.publication_number
    }
    where, params = document_filter(method, year, "p.")
    selected = con.execute(
        f"""
        SELECT p.office || p.publication_number || p.kind, a.raw_name, h.group_organization
        FROM publications p
        JOIN applicants a USING (doc_key)
        JOIN harmonised h ON h.raw_name = a.raw_name AND h.identifier = coalesce(a.identifier, '')
        WHERE {where}
        ORDER BY p.doc_key, a.sequence
        """,
        params,
    ).fetchall()
    names: dict[str, list[str]] = {}
    credited: set[str] = set()
    for number, raw_name, organization in selected:
        names.setdefault(number, []).append(raw_name)
        if organization == institution_id:
            credited.add(number)
    result = Reconciliation()
    for number in sorted(set(by_number) | credited):
        in_portfolio, in_record = number in by_number, number in names
        if in_portfolio and number in credited:
            result.matched.append(number)
        elif in_portfolio and in_record:
            result.not_credited[number] = names[number]
        elif number in credited:
            result.unknown.append(number)
        elif in_portfolio:
            result.missing.append(number)
    return result
