"""The global search: one box for a number, a title, a person, a company, a publication number.

Each app registers its sources in its AppConfig (`search_sources`: dotted paths of functions
(user, query, limit) -> list[Hit]), each reading through the restricted querysets, so a user finds
only what they may see. `matching()` is the one way a source filters: every word of the query in one
of the fields (case-insensitive), and on PostgreSQL the titles' full-text match too, ranked. Hits are
ordered: an exact reference first, then a reference that starts with the query, then the rest by how
much of the query their label holds and their full-text rank."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.module_loading import import_string

# Bounds of a query (a query is not allowed to hold a worker): its length and its words.
MAX_LENGTH = 100
MAX_WORDS = 6
PER_SOURCE = 8


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
    PostgreSQL, the records whose `text_fields` (titles) match the query in full text are found too
    and carry its rank (`search_rank`), by which they are ordered."""
    condition = Q()
    for word in words(query):
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        condition &= any_field
    if not condition:
        return queryset.none()
    if connection.vendor == "postgresql" and text_fields:
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector(*text_fields, config="simple")
        found = SearchQuery(" ".join(words(query)), search_type="websearch", config="simple")
        ranked = queryset.annotate(search_rank=SearchRank(vector, found))
        return ranked.filter(condition | Q(search_rank__gt=0)).order_by("-search_rank")
    return queryset.filter(condition)


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
