"""Rankings: INPI's tie rule against its published 2018 table, and the palmarès computed from the
hand-written INPI fixtures through the analytic store."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from valo.directory.models import Organization, OrganizationAlias
from valo.officedata.store import AnalyticStore
from valo.rankings import entities
from valo.rankings.cleaning import clean_applicant
from valo.rankings.methods import METHODS
from valo.rankings.palmares import competition_ranks, palmares, ranked

FIXTURES = Path(__file__).resolve().parents[2] / "officedata" / "tests" / "fixtures" / "inpi"

# reference/palmares.md §3.3: the 2018 edition, complete down to rank 33 (applicant, count, rank).
TABLE_2018 = [
    ("GROUPE VALEO", 1355, 1),
    ("GROUPE PSA", 1074, 2),
    ("SAFRAN", 783, 3),
    ("CEA", 674, 4),
    ("GROUPE RENAULT", 453, 5),
    ("CNRS", 401, 6),
    ("MICHELIN", 332, 7),
    ("AIRBUS", 317, 8),
    ("L'ORÉAL", 269, 9),
    ("THALES", 243, 10),
    ("ORANGE", 207, 11),
    ("IFP ENERGIES NOUVELLES", 182, 12),
    ("STMICROELECTRONICS", 168, 13),
    ("GROUPE ARKEMA", 165, 14),
    ("AIR LIQUIDE", 161, 15),
    ("SAINT-GOBAIN", 133, 16),
    ("ALSTOM", 131, 17),
    ("CONTINENTAL", 120, 18),
    ("ROBERT BOSCH GMBH", 114, 19),
    ("FAURECIA", 111, 20),
    ("GROUPE SEB", 111, 20),
    ("TOTAL", 98, 22),
    ("HALLIBURTON ENERGY SERVICES INC", 88, 23),
    ("SUZUKI MOTOR CORPORATION", 79, 24),
    ("IDEMIA", 70, 25),
    ("NISSAN MOTOR CO LIMITED", 65, 26),
    ("SCHNEIDER ELECTRIC", 63, 27),
    ("COMPAGNIE PLASTIC OMNIUM", 58, 28),
    ("INSERM (FR)", 57, 29),
    ("HENKEL AG & CO KGAA", 53, 30),
    ("UNIVERSITÉ DE BORDEAUX", 53, 30),
    ("EDF GROUPE", 50, 32),
    ("GROUPE SAGEMCOM", 46, 33),
    ("GROUPE SIDEL", 46, 33),
    ("SORBONNE UNIVERSITÉ", 46, 33),
]


def test_ranks_come_out_as_published_in_2018_ties_included():
    shuffled = sorted(TABLE_2018, key=lambda row: row[0][::-1])  # any input order
    ranked = competition_ranks(shuffled, lambda r: r[1], lambda r: r[0])
    assert [(rank, row[0]) for rank, row in ranked] == [
        (rank, name) for name, _count, rank in TABLE_2018
    ]


def test_a_top_keeps_every_row_tied_within_it_and_builds_no_other():
    """Only the kept rows become Rows (a 400 000-applicant ranking built one for each to keep 50);
    a row tied with the last one kept is kept too."""
    found = [(name, name, None, "RESE", 1, count, None) for name, count, _rank in TABLE_2018]
    every = ranked(found, METHODS["inpi-2022"])
    assert [(r.rank, r.entity.name) for r in every] == [
        (rank, name) for name, _count, rank in TABLE_2018
    ]
    last = TABLE_2018[-1][2]  # the last rank, shared by a tie
    top = ranked(found, METHODS["inpi-2022"], top=last)
    assert top == every and sum(r.rank == last for r in top) > 1  # the tie, whole
    below = ranked(found, METHODS["inpi-2022"], top=last - 1)
    assert below == [r for r in every if r.rank < last]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Institut Mines-Télécom", "INSTITUT MINES TELECOM"),
        ("OPTIQUES NORMANDES S.A.S.", "OPTIQUES NORMANDES"),
        ("HENKEL AG & CO KGAA", "HENKEL"),
        ("9SOLUTIONS OY [FI]", "9SOLUTIONS"),
        ("AMTECH", "AMTECH"),  # proper names are never corrected
    ],
)
def test_names_are_cleaned(raw, clean):
    assert clean_applicant(raw) == clean


@pytest.fixture
def store(settings, tmp_path, cast):
    settings.VAR_DIR = tmp_path
    weekly = tmp_path / "FR_FRNEWST36_2020_03.zip"
    with zipfile.ZipFile(weekly, "w") as archive:
        for name in ("co-applicants.xml", "utility-certificate.xml", "two-priorities.xml"):
            archive.write(FIXTURES / name, name)
    amended = tmp_path / "FR_FRAMDST36_2020_05.zip"
    with zipfile.ZipFile(amended, "w") as archive:
        archive.write(FIXTURES / "amended.xml", "amended.xml")
    return AnalyticStore(), weekly, amended


@pytest.mark.django_db
def test_the_palmares_from_inpi_files(cast, store):
    analytic, weekly, amended = store
    # The directory knows the institution's old name and the company's SIREN.
    OrganizationAlias.objects.create(organization=cast.institution, name="INSTITUT MINES-TELECOM")
    cast.company.siren = "994208478"
    cast.company.save()
    cnrs = Organization.objects.create(
        name="Centre national de la recherche scientifique",
        short_name="CNRS",
        kind="public_research_body",
    )
    assert analytic.import_file(weekly).documents == 3
    assert analytic.import_file(amended).documents == 1
    rows = palmares(entities.connect(analytic), METHODS["inpi-2022"], 2020)
    # The amended record replaced the first one (CNRS added); the A3 is not counted; whole counting.
    assert [(r.rank, r.entity.name, r.count, r.entity.category) for r in rows] == [
        (1, "Acme Industries", 1, "GE"),
        (1, "Centre national de la recherche scientifique", 1, "RESE"),
        (1, "ROBERT BOSCH", 1, "?"),
        (1, "Test Institute", 1, "RESE"),
    ]
    assert rows[3].documents == ["FR3091234A1"]
    fractional = palmares(entities.connect(analytic), METHODS["fractional"], 2020)
    assert {r.entity.name: r.count for r in fractional}["Test Institute"] == Decimal("0.33")
    first = palmares(entities.connect(analytic), METHODS["first-filings"], 2020)
    assert "ROBERT BOSCH" not in {r.entity.name for r in first}  # it claims German priorities
    with_cu = palmares(entities.connect(analytic), METHODS["inpi-2022-cu"], 2020)
    assert "ECOLE NATIONALE SUPERIEURE DES MINES DE SAINT ETIENNE" in {
        r.entity.name for r in with_cu
    }
    rese = palmares(entities.connect(analytic), METHODS["inpi-2022"], 2020, category="RESE")
    assert [(r.rank, r.entity.name) for r in rese] == [
        (1, "Centre national de la recherche scientifique"),
        (1, "Test Institute"),
    ]
    assert cnrs.pk == rese[0].entity.organization_id


@pytest.mark.django_db
def test_imports_are_idempotent_and_all_or_nothing(cast, store, tmp_path):
    analytic, weekly, _amended = store
    analytic.import_file(weekly)
    before = analytic.connect().execute("SELECT count(*) FROM publications").fetchone()
    again = analytic.import_file(weekly)
    assert (
        again.skipped
        and analytic.connect().execute("SELECT count(*) FROM publications").fetchone() == before
    )
    broken = tmp_path / "FR_FRNEWST36_2020_04.zip"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.write(FIXTURES / "two-priorities.xml", "ok.xml")
        archive.writestr("zz-cut.xml", (FIXTURES / "utility-certificate.xml").read_text()[:400])
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("officedata", "import", str(broken), stderr=err)
    assert (
        "FR_FRNEWST36_2020_04.zip/zz-cut.xml" in err.getvalue()
        and "nothing added" in err.getvalue()
    )
    assert analytic.connect().execute("SELECT count(*) FROM publications").fetchone() == before


@pytest.mark.django_db
def test_the_commands(cast, store, tmp_path):
    _analytic, weekly, _amended = store
    out = io.StringIO()
    call_command("officedata", "parse", str(FIXTURES / "two-priorities.xml"), stdout=out)
    (record,) = json.loads(out.getvalue())
    assert record["application"]["date"] == "2019-01-21" and len(record["priorities"]) == 2
    call_command("officedata", "import", str(weekly), stdout=io.StringIO())
    out = io.StringIO()
    call_command("rankings", "palmares", "--year", "2020", "--format", "json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["method"] == "inpi-2022" and len(result["rows"]) == 3
    shutil.rmtree(tmp_path / "officedata")


@pytest.mark.django_db
def test_the_page_drill_down_and_api(cast, store, login, api, client):
    analytic, weekly, _amended = store
    OrganizationAlias.objects.create(organization=cast.institution, name="INSTITUT MINES-TELECOM")
    analytic.import_file(weekly)
    page = login("director").get("/rankings/?year=2020")
    assert page.status_code == 200
    ours = [r for r in page.context["rows"] if r.entity.organization_id == cast.institution.pk]
    assert ours and 'data-ours="1"' in page.content.decode()
    drill = login("director").get(
        "/rankings/documents/", {"year": 2020, "entity": ours[0].entity.key}
    )
    assert drill.status_code == 200 and "FR3091234A1" in drill.content.decode()
    data = api("director").get("/api/rankings/palmares/?year=2020&method=fractional").json()
    assert data["method"] == "fractional" and {r["applicant"] for r in data["rows"]} >= {
        "Test Institute"
    }
    assert login("director").get("/rankings/?year=2020&method=nonsense").status_code == 404
    client.logout()
    assert client.get("/rankings/?year=2020").status_code == 302  # to the login page


@pytest.mark.django_db
def test_reconciliation_finds_what_was_not_credited_and_an_alias_fixes_it(cast, store, login):
    import datetime

    from valo.patents.models import PatentApplication, PatentFamily

    analytic, weekly, _amended = store
    analytic.import_file(weekly)
    family = PatentFamily.objects.create(reference="F1", title="Sensor", unit=cast.lab_a)
    PatentApplication.objects.create(
        family=family,
        office="FR",
        route="first_filing",
        application_number="FR1900123",
        filing_date=datetime.date(2019, 1, 8),
        publication_number="3091234",
        publication_kind="A1",
        publication_date=datetime.date(2020, 1, 10),
    )
    PatentApplication.objects.create(
        family=family,
        office="FR",
        route="first_filing",
        application_number="FR1900999",
        filing_date=datetime.date(2019, 2, 8),
        publication_number="3099999",
        publication_kind="A1",
        publication_date=datetime.date(2020, 3, 10),
    )
    client = login("officer_a")
    page = client.get("/rankings/reconciliation/?year=2020")
    result = page.context["result"]
    assert result.not_credited == {
        "FR3091234A1": ["INSTITUT MINES-TELECOM", "OPTIQUES NORMANDES SAS"]
    }
    assert result.missing == ["FR3099999A1"] and result.matched == []
    response = client.post(
        "/rankings/reconciliation/?year=2020",
        {
            "organization": cast.school_a.pk,
            "name": "INSTITUT MINES-TELECOM",
            "source": "patent_data",
        },
    )
    assert response.status_code == 302
    result = client.get("/rankings/reconciliation/?year=2020").context["result"]
    assert result.matched == ["FR3091234A1"] and result.not_credited == {}
    from rest_framework.test import APIClient

    rest = APIClient()
    rest.force_authenticate(cast.users["officer_a"])
    data = rest.get("/api/rankings/reconciliation/?year=2020").json()
    assert data["matched"] == ["FR3091234A1"] and data["missing"] == ["FR3099999A1"]
    # Attaching outside one's units is refused, and writes nothing.
    refused = client.post(
        "/rankings/reconciliation/?year=2020",
        {"organization": cast.school_b.pk, "name": "SOMETHING", "source": "patent_data"},
    )
    assert (
        refused.status_code == 200
        and not OrganizationAlias.objects.filter(name="SOMETHING").exists()
    )


@pytest.mark.django_db
def test_attaching_a_cluster_credits_its_spellings(cast, store, login):
    from valo.core.models import ObjectChange

    analytic, weekly, _amended = store
    analytic.import_file(weekly)
    client = login("officer_a")
    page = client.get("/rankings/clusters/?year=2020")
    clusters = {row.entity.name: names for row, names in page.context["clusters"]}
    assert clusters["INSTITUT MINES TELECOM"] == ["INSTITUT MINES-TELECOM"]
    before = ObjectChange.objects.count()
    response = client.post(
        "/rankings/clusters/?year=2020",
        {"organization": cast.school_a.pk, "name": ["INSTITUT MINES-TELECOM"]},
    )
    assert response.status_code == 302 and ObjectChange.objects.count() == before + 1
    rows = {
        r.entity.name: r for r in palmares(entities.connect(analytic), METHODS["inpi-2022"], 2020)
    }
    assert rows["Test Institute"].count == 1
    assert (
        client.post(
            "/rankings/clusters/?year=2020", {"organization": cast.school_b.pk, "name": ["X"]}
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_splitting_a_spelling_off_and_the_xlsx_output(cast, store, login, tmp_path):
    from openpyxl import load_workbook

    analytic, weekly, _amended = store
    analytic.import_file(weekly)
    response = login("officer_a").post(
        "/rankings/clusters/?year=2020", {"split": "ROBERT BOSCH GMBH"}
    )
    assert response.status_code == 302
    bosch = Organization.objects.get(aliases__name="ROBERT BOSCH GMBH")
    rows = {
        r.entity.name: r for r in palmares(entities.connect(analytic), METHODS["inpi-2022"], 2020)
    }
    assert rows[bosch.name].entity.organization_id == bosch.pk
    target = tmp_path / "ranking.xlsx"
    call_command(
        "rankings",
        "palmares",
        "--year",
        "2020",
        "--format",
        "xlsx",
        "--output",
        str(target),
        stdout=io.StringIO(),
    )
    sheet = load_workbook(target).active
    assert [c.value for c in next(sheet.iter_rows())] == [
        "rank",
        "applicant",
        "category",
        "count",
        "documents",
    ]
    assert sheet.max_row == 4


@pytest.mark.django_db
def test_the_amended_record_wins_whatever_the_import_order(cast, store):
    """Issue 11: `valo officedata import corpus/*.zip` imports FRAMD before FRNEW (shell order); the
    amended record must still be the one kept — supersession follows the records' status."""
    analytic, weekly, amended = store
    analytic.import_file(amended)
    result = analytic.import_file(weekly)
    assert (result.documents, result.kept_amended) == (3, 1)
    con = analytic.connect()
    statuses = con.execute(
        "SELECT status FROM publications WHERE publication_number = '3091234'"
    ).fetchall()
    assert statuses == [("AMENDED",)]
    names = {
        name
        for (name,) in con.execute(
            "SELECT raw_name FROM applicants JOIN publications USING (doc_key) "
            "WHERE publication_number = '3091234'"
        ).fetchall()
    }
    assert any("CNRS" in name or "CENTRE NATIONAL" in name for name in names)


@pytest.mark.django_db
def test_the_harmonisation_is_persisted_per_snapshot_and_rebuilt_when_the_directory_changes(
    cast, store, settings
):
    analytic, weekly, _amended = store
    # The import command harmonises the new snapshot's names once, after its files.
    call_command("officedata", "import", str(weekly), stdout=io.StringIO())
    derived = analytic.current / "derived" / "harmonised.parquet"
    assert derived.exists()
    con = analytic.connect()
    how = dict(con.execute("SELECT raw_name, decided_by FROM harmonised").fetchall())
    assert how["ROBERT BOSCH GMBH"] == "cluster"
    assert how["INSTITUT MINES-TELECOM"] == "cluster"
    # A ranking reads the table: nothing is harmonised again while the directory is unchanged.
    assert entities.refresh(analytic) is None
    built = derived.stat().st_mtime_ns
    palmares(entities.connect(analytic), METHODS["inpi-2022"], 2020)
    assert derived.stat().st_mtime_ns == built
    # A staff decision changes the directory: the next ranking rebuilds, and explains the count.
    OrganizationAlias.objects.create(
        organization=cast.institution, name="INSTITUT MINES-TELECOM", source="patent_data"
    )
    con = entities.connect(analytic)
    rows = {r.entity.name: r for r in palmares(con, METHODS["inpi-2022"], 2020)}
    assert rows["Test Institute"].count == 1
    assert entities.explain(con, rows["Test Institute"].entity.key, "group") == [
        ("INSTITUT MINES-TELECOM", "", "staff")
    ]
    assert entities.refresh(analytic) is None  # kept for the next request
    # A table of the earlier layout (no integer ids) is built again at the next request.
    held = analytic.connect().sql("SELECT * EXCLUDE (entity_id, group_id) FROM harmonised")
    analytic.write_derived(
        "harmonised", held.to_arrow_table(), {"directory": entities.directory_state()}
    )
    rebuilt = entities.refresh(analytic)
    assert rebuilt is not None and "group_id" in rebuilt.column_names
    assert entities.refresh(analytic) is None
    # A removal is a new snapshot: harmonised again by the command.
    call_command("officedata", "remove", weekly.name, stdout=io.StringIO())
    assert analytic.connect().execute("SELECT count(*) FROM harmonised").fetchone()[0] == 0


@pytest.mark.django_db
def test_the_ranking_page_shows_our_row_and_exports_each_tab(cast, store, login):
    analytic, weekly, _amended = store
    analytic.import_file(weekly)
    OrganizationAlias.objects.create(organization=cast.institution, name="INSTITUT MINES-TELECOM")
    client = login("officer_a")
    page = client.get("/rankings/")  # the latest year the store holds: 2020
    assert page.context["year"] == 2020
    assert page.context["ours"].entity.name == "Test Institute"
    assert any(bar["ours"] for bar in page.context["bars"])
    assert b'id="ours"' in page.content and b'href="#ours"' in page.content
    export = client.get("/rankings/?year=2020&category=RESE&format=csv")
    assert export["Content-Disposition"].startswith(
        'attachment; filename="palmares-inpi-2022-2020-RESE'
    )
    lines = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == "Rank,Applicant,Category,Applications"
    assert lines[1:] == ["1,Test Institute,RESE,1"]
    assert client.get("/rankings/?format=pdf").status_code == 404


@pytest.mark.django_db
def test_every_year_in_one_query_is_each_year_ranked_alone(cast, settings, tmp_path):
    """`rankings` (the report's history, the peers' comparison) ranks every year of the store in
    one query: each year's ranking is the one `palmares` gives that year alone."""
    settings.VAR_DIR = tmp_path
    analytic = AnalyticStore()
    for year, number in ((2019, "3070001"), (2020, "3091234"), (2021, "3100001")):
        path = tmp_path / f"{year}.csv"
        _lens_export(path, number, year)
        analytic.import_file(path)
    entities.refresh(analytic)
    con = entities.connect(analytic)
    for code in ("inpi-2022", "fractional", "all", "inpi-2023"):
        every = entities.rankings(analytic, METHODS[code])
        # The exports' documents were filed in July of their year of publication.
        assert list(every) == [2019, 2020, 2021], code
        for year, rows in every.items():
            assert rows == palmares(con, METHODS[code], year), (code, year)


def _lens_export(path, number, year):
    """A Lens.org export of two documents published in `year`, one of them co-filed."""
    from valo.officedata.tests.test_bad_input import HEADER

    yy = f"{year % 100:02d}"
    lines = [
        f"1,FR,A1,FR {number} A1,15/01/{yy},{year},FR {year % 100}07654 A,10/07/{yy},,Title 1,"
        "INSTITUT MINES-TELECOM;;ACME SA,",
        f"2,FR,A1,FR {int(number) + 1} A1,22/01/{yy},{year},FR {year % 100}07655 A,11/07/{yy},,"
        "Title 2,ACME SA,",
    ]
    path.write_bytes((HEADER + "\r\n".join(lines) + "\r\n").encode())
