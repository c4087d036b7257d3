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


def year_column(method: Methodology) -> str:
    """The date whose year a methodology counts a document in."""
    return "publication_date" if method.year_of == "publication" else "filing_date"


def document_filter(
    method: Methodology, year: int | None, alias: str = ""
) -> tuple[str, list[Any]]:
    """The SQL condition selecting a methodology's documents of a year (of every year: None), and
    its parameters."""
    where = [f"year({alias}{year_column(method)}) = ?" if year is not None else "true"]
    params: list[Any] = [year] if year is not None else []
    if method.offices:
        where.append(f"{alias}office IN ({', '.join('?' for _ in method.offices)})")
        params += list(method.offices)
    if method.kinds:
        where.append(f"{alias}kind IN ({', '.join('?' for _ in method.kinds)})")
        params += list(method.kinds)
    if method.first_filings_only:
        where.append(f"{alias}priority_count = 0")
    return " AND ".join(where), params


def ranking_sql(
    method: Methodology, year: int | None, *, numbers: bool = True, keys: str = ""
) -> tuple[str, list[Any]]:
    """The one SQL definition of a methodology's ranking of a year (of every year in one query:
    None), and its parameters: run as it is by DuckDB and by Spark SQL (over the store's view
    `credited`, each applicant with its document's fields, and the `harmonised` table). Each row:
    the year, the entity (or group, when the methodology consolidates), the number of entities a
    document is shared by, how many such documents, and their document keys (`numbers`; else
    NULL). `keys`: a table of the only keys wanted (their documents' sharing still counts every
    applicant). The heavy steps carry each entity's integer id (`harmonised.<level>_id`); its key
    and names join last, on the counted ids. Only a fractional count needs a document's sharing (a
    window over every credited document, the heaviest step at 50 million rows); the others give 1
    and take the wanted keys before their DISTINCT."""
    level = "group" if method.consolidate else "entity"
    where, params = document_filter(method, year, "c.")
    kept = f"IN (SELECT key FROM {keys})" if keys else ""
    early = f"AND h.{level}_key {kept}" if kept and not method.fractional else ""
    only = (
        f"WHERE id IN (SELECT {level}_id FROM harmonised WHERE {level}_key {kept})"
        if kept and method.fractional
        else ""
    )
    sharing = "count(*) OVER (PARTITION BY doc_key)" if method.fractional else "1"
    sql = f"""
        WITH credited AS (
            SELECT DISTINCT year(c.{year_column(method)}) AS year, c.doc_key, h.{level}_id AS id
            FROM credited c
            JOIN harmonised h ON h.raw_name = c.raw_name AND h.identifier = coalesce(c.identifier, '')
            WHERE {where} {early}
        ), shared AS (
            SELECT year, doc_key, id, {sharing} AS sharing
            FROM credited
        ), counted AS (
            SELECT year, id, sharing, count(*) AS documents,
                {"array_agg(doc_key)" if numbers else "NULL"} AS numbers
            FROM shared {only} GROUP BY year, id, sharing
        ), named AS (
            SELECT {level}_id AS id, min({level}_key) AS key, min({level}_name) AS name,
                min({level}_organization) AS organization, min({level}_category) AS category
            FROM harmonised GROUP BY {level}_id
        )
        SELECT c.year, n.key, n.name, n.organization, n.category, c.sharing, c.documents, c.numbers
        FROM counted c JOIN named n ON n.id = c.id
        """
    return sql, params


def rank(
    execute: Callable[[str, list[Any]], Iterable[Sequence[Any]]],
    register: Callable[[str, list[str]], None],
    method: Methodology,
    year: int | None,
    *,
    category: str | None = None,
    top: int | None = None,
) -> dict[int, list[Row]]:
    """Each year's ranking by an engine (`execute` runs SQL, `register` makes a table of keys).
    Every row asked: one query. The `top` rows asked: the counts first, then the document numbers
    of the rows kept only (a ranking of millions of documents fetches the top's, not all)."""
    if not top:
        sql, params = ranking_sql(method, year)
        return by_year(execute(sql, params), method, category=category)
    sql, params = ranking_sql(method, year, numbers=False)
    years = by_year(execute(sql, params), method, category=category, top=top)
    kept = sorted({row.entity.key for rows in years.values() for row in rows})
    if not kept:
        return years
    register("kept", kept)
    sql, params = ranking_sql(method, year, keys="kept")
    numbers: dict[tuple[int, str], list[str]] = defaultdict(list)
    for found in execute(sql, params):
        numbers[(found[0], found[1])] += [key.replace("|", "") for key in found[7]]
    for each, rows in years.items():
        for row in rows:
            row.documents = sorted(numbers[(each, row.entity.key)])
    return years


def duckdb_engine(con: Any) -> tuple[Callable, Callable]:
    """`execute` and `register` of `rank` on a DuckDB connection."""
    import pyarrow as pa

    return (
        lambda sql, params: con.execute(sql, params).fetchall(),
        lambda name, keys: con.register(name, pa.table({"key": pa.array(keys, pa.string())})),
    )


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
    found = rank(*duckdb_engine(con), method, year, category=category, top=top)
    return found.get(year, [])


def palmares_years(con: Any, method: Methodology) -> dict[int, list[Row]]:
    """The ranking of every year the store holds, in one query (DuckDB)."""
    return rank(*duckdb_engine(con), method, None)


def by_year(
    found: Iterable[Sequence[Any]],
    method: Methodology,
    *,
    category: str | None = None,
    top: int | None = None,
) -> dict[int, list[Row]]:
    """Rows of ranking_sql (from any engine) → each year's ranking."""
    years: dict[int, list[Sequence[Any]]] = defaultdict(list)
    for row in found:
        years[row[0]].append(row[1:])
    return {
        year: ranked(rows, method, category=category, top=top)
        for year, rows in sorted(years.items())
    }


def ranked(
    found: Iterable[Sequence[Any]],
    method: Methodology,
    *,
    category: str | None = None,
    top: int | None = None,
) -> list[Row]:
    """A year's rows of ranking_sql (without the year) → the ranking: counts (exact fractional
    shares), ranks by INPI's rule, the category and top asked for. Only the rows kept become
    Rows: a ranking of 400 000 applicants built one for each (8.8 s) to keep the top 50."""
    about: dict[str, tuple[str, Any, str]] = {}  # key → name, organisation, category
    counts: dict[str, Any] = defaultdict(int)  # whole counts as integers, shares as Decimal
    documents: dict[str, list[str]] = defaultdict(list)
    fractional = method.fractional
    for key, name, organization, entity_category, sharing, count, numbers in found:
        about[key] = (name, organization, entity_category)
        counts[key] += Decimal(count) / sharing if fractional else count
        if numbers:
            # A document key is office|number|kind: its publication number without the bars.
            documents[key] += [number.replace("|", "") for number in numbers]
    if category:
        counts = {k: c for k, c in counts.items() if about[k][2] == category}
    rows = []
    for rank, (key, count) in competition_ranks(
        counts.items(), lambda kv: kv[1], lambda kv: about[kv[0]][0]
    ):
        if top and rank > top:
            break  # ranks only grow
        name, organization, entity_category = about[key]
        rows.append(
            Row(
                rank,
                Entity(key, name, entity_category, organization),
                count.quantize(Decimal("0.01")) if fractional else Decimal(count),
                sorted(documents.get(key, ())),
            )
        )
    return rows
