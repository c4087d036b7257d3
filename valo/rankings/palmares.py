"""The ranking: documents selected in the analytic store by a methodology, applicants harmonised,
counted, and ranked by standard competition ranking ("1-2-2-4"), alphabetical within a tie."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from valo.rankings.harmonise import Entity, Harmoniser
from valo.rankings.methods import Methodology

T = TypeVar("T")


@dataclass
class Row:
    rank: int
    entity: Entity
    count: Decimal
    documents: list[str] = field(default_factory=list)


def competition_ranks(
    items: Iterable[T], count: Callable[[T], Any], name: Callable[[T], str]
) -> list[tuple[int, T]]:
    """(rank, item), highest count first; ties share a rank and the next rank is skipped ("1-2-2-4"),
    names in alphabetical order within a tie."""
    ordered = sorted(items, key=lambda item: (-count(item), name(item)))
    ranked: list[tuple[int, T]] = []
    for position, item in enumerate(ordered, start=1):
        tied = ranked and count(ranked[-1][1]) == count(item)
        ranked.append((ranked[-1][0] if tied else position, item))
    return ranked


def select_documents(con: Any, method: Methodology, year: int) -> list[tuple[str, str, str, str]]:
    """(doc_key, publication number, raw applicant name, identifier) of the documents counted."""
    date_column = "publication_date" if method.year_of == "publication" else "filing_date"
    where = [f"year({date_column}) = ?"]
    params: list[Any] = [year]
    if method.offices:
        where.append(f"office IN ({', '.join('?' for _ in method.offices)})")
        params += list(method.offices)
    if method.kinds:
        where.append(f"kind IN ({', '.join('?' for _ in method.kinds)})")
        params += list(method.kinds)
    if method.first_filings_only:
        where.append("priority_count = 0")
    return con.execute(
        f"""
        SELECT p.doc_key, p.office || p.publication_number || p.kind, a.raw_name, coalesce(a.identifier, '')
        FROM publications p JOIN applicants a USING (doc_key)
        WHERE {" AND ".join(where)}
        ORDER BY p.doc_key, a.sequence
        """,
        params,
    ).fetchall()


def palmares(
    con: Any,
    method: Methodology,
    year: int,
    *,
    harmoniser: Harmoniser | None = None,
    category: str | None = None,
    top: int | None = None,
) -> list[Row]:
    harmoniser = harmoniser or Harmoniser(consolidate=method.consolidate)
    applicants: dict[str, set[Entity]] = defaultdict(set)
    numbers: dict[str, str] = {}
    selected = select_documents(con, method, year)
    harmoniser.prepare(row[2] for row in selected)
    for doc_key, number, raw_name, identifier in selected:
        applicants[doc_key].add(harmoniser.entity(raw_name, identifier))
        numbers[doc_key] = number
    counts: dict[Entity, Decimal] = defaultdict(Decimal)
    documents: dict[Entity, list[str]] = defaultdict(list)
    for doc_key, entities in applicants.items():
        share = Decimal(1) / len(entities) if method.fractional else Decimal(1)
        for entity in entities:
            counts[entity] += share
            documents[entity].append(numbers[doc_key])
    if category:
        counts = {e: c for e, c in counts.items() if e.category == category}
    rows = [
        Row(
            rank,
            entity,
            count.quantize(Decimal("0.01")) if method.fractional else count,
            sorted(documents[entity]),
        )
        for rank, (entity, count) in competition_ranks(
            counts.items(), lambda kv: kv[1], lambda kv: kv[0].name
        )
    ]
    if top:
        rows = [r for r in rows if r.rank <= top]
    return rows
