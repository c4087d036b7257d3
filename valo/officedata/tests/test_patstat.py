"""Issue 12: PATSTAT Global's tables, written here exactly as the EPO distributes them (a folder of
zipped CSV parts, comma-separated, double-quoted, a header row with every column of the table,
"9999-12-31" for an unknown date), read field by field (valo/rankings/tests/test_patstat_ranking.py
imports them into the store and ranks them)."""

from __future__ import annotations

import csv
import io
import itertools
import zipfile

import pytest

from valo.officedata.readers import reader_for
from valo.officedata.readers.patstat import read_patstat
from valo.officedata.records import OfficeDataError
from valo.officedata.store import AnalyticStore

# Each table's full header as PATSTAT Global distributes it (the reader keeps the columns it needs).
HEADERS = {
    "tls201": "appln_id,appln_auth,appln_nr,appln_kind,appln_filing_date,appln_filing_year,"
    "appln_nr_epodoc,appln_nr_original,ipr_type,receiving_office,internat_appln_id,int_phase,"
    "reg_phase,nat_phase,earliest_filing_date,earliest_filing_year,earliest_filing_id,"
    "earliest_publn_date,earliest_publn_year,earliest_pat_publn_id,granted,docdb_family_id,"
    "inpadoc_family_id,docdb_family_size,nb_citing_docdb_fam,nb_applicants,nb_inventors",
    "tls202": "appln_id,appln_title_lg,appln_title",
    "tls204": "appln_id,prior_appln_id,prior_appln_seq_nr",
    "tls206": "person_id,person_name,person_name_orig_lg,person_address,person_ctry_code,nuts,"
    "nuts_level,doc_std_name_id,doc_std_name,psn_id,psn_name,psn_level,psn_sector,han_id,han_name,"
    "han_harmonized",
    "tls207": "person_id,appln_id,applt_seq_nr,invt_seq_nr",
    "tls209": "appln_id,ipc_class_symbol,ipc_class_level,ipc_version,ipc_value,ipc_position,"
    "ipc_gener_auth",
    "tls211": "pat_publn_id,publn_auth,publn_nr,publn_nr_original,publn_kind,appln_id,publn_date,"
    "publn_lg,publn_first_grant,publn_claims",
    "tls224": "appln_id,cpc_class_symbol",
}
ROWS = {
    "tls201": [
        [
            1001,
            "FR",
            "1860001",
            "A ",
            "2018-12-20",
            2018,
            "FR20181860001",
            "1860001",
            "PI",
            "",
            0,
            "N",
            "N",
            "N",
            "2018-12-20",
            2018,
            1001,
            "2020-06-26",
            2020,
            9001,
            "N",
            5001,
            6001,
            2,
            0,
            2,
            1,
        ],
        [
            1002,
            "EP",
            "19200001",
            "A ",
            "2019-06-01",
            2019,
            "EP20190200001",
            "19200001.5",
            "PI",
            "",
            0,
            "N",
            "N",
            "N",
            "2018-12-20",
            2018,
            1001,
            "2020-04-07",
            2020,
            9002,
            "N",
            5001,
            6001,
            2,
            0,
            1,
            0,
        ],
        [
            1003,
            "FR",
            "1960002",
            "A ",
            "2019-01-15",
            2019,
            "FR20191960002",
            "1960002",
            "PI",
            "",
            0,
            "N",
            "N",
            "N",
            "9999-12-31",
            9999,
            1003,
            "2020-07-03",
            2020,
            9003,
            "N",
            5003,
            6003,
            1,
            0,
            1,
            0,
        ],
    ],
    "tls202": [[1001, "fr", "Capteur optique"], [1002, "en", "Optical sensor"]],
    "tls204": [[1002, 1001, 1]],
    "tls206": [
        [
            71,
            "INSTITUT MINES-TELECOM",
            "fr",
            "",
            "FR",
            "",
            "",
            1,
            "INSTITUT MINES TELECOM",
            81,
            "INSTITUT MINES TELECOM",
            2,
            "GOV NON-PROFIT UNIVERSITY",
            0,
            "",
            0,
        ],
        [
            72,
            "ACME SA",
            "fr",
            "",
            "FR",
            "",
            "",
            2,
            "ACME",
            82,
            "ACME",
            2,
            "COMPANY",
            91,
            "Acme SA",
            2,
        ],
        [
            73,
            'SOCIETE "X", SA',
            "fr",
            "",
            "FR",
            "",
            "",
            3,
            "SOCIETE X",
            83,
            "SOCIETE X",
            2,
            "COMPANY",
            0,
            "",
            0,
        ],
        [
            74,
            "Dupont, Jean",
            "fr",
            "",
            "FR",
            "",
            "",
            4,
            "DUPONT JEAN",
            84,
            "DUPONT JEAN",
            1,
            "INDIVIDUAL",
            0,
            "",
            0,
        ],
    ],
    "tls207": [
        [71, 1001, 1, 0],
        [72, 1001, 2, 0],
        [74, 1001, 0, 1],
        [71, 1002, 1, 0],
        [73, 1003, 1, 0],
    ],
    "tls209": [[1001, "H04L  29/06", 8, "2006-01-01", "I", "F", "EP"]],
    "tls211": [
        [9001, "FR", "3090001", "3090001", "A1", 1001, "2020-06-26", "fr", "N", 0],
        [9002, "EP", "3800001", "3800001", "A1", 1002, "2020-04-07", "en", "N", 0],
        [9003, "FR", "3091002", "3091002", "A1", 1003, "2020-07-03", "fr", "N", 0],
    ],
    "tls224": [[1001, "H04L  63/0428"]],
}


def write_patstat(folder, tables=ROWS):
    folder.mkdir()
    for table, rows in tables.items():
        text = io.StringIO()
        writer = csv.writer(text, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
        text.write(HEADERS[table] + "\r\n")
        writer.writerows(rows)
        with zipfile.ZipFile(folder / f"{table}_part01.zip", "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"{table}_part01.csv", text.getvalue().encode())
    return folder


def test_every_field_of_a_publication_is_read(tmp_path):
    folder = write_patstat(tmp_path / "patstat-2025-autumn")
    assert reader_for(folder).name.startswith("PATSTAT")
    records = {str(r.publication): r for r in read_patstat(folder)}
    first = records["FR3090001A1"]
    assert first.application.number == "1860001" and str(first.application.date) == "2018-12-20"
    assert (first.family_id, first.inpadoc_family_id) == ("5001", "6001")
    assert [(p.name, p.sequence) for p in first.applicants] == [
        ("INSTITUT MINES-TELECOM", 1),
        ("ACME SA", 2),
    ]
    # PATSTAT's own harmonised names kept beside the names as published.
    assert {(p.data_format, p.name) for p in first.applicant_names} >= {
        ("psn", "INSTITUT MINES TELECOM"),
        ("psn", "ACME"),
        ("han", "Acme SA"),
    }
    assert [p.name for p in first.inventors] == ["Dupont, Jean"]
    assert (first.ipc, first.cpc) == (("H04L 29/06",), ("H04L 63/0428",))
    assert first.titles == {"fr": "Capteur optique"}
    ep = records["EP3800001A1"]
    assert [(p.country, p.number) for p in ep.priorities] == [("FR", "1860001")]
    assert records["FR3091002A1"].applicants[0].name == 'SOCIETE "X", SA'


def test_a_folder_missing_a_required_table_is_refused_by_name(tmp_path):
    tables = {k: v for k, v in ROWS.items() if k != "tls206"}
    folder = write_patstat(tmp_path / "partial", tables)
    with pytest.raises(OfficeDataError, match="field tls206: no tls206_part"):
        list(read_patstat(folder))
    broken = dict(ROWS)
    broken["tls211"] = [[9009, "FR", "3099999", "3099999", "A1", 4242, "2020-01-01", "fr", "N", 0]]
    with pytest.raises(OfficeDataError, match="application 4242 is not in tls201"):
        list(read_patstat(write_patstat(tmp_path / "orphan", broken)))


def generated(folder, documents, *, start=0):
    """A PATSTAT extract of `documents` FR publications in the distributed format: each its own
    application, two applicants (the second shared by every tenth) and an inventor."""
    application = HEADERS["tls201"].count(",") + 1
    tables = {"tls201": [], "tls206": [], "tls207": [], "tls211": []}
    for n in range(start, start + documents):
        row = [""] * application
        row[:5] = [10_000 + n, "FR", str(1_900_000 + n), "A ", "2019-03-04"]
        row[14], row[21], row[22] = "2019-03-04", 50_000 + n, 60_000 + n
        tables["tls201"].append(row)
        tables["tls206"].append([70_000 + n, f"APPLICANT {n}", "fr", "", "FR"] + [""] * 11)
        tables["tls207"] += [[70_000 + n, 10_000 + n, 1, 0], [99, 10_000 + n, 2, 1]]
        tables["tls211"].append(
            [90_000 + n, "FR", str(3_100_000 + n), "", "A1", 10_000 + n, "2020-09-04", "fr", "N", 0]
        )
    tables["tls206"].append([99, "ECOLE DES MINES", "fr", "", "FR"] + [""] * 11)
    return write_patstat(folder, tables)


def test_a_folder_is_written_in_chunks_that_give_the_same_store(settings, tmp_path):
    """Issue 12: an edition is written as batches of VALO_OFFICEDATA_CHUNK_DOCUMENTS documents, all
    listed by one snapshot; every table holds the same rows as when written in one batch."""
    folder = generated(tmp_path / "patstat-fr", 25)
    settings.VAR_DIR = tmp_path / "one"
    whole = AnalyticStore()
    assert whole.import_file(folder).added == 25
    settings.VAR_DIR = tmp_path / "chunked"
    settings.VALO_OFFICEDATA_CHUNK_DOCUMENTS = 10
    chunked = AnalyticStore()
    result = chunked.import_file(folder)
    assert (result.documents, result.added) == (25, 25)
    assert [e["documents"] for e in chunked.manifest()] == [10, 10, 5]
    assert len({e["batch"] for e in chunked.manifest()}) == 3
    # The chunks are ranges of keys: a later import's check reads only those it meets.
    ranges = [tuple(e["keys"]) for e in chunked.manifest()]
    assert all(a[1] < b[0] for a, b in itertools.pairwise(ranges))
    for table in ("publications", "applicants", "names", "credited"):
        rows = f"SELECT * FROM {table}"
        assert sorted(chunked.connect().execute(rows).fetchall()) == sorted(
            whole.connect().execute(rows).fetchall()
        )
    assert not list((chunked.root / "staging").glob("*"))  # the chunks' folder is gone
    assert chunked.import_file(folder).skipped
    # Removed, it goes whole (every chunk of it).
    assert chunked.remove(folder.name) == 25
    assert chunked.connect().execute("SELECT count(*) FROM publications").fetchone() == (0,)


def test_the_caps_of_a_file_read_whole_do_not_apply_to_an_edition(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.VALO_OFFICEDATA_MAX_BYTES = 100
    settings.VALO_OFFICEDATA_MAX_DOCUMENTS = 2
    assert AnalyticStore().import_file(generated(tmp_path / "patstat", 5)).added == 5


def test_a_later_publication_replaces_an_earlier_and_a_clash_refuses_the_folder(tmp_path):
    tables = {k: [list(r) for r in v] for k, v in ROWS.items()}
    # The same document published twice for its application (a corrected row): the later wins.
    again = list(tables["tls211"][0])
    again[0], again[6] = 9010, "2020-06-30"
    tables["tls211"].append(again)
    records = [r for r in read_patstat(write_patstat(tmp_path / "twice", tables))]
    assert len(records) == 3
    assert str(records[-1].publication.date) == "2020-06-30"
    # … for another application: two documents cannot share a publication number.
    clash = list(again)
    clash[5] = 1003
    tables["tls211"][-1] = clash
    with pytest.raises(OfficeDataError, match="applications 1860001 and 1960002") as refused:
        list(read_patstat(write_patstat(tmp_path / "clash", tables)))
    assert refused.value.document == "FR3090001A1"


def test_a_date_that_is_not_one_refuses_the_folder_naming_the_publication(tmp_path):
    tables = {k: [list(r) for r in v] for k, v in ROWS.items()}
    tables["tls211"][1][6] = "2020-13-07"
    with pytest.raises(OfficeDataError) as refused:
        list(read_patstat(write_patstat(tmp_path / "bad-date", tables)))
    assert (refused.value.document, refused.value.field) == (
        "pat_publn_id 9002",
        "tls211.publn_date",
    )
    assert "2020-13-07" in refused.value.message


def test_a_damaged_part_refuses_the_folder_naming_the_part(tmp_path):
    folder = write_patstat(tmp_path / "damaged")
    part = folder / "tls211_part01.zip"
    data = bytearray(part.read_bytes())
    # Garble the compressed data of the member (its local header is 30 bytes and its name).
    start = 30 + len("tls211_part01.csv")
    data[start : start + 40] = bytes(40)
    part.write_bytes(bytes(data))
    with pytest.raises(OfficeDataError) as refused:
        list(read_patstat(folder))
    assert refused.value.file == "tls211_part01.zip" and refused.value.field in ("zip", "tls211")
