"""The search's matching (valo.core.search.matching) on both databases, and on PostgreSQL its
trigram indexes (ensure_indexes, run by every migrate): a rare word is looked up by its ids, a
common one (RARE rows or more) by the restricted query itself; both find the same records. On
SQLite nothing is created (it scans; the tables of one office stay small)."""

from __future__ import annotations

import pytest
from django.db import connection

from valo.core import search
from valo.core.search import ensure_indexes, matching
from valo.directory.models import Organization, OrganizationAlias, Person


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # Tables of a test are tiny: forbid the sequential scan and the plain index scan (a walk of
        # the names' ordered index), so the plan shows which index can serve the comparison itself.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.django_db
def test_each_searched_field_is_served_by_its_trigram_index():
    statements = ensure_indexes()
    if connection.vendor != "postgresql":
        assert statements == []
        return
    assert "directory_person_last_name_trgm" in plan(
        Person.objects.filter(last_name__icontains="mar")
    )
    aliases = OrganizationAlias.objects.filter(name__icontains="optique")
    assert "directory_organizationalias_name_trgm" in plan(aliases)
    assert ensure_indexes() == statements  # run again: nothing changes, nothing fails


@pytest.mark.django_db
@pytest.mark.parametrize("rare", [1000, 2], ids=["rare-word", "common-word"])
def test_rare_and_common_words_find_the_same_records(cast, monkeypatch, rare):
    monkeypatch.setattr(search, "RARE", rare)
    photonics = Organization.objects.create(name="Photonique Alpes", kind="company")
    OrganizationAlias.objects.create(organization=cast.company, name="ACME Photonics")
    Organization.objects.create(name="Photon Valley", kind="company")
    Person.objects.create(first_name="Marc", last_name="Photonier")
    user = cast.users["officer_a"]

    def names(query: str) -> set[str]:
        found = matching(
            Organization.objects.restrict(user),
            Organization.picker_fields,
            query,
            text_fields=Organization.full_text_fields,
        )
        return {o.name for o in found}

    OrganizationAlias.objects.create(organization=cast.company, name="Acme Photonic Systems")
    found = matching(Organization.objects.restrict(user), Organization.picker_fields, "photon")
    assert sorted(o.name for o in found) == ["Acme Industries", "Photon Valley", "Photonique Alpes"]
    assert names("photon") == {"Photonique Alpes", "Acme Industries", "Photon Valley"}
    assert names("photon alpes") == {"Photonique Alpes"}
    assert names("acme photonics") == {"Acme Industries"}  # both words in its alias
    assert names("Lab B1") == set()  # school B's laboratory: outside officer A's view
    people = matching(Person.objects.restrict(user), Person.picker_fields, "photon")
    assert [p.last_name for p in people] == ["Photonier"]
    if connection.vendor == "postgresql":
        ranked = matching(
            Organization.objects.all(), Organization.picker_fields, "photon valley", ["name"]
        )
        assert ranked[0].name == "Photon Valley" and ranked[0].search_rank > 0
    assert photonics.pk in {o.pk for o in matching(Organization.objects.all(), ["name"], "alpes")}


@pytest.mark.django_db
def test_a_record_found_in_several_fields_counts_once_among_the_rare(monkeypatch):
    """ "Photonier" is in the surname and in the address: two rows of the lookup, one record — a
    rare word still (the walk of the names' index for a word of 209 people took 70 ms)."""
    monkeypatch.setattr(search, "RARE", 2)
    person = Person.objects.create(
        first_name="Marc", last_name="Photonier", email="marc.photonier@example.org"
    )
    parts = [
        Person.objects.filter(**{f"{name}__icontains": "photonier"}).order_by().values("pk")
        for name in Person.picker_fields
    ]
    assert search._ids(parts) == {person.pk}
    Person.objects.create(first_name="Lise", last_name="Photonier")
    assert search._ids(parts) is None  # two records: as many as RARE, a common word


def test_the_search_indexes_have_one_name_each(monkeypatch):
    from django.core import checks

    assert [e for e in checks.run_checks() if e.id == "valo.E002"] == []
    # A second column whose first 15 letters are those of employee_number: cut to the same name.
    real = search.index_names
    monkeypatch.setattr(
        search,
        "index_names",
        lambda model: (
            [*real(model), ("directory_person_employee_number_trgm", "employee_numbers")]
            if model is Person
            else real(model)
        ),
    )
    (error,) = [e for e in checks.run_checks() if e.id == "valo.E002"]
    assert "directory_person.employee_numbers" in error.msg
