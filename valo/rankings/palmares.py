"""The ranking: documents selected in the analytic store by a methodology, applicants harmonised,
counted, and ranked by standard competition ranking ("1-2-2-4"), alphabetical within a tie."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from valo.rankings.harmonise import Entity
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


def document_filter(method: Methodology, year: int, alias: str = "") -> tuple[str, list[Any]]:
    """The SQL condition selecting a methodology's documents of a year, and its parameters."""
    date_column = "publication_date" if method.year_of == "publication" else "filing_date"
    where = [f"year({alias}{date_column}) = ?"]
    params: list[Any] = [year]
    if method.offices:
        where.append(f"{alias}office IN ({', '.join('?' for _ in method.offices)})")
        params += list(method.offices)
    if method.kinds:
        where.append(f"{alias}kind IN ({', '.join('?' for _ in method.kinds)})")
        params += list(method.kinds)
    if method.first_filings_only:
        where.append(f"{alias}priority_count = 0")
    return " AND ".join(where), params


def ranking_sql(method: Methodology, year: int) -> tuple[str, list[Any]]:
    """The one SQL definition of a methodology's ranking of a year, and its parameters: run as it is
    by DuckDB and by Spark SQL (over the store's views and the `harmonised` table). Each row: the
    entity (or group, when the methodology consolidates), the number of entities a document is
    shared by, how many such documents, and their publication numbers."""
    level = "group" if method.consolidate else "entity"
    where, params = document_filter(method, year, "p.")
    sql = f"""
        WITH credited AS (
            SELECT DISTINCT p.doc_key, p.office || p.publication_number || p.kind AS number,
                h.{level}_key AS key, h.{level}_name AS name,
                h.{level}_organization AS organization, h.{level}_category AS category
            FROM publications p
            JOIN applicants a ON a.doc_key = p.doc_key
            JOIN harmonised h ON h.raw_name = a.raw_name AND h.identifier = coalesce(a.identifier, '')
            WHERE {where}
        ), shared AS (
            SELECT *, count(*) OVER (PARTITION BY doc_key) AS sharing FROM credited
        )
        SELECT key, name, organization, category, sharing, count(*) AS documents,
            array_agg(number) AS numbers
        FROM shared GROUP BY key, name, organization, category, sharing
        """
    return sql, params


def palmares(
    con: Any,
    method: Methodology,
    year: int,
    *,
    category: str | None = None,
    top: int | None = None,
) -> list[Row]:
    """The ranking of a year by DuckDB. `con`: a connection with the `harmonised` table
    (entities.connect())."""
    sql, params = ranking_sql(method, year)
    return ranked(con.execute(sql, params).fetchall(), method, category=category, top=top)


def ranked(
    found: Iterable[Sequence[Any]],
    method: Methodology,
    *,
    category: str | None = None,
    top: int | None = None,
) -> list[Row]:
    """Rows of ranking_sql (from any engine) → the ranking: counts (exact fractional shares), ranks
    by INPI's rule, the category and top asked for."""
    entities: dict[str, Entity] = {}
    counts: dict[str, Decimal] = defaultdict(Decimal)
    documents: dict[str, list[str]] = defaultdict(list)
    for key, name, organization, entity_category, sharing, count, numbers in found:
        entities[key] = Entity(key, name, entity_category, organization)
        counts[key] += Decimal(count) / sharing if method.fractional else Decimal(count)
        documents[key] += list(numbers)
    if category:
        counts = {k: c for k, c in counts.items() if entities[k].category == category}
    rows = [
        Row(
            rank,
            entities[key],
            count.quantize(Decimal("0.01")) if method.fractional else count,
            sorted(documents[key]),
        )
        for rank, (key, count) in competition_ranks(
            counts.items(), lambda kv: kv[1], lambda kv: entities[kv[0]].name
        )
    ]
    if top:
        rows = [r for r in rows if r.rank <= top]
    return rows
