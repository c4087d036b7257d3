"""The global search: one box for a number, a title, a person, a company, a publication number.

Each app registers its sources in its AppConfig (`search_sources`: dotted paths of functions
(user, query, limit) -> list[Hit]), each reading through the restricted querysets, so a user finds
only what they may see. `matching()` is the one way a source filters: every word of the query in one
of the fields (case-insensitive), and on PostgreSQL the titles' full-text match too, ranked. Hits are
ordered: an exact reference first, then a reference that starts with the query, then the rest by how
much of the query their label holds and their full-text rank."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.module_loading import import_string

# Bounds of a query (a query is not allowed to hold a worker): its length and its words.
MAX_LENGTH = 100
MAX_WORDS = 6
PER_SOURCE = 8
# On PostgreSQL, a word matching fewer records than this is looked up by its ids (see matching).
RARE = 300


@dataclass(frozen=True)
class Hit:
    kind: Any  # what it is, for the reader ("Patent family")
    label: str
    url: str
    detail: str = ""
    key: str = ""  # the record's own number or reference, for exact matches
    rank: float = 0.0  # the full-text rank, where the database gives one
    score: float = 0.0


def words(query: str) -> list[str]:
    return query[:MAX_LENGTH].split()[:MAX_WORDS]


def matching(
    queryset: QuerySet, fields: Sequence[str], query: str, text_fields: Sequence[str] = ()
) -> QuerySet:
    """The records where every word of the query is in one of `fields` (case-insensitive). On
    PostgreSQL, when some word is rare, they carry the full-text rank of the query in their
    `text_fields` (titles, which are among `fields`) as `search_rank`, by which they are ordered;
    matches of common words only come in the model's order (ranking thousands would cost more
    than the search).

    On PostgreSQL each word is first looked up alone: a UNION ALL of one query per field, each
    served by its index (ensure_indexes; a related field, an alias or a partner's name, on its own
    table), stopped at RARE rows. A rare word's ids are then read by primary key in the user's
    restricted query; a common word is matched there by the OR of its fields (a related one as a
    subquery), which PostgreSQL serves by walking the ordering's index until it has enough rows.
    (One OR for every word would walk the whole index for a rare name, and a join in an OR the
    whole table.) SQLite scans the table once, with the OR. No join is added: each record comes
    once."""
    if not words(query):
        return queryset.none()
    manager = queryset.model._default_manager
    condition = Q()
    few = False  # whether some word is rare: the matches are then few enough to rank
    # The longest word first: the likeliest to be rare; once one is, the others only filter its
    # few records, with no lookup of their own.
    for word in sorted(words(query), key=len, reverse=True):
        parts = [
            manager.filter(**{f"{n}__icontains": word}).order_by().values("pk") for n in fields
        ]
        lookup = connection.vendor == "postgresql" and not few
        ids = _ids(parts) if lookup else None
        if ids is not None:
            condition &= Q(pk__in=sorted(ids))
            few = True
        else:
            condition &= _any(
                _related(part, lookup) if "__" in name else Q(**{f"{name}__icontains": word})
                for name, part in zip(fields, parts, strict=True)
            )
    matched = queryset.filter(condition)
    if connection.vendor != "postgresql" or not text_fields or not few:
        return matched  # common words only: in the model's order, which its index serves
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    # The titles are among the fields, so every full-text match is matched above already: full
    # text only ranks what matched (a title holding the words as words comes first).
    vector = SearchVector(*text_fields, config="simple")
    found = SearchQuery(" ".join(words(query)), search_type="websearch", config="simple")
    return matched.annotate(search_rank=SearchRank(vector, found)).order_by("-search_rank")


def _ids(parts: list[QuerySet]) -> set[Any] | None:
    """The ids the parts match, when they are few (fewer than RARE); None for a common word, which
    the restricted query then matches itself, walking its ordering's index until it has enough."""
    first, *others = [p.values_list("pk", flat=True) for p in parts]
    # A record may match in several fields (a surname is in the e-mail address too): up to RARE
    # rows per field are read, so that fewer than RARE records are told apart from more.
    cap = RARE * len(parts)
    found = list((first.union(*others, all=True) if others else first)[:cap])
    ids = set(found)
    return ids if len(found) < cap and len(ids) < RARE else None


def _related(part: QuerySet, lookup: bool) -> Q:
    """A related field's match (an organisation's aliases): never a join, which would repeat rows
    (and in an OR PostgreSQL scanned the whole table for it). Looked up, its few ids (as a
    subquery PostgreSQL guessed it held a third of the table, and scanned it all rather than walk
    the names' index); else, or when they are many, a subquery."""
    if lookup:
        ids = list(part.values_list("pk", flat=True)[:RARE])
        if len(ids) < RARE:
            return Q(pk__in=sorted(set(ids))) if ids else Q(pk__in=[])
    return Q(pk__in=part)


def _any(conditions: Iterable[Q]) -> Q:
    combined = Q()
    for condition in conditions:
        combined |= condition
    return combined


def distinct(rows: QuerySet) -> QuerySet:
    """The rows once each: DISTINCT only where a join may repeat them. On a table of 100 000
    people, DISTINCT over every column made PostgreSQL sort what it could otherwise read in the
    names' order (136 ms instead of 21 for a common three letters)."""
    query = rows.query
    joined = any(query.alias_refcount[alias] for alias in list(query.alias_map)[1:])
    return rows.distinct() if joined else rows


def score(hit: Hit, query: str) -> float:
    """Exact reference 3, reference starting with the query 2, words in the label 1 + share."""
    needle = query.strip().lower()
    key = hit.key.lower()
    if key and key == needle:
        return 3.0
    if key and key.startswith(needle):
        return 2.0
    label = hit.label.lower()
    found = sum(1 for word in words(needle) if word in label)
    share = found / max(len(words(needle)), 1)
    return 1.0 + share + (0.5 if label.startswith(needle) else 0) + min(hit.rank, 1.0) * 0.5


def search(user: Any, query: str, limit: int = PER_SOURCE) -> list[Hit]:
    """Every registered source's hits for the user, best first."""
    from valo.core.registry import search_sources

    query = " ".join(words(query))
    if len(query) < 2:
        return []
    hits = [hit for dotted in search_sources() for hit in import_string(dotted)(user, query, limit)]
    ranked = [Hit(h.kind, h.label, h.url, h.detail, h.key, h.rank, score(h, query)) for h in hits]
    return sorted(ranked, key=lambda h: (-h.score, h.label))


# --- PostgreSQL's indexes for the search and the pickers ------------------------------------------


def index_statements(model: type) -> list[str]:
    """The trigram indexes that serve `matching()` on one model's own fields (its `picker_fields`
    and `search_fields`; a related one is indexed on its own model), each of a field as
    `icontains` compares it (UPPER(col::text) LIKE '%…%'). Idempotent."""
    table = model._meta.db_table
    return [
        f'CREATE INDEX IF NOT EXISTS "{index}" ON "{table}" '
        f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        for index, column in index_names(model)
    ]


def index_names(model: type) -> list[tuple[str, str]]:
    """The trigram indexes' names (`<table[:40]>_<column[:15]>_trgm`, within PostgreSQL's 63
    characters) with their columns. Two columns cut to the same name would share one index (the
    second never created): the system check valo.E002 refuses that."""
    table = model._meta.db_table
    names = [*getattr(model, "picker_fields", ()), *getattr(model, "search_fields", ())]
    columns = [model._meta.get_field(n).column for n in dict.fromkeys(names) if "__" not in n]
    return [(f"{table[:40]}_{column[:15]}_trgm", column) for column in columns]


def searched_models() -> list[type]:
    """valo's models with fields a picker or the search looks in."""
    from django.apps import apps

    return [
        m
        for m in apps.get_models()
        if m.__module__.startswith("valo.")
        and any(getattr(m, a, ()) for a in ("picker_fields", "search_fields"))
    ]


def ensure_indexes(using: str = "default") -> list[str]:
    """On PostgreSQL, create what is missing of the search's trigram indexes (pg_trgm first: a
    trusted extension, which the database's owner may create). Run after every `valo migrate`. Returns
    the statements run; without the extension, none (the search works, unindexed)."""
    from django.db import DatabaseError, connections, transaction

    connection = connections[using]
    if connection.vendor != "postgresql":
        return []
    statements = [s for model in searched_models() for s in index_statements(model)]
    with connection.schema_editor() as editor:
        try:
            with transaction.atomic(using=using):
                editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError:
            return []
        for statement in statements:
            editor.execute(statement)
    return statements
