"""The harmonisation, persisted: one row per raw applicant name and identifier of the analytic store,
with the entity it counts for, its group, and how that was decided (siren, directory, alias, staff,
cluster) — a derived table of the store's current snapshot (`harmonised`).

It is built once per snapshot and state of the directory: after each import or removal of office files
(the `store_changed` signal), and again when the directory has changed since (an organisation, a parent
or an alias: a staff decision on the clusters page counts at the next ranking). A ranking joins it in
SQL instead of harmonising every name again; every count can be explained by its rows."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

import duckdb
import pyarrow as pa
from django.db.models import Count, Max

from valo.directory.models import Organization, OrganizationAlias
from valo.officedata.store import AnalyticStore
from valo.rankings.harmonise import Harmoniser

TABLE = "harmonised"
# The table's columns' version: a table of an earlier one (before the integer ids) is built again.
LAYOUT = "2"
LEVELS = ("entity", "group")
SCHEMA = pa.schema(
    [("raw_name", pa.string()), ("identifier", pa.string()), ("decided_by", pa.string())]
    + [
        field
        for level in LEVELS
        for field in (
            # A dense integer per key: a ranking's heavy steps (the DISTINCT of every credited
            # document) carry it, not the key's text (at 50 M rows: 14 s instead of 26).
            (f"{level}_id", pa.int32()),
            (f"{level}_key", pa.string()),
            (f"{level}_name", pa.string()),
            (f"{level}_organization", pa.int64()),
            (f"{level}_category", pa.string()),
        )
    ]
)


def directory_state() -> str:
    """A digest of the directory's state that any change to an organisation or alias alters."""
    parts = []
    for model in (Organization, OrganizationAlias):
        state = model.objects.aggregate(n=Count("pk"), top=Max("pk"), last=Max("last_updated"))
        parts.append(f"{state['n']}:{state['top']}:{state['last']}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def build(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """Harmonise every distinct (name, identifier) of the store's applicants."""
    names = con.execute(
        "SELECT raw_name, coalesce(identifier, '') AS identifier, count(*) AS uses "
        "FROM applicants GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    harmoniser = Harmoniser()
    uses: dict[str, int] = {}
    for name, _identifier, count in names:
        uses[name] = uses.get(name, 0) + count
    harmoniser.prepare(uses)
    columns: dict[str, list[Any]] = {field.name: [] for field in SCHEMA}
    ids: dict[str, dict[str, int]] = {level: {} for level in LEVELS}
    for name, identifier, _count in names:
        own, group, how = harmoniser.resolve(name, identifier)
        columns["raw_name"].append(name)
        columns["identifier"].append(identifier)
        columns["decided_by"].append(how)
        for level, entity in zip(LEVELS, (own, group), strict=True):
            numbered = ids[level]
            columns[f"{level}_id"].append(numbered.setdefault(entity.key, len(numbered)))
            columns[f"{level}_key"].append(entity.key)
            columns[f"{level}_name"].append(entity.name)
            columns[f"{level}_organization"].append(entity.organization_id)
            columns[f"{level}_category"].append(entity.category)
    return pa.table(columns, schema=SCHEMA)


def refresh(store: AnalyticStore, con: duckdb.DuckDBPyConnection | None = None) -> pa.Table | None:
    """Rebuild the table for the current snapshot when the directory changed since it was built;
    the new table, or None when the one held is current."""
    state = directory_state()
    held = store.derived_metadata(TABLE)
    if held.get("directory") == state and held.get("layout") == LAYOUT:
        return None
    table = build(con or store.connect())
    store.write_derived(TABLE, table, {"directory": state, "layout": LAYOUT})
    return table


def connect(store: AnalyticStore | None = None) -> duckdb.DuckDBPyConnection:
    """A connection to the store whose `harmonised` table is current."""
    store = store or AnalyticStore()
    con = store.connect()
    table = refresh(store, con)
    if table is not None:
        con.execute(f"DROP VIEW IF EXISTS {TABLE}")
        con.register(TABLE, table)
    return con


# How long a ranking stays cached (the key names the store's snapshot and the directory's state, so a
# change to either is a new key: this only bounds the memory of old ones).
RANKING_CACHE_SECONDS = 3600


def _cache_key(
    store: AnalyticStore, state: str, method: Any, year: int, category: Any, top: Any, engine: str
) -> str:
    """A ranking's cache key: the store's snapshot, the directory's state and what was asked."""
    return (
        "valo-ranking:"
        + hashlib.sha256(
            f"{store.root}|{store.current.name}|{state}|{method.code}|{year}|{category}|{top}|{engine}".encode()
        ).hexdigest()
    )


def _run(
    store: AnalyticStore,
    method: Any,
    year: int | None,
    engine: str,
    category: str | None = None,
    top: int | None = None,
) -> dict[int, list]:
    """Each year's ranking (one year's, or every year's: None) by `engine`."""
    from valo.rankings.palmares import duckdb_engine, rank

    if engine == "spark":
        from valo.rankings import spark

        return spark.palmares(store, method, year, category=category, top=top)
    return rank(*duckdb_engine(connect(store)), method, year, category=category, top=top)


def ranking(
    store: AnalyticStore,
    method: Any,
    year: int,
    *,
    category: str | None = None,
    top: int | None = None,
    engine: str | None = None,
    state: str | None = None,
) -> list:
    """The ranking of a year (the methodology's SQL over the current harmonisation, run by DuckDB or
    by Spark: `engine`, else VALO_RANKING_ENGINE), cached by the store's snapshot and the
    directory's state: a second request, or a report's history, reads it back. `state`: the
    directory's, when the caller ranks several years in a row (read once, not per year)."""
    from django.conf import settings
    from django.core.cache import cache

    if store.current is None:
        return []
    engine = engine or settings.VALO_RANKING_ENGINE
    key = _cache_key(store, state or directory_state(), method, year, category, top, engine)
    found = cache.get(key)
    if found is None:
        found = _run(store, method, year, engine, category, top).get(year, [])
        cache.set(key, found, RANKING_CACHE_SECONDS)
    return found


def rankings(store: AnalyticStore, method: Any, *, engine: str | None = None) -> dict[int, list]:
    """The ranking of every year the store holds (its years of publication; of filing for a
    methodology that counts by filing year): read from the cache where `ranking` (or an earlier
    call) left it, the years missing computed together in one query and cached."""
    from django.conf import settings
    from django.core.cache import cache

    if store.current is None:
        return {}
    engine = engine or settings.VALO_RANKING_ENGINE
    state = directory_state()
    if method.year_of != "publication":
        # Its years are the documents' filing years: the query says which.
        computed = _run(store, method, None, engine)
        keys = {
            year: _cache_key(store, state, method, year, None, None, engine) for year in computed
        }
        cache.set_many({keys[y]: rows for y, rows in computed.items()}, RANKING_CACHE_SECONDS)
        return computed
    years = store.publication_years()
    keys = {year: _cache_key(store, state, method, year, None, None, engine) for year in years}
    cached = cache.get_many(list(keys.values()))
    found = {year: cached[key] for year, key in keys.items() if key in cached}
    if len(found) < len(years):
        computed = _run(store, method, None, engine)
        missing = {year: computed.get(year, []) for year in years if year not in found}
        cache.set_many({keys[year]: rows for year, rows in missing.items()}, RANKING_CACHE_SECONDS)
        found.update(missing)
    return dict(sorted(found.items()))


def spellings(con: duckdb.DuckDBPyConnection, keys: Iterable[str], level: str) -> dict[str, list]:
    """key → the raw names harmonised into it, at `level` (entity or group)."""
    column = f"{level if level in LEVELS else 'entity'}_key"
    rows = con.execute(
        f"SELECT {column}, list(DISTINCT raw_name ORDER BY raw_name) FROM {TABLE} "
        f"WHERE {column} IN (SELECT unnest(?)) GROUP BY 1",
        [list(keys)],
    ).fetchall()
    return dict(rows)


def explain(con: duckdb.DuckDBPyConnection, key: str, level: str) -> list[tuple[str, str, str]]:
    """(raw name, identifier, how it was decided) of every name credited to `key` at `level`."""
    column = f"{level if level in LEVELS else 'entity'}_key"
    return con.execute(
        f"SELECT raw_name, identifier, decided_by FROM {TABLE} WHERE {column} = ? ORDER BY ALL",
        [key],
    ).fetchall()


def on_store_changed(sender: Any, store: AnalyticStore, **kwargs: Any) -> None:
    """After an import or a removal: harmonise the new snapshot's names now, not at the first ranking."""
    if store.current is not None:
        refresh(store)
