"""Issue 12: the append-only store. An import writes only what its file adds (earlier batches are
never rewritten), a reader keeps the snapshot it opened, compaction changes no answer, removing a
file shows again what it had replaced, and a store of the earlier layout is read and adopted."""

from __future__ import annotations

import datetime
import io
import json

import pyarrow.parquet as pq
import pytest
from django.core.management import call_command

from valo.officedata.readers.ops import read_legal_events
from valo.officedata.store import DOCUMENT_FIELDS, AnalyticStore
from valo.officedata.tests.test_bad_input import _lens

TABLES = ("publications", "applicants", "names", "classes", "priorities", "titles")


@pytest.fixture
def store(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return AnalyticStore()


def _everything(store):
    con = store.connect()
    return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


def _files(tmp_path, n):
    return [
        _lens(tmp_path / f"week-{i}.csv", (f"{3090000 + i}", f"{1900000 + i}", f"APPLICANT {i} SA"))
        for i in range(n)
    ]


def test_an_import_writes_only_its_own_batch(store, tmp_path):
    first, second, third = _files(tmp_path, 3)
    store.import_file(first)
    batches = store.root / "batches"
    written = {p: p.stat().st_mtime_ns for p in batches.rglob("*.parquet")}
    store.import_file(second)
    store.import_file(third)
    # The first batch's files are untouched; each import added one batch of its own rows.
    assert all(p.stat().st_mtime_ns == t for p, t in written.items())
    assert len(list(batches.iterdir())) == 3
    for entry in store.manifest():
        assert pq.read_table(batches / entry["batch"] / "publications.parquet").num_rows == 1


def test_a_reader_keeps_its_snapshot_while_an_import_lands(store, tmp_path):
    first, second = _files(tmp_path, 2)
    store.import_file(first)
    reader = store.connect()
    store.import_file(second)
    assert reader.execute("SELECT count(*) FROM publications").fetchone() == (1,)
    assert store.connect().execute("SELECT count(*) FROM publications").fetchone() == (2,)


@pytest.mark.django_db  # the command rebuilds the harmonisation, read from the directory
def test_compaction_changes_no_answer_and_keeps_every_file(store, tmp_path):
    files = _files(tmp_path, 4)
    for path in files:
        store.import_file(path)
    # A later version of week-1's document (same application): it replaces the first.
    later = _lens(tmp_path / "later.csv", ("3090001", "1900001", "APPLICANT 1 RENAMED SA"))
    assert store.import_file(later).replaced == 1
    before = _everything(store)
    out = io.StringIO()
    call_command("officedata", "compact", stdout=out)
    assert "5 batches compacted into 1" in out.getvalue()
    assert _everything(store) == before
    assert len({entry["batch"] for entry in store.manifest()}) == 1
    # Every file is still known: skipped when imported again, removable by name. The batches no
    # manifest lists are removed by the next write (a reader may still be on them until then).
    assert store.import_file(files[0]).skipped
    assert len(list((store.root / "batches").iterdir())) == 1
    assert store.remove("week-2.csv") == 1
    assert store.connect().execute("SELECT count(*) FROM publications").fetchone() == (3,)


def test_applicants_carry_their_documents_fields_and_older_batches_get_them_at_compaction(
    store, tmp_path
):
    """A ranking reads `credited` (each applicant with its document's office, kind, dates and
    priorities) from the applicants alone; a batch written before they carried those fields is
    joined to its publications until a compaction writes them."""
    first, second = _files(tmp_path, 2)
    store.import_file(first)
    store.import_file(second)
    credited = "SELECT * FROM credited ORDER BY doc_key"
    expected = store.connect().execute(credited).fetchall()
    assert [row[3:] for row in expected] == [
        ("FR", "A1", datetime.date(2021, 1, 15), datetime.date(2019, 7, 10), 0)
    ] * 2
    assert store.denormalised()
    # The first batch as an earlier version wrote it: applicants without the document's fields.
    path = store.batch_files("applicants")[0]
    older = pq.read_table(path)
    pq.write_table(older.drop_columns(list(DOCUMENT_FIELDS)), path)
    assert not store.denormalised()
    assert store.connect().execute(credited).fetchall() == expected  # joined to publications
    store.compact()
    assert store.denormalised()
    assert store.connect().execute(credited).fetchall() == expected


def test_removing_a_file_shows_again_what_it_had_replaced(store, tmp_path):
    (first,) = _files(tmp_path, 1)
    store.import_file(first)
    later = _lens(tmp_path / "later.csv", ("3090000", "1900000", "APPLICANT 0 RENAMED SA"))
    store.import_file(later)
    names = "SELECT raw_name FROM applicants"
    assert store.connect().execute(names).fetchall() == [("APPLICANT 0 RENAMED SA",)]
    assert store.remove("later.csv") == 1
    assert store.connect().execute(names).fetchall() == [("APPLICANT 0 SA",)]


def test_a_store_of_the_earlier_layout_is_read_then_adopted(store, tmp_path):
    """Whole tables beside the manifest in one snapshot directory, no batches: read as they are,
    then moved into batch 0 by the next write."""
    (first,) = _files(tmp_path, 1)
    store.import_file(first)
    con = store.connect()
    old = store.root / "snapshot-old"
    old.mkdir()
    for table in TABLES:
        con.execute(f"COPY (SELECT * FROM {table}) TO '{old / table}.parquet' (FORMAT parquet)")
    entry = {k: v for k, v in store.manifest()[0].items() if k not in ("batch", "seq")}
    (old / "manifest.json").write_text(json.dumps([entry]))
    (store.root / "CURRENT").write_text("snapshot-old")
    assert store.connect().execute("SELECT count(*) FROM publications").fetchone() == (1,)
    (second,) = [_lens(tmp_path / "next.csv", ("3099999", "1999999", "NEXT SA"))]
    assert store.import_file(second).added == 1
    assert [e["batch"] for e in store.manifest()] == [
        "000000-adopted",
        store.manifest()[1]["batch"],
    ]
    assert store.connect().execute("SELECT count(*) FROM publications").fetchone() == (2,)
    assert not (store.current / "publications.parquet").exists()


def test_legal_events_are_kept_once_by_document_removed_with_their_file(store, tmp_path):
    """Issue 16: the INPADOC events of OPS legal responses go to the store (before, nothing of such a
    file was kept); the same event from two responses counts once; removing a file takes its own."""
    import shutil

    from valo.officedata.tests.test_ops_reader import response

    single, family = tmp_path / "legal.xml", tmp_path / "family-legal.xml"
    shutil.copy(response("get_legal"), single)
    shutil.copy(response("get_family_with_legal"), family)
    result = store.import_file(single)
    assert (result.documents, result.events) == (0, 69)
    con = store.connect()
    lapses = con.execute(
        "SELECT country, date FROM legal_events WHERE code = 'PG25' ORDER BY date, country"
    ).fetchall()
    assert len(lapses) == 32 and ("BG", datetime.date(2020, 5, 1)) in lapses
    store.import_file(family)
    events = "SELECT count(*) FROM legal_events"
    both = store.connect().execute(events).fetchone()[0]

    # The single member's events are among the family's: every distinct event once.
    def distinct(*paths):
        return len(
            {
                (str(e.publication), e.code, e.date, e.description, e.country)
                for path in paths
                for e in read_legal_events(path)
            }
        )

    assert both == distinct(single, family)
    store.compact()
    assert store.connect().execute(events).fetchone()[0] == both
    store.remove("family-legal.xml")
    # The single response's own events stay (it repeats one of its 69: 68 distinct).
    assert store.connect().execute(events).fetchone()[0] == distinct(single) == 68


def test_files_read_in_parallel_land_as_they_would_one_by_one(settings, tmp_path):
    """`import_files` reads with several processes and writes in the files' order: the same
    batches, rows and manifest order as importing the files one by one; a refused file is
    reported with its reason and the others land."""
    files = _files(tmp_path, 5)
    bad = tmp_path / "week-bad.csv"
    bad.write_bytes(b"\xff\xfe not a Lens export")
    files.insert(2, bad)
    settings.VAR_DIR = tmp_path / "one"
    one = AnalyticStore()
    for path in files:
        if path != bad:
            one.import_file(path)
    settings.VAR_DIR = tmp_path / "parallel"
    parallel = AnalyticStore()
    outcomes = list(parallel.import_files(files, workers=2))
    assert [path for path, _ in outcomes] == files
    refused = [result for path, result in outcomes if path == bad]
    assert isinstance(refused[0], Exception) and refused[0].file == "week-bad.csv"
    assert _everything(parallel) == _everything(one)
    assert [e["file"] for e in parallel.manifest()] == [e["file"] for e in one.manifest()]


def test_an_import_reads_only_the_batches_its_keys_can_meet(store, tmp_path, monkeypatch):
    """Each batch's range of document keys is in the manifest: a weekly file of new publication
    numbers reads no earlier batch (its cost does not grow with the store), a file whose numbers
    fall inside an earlier batch's range still finds the record it must not contradict."""
    for path in _files(tmp_path, 4):
        store.import_file(path)
    assert all(len(entry["keys"]) == 2 for entry in store.manifest())
    read = []
    select = AnalyticStore._select
    monkeypatch.setattr(
        AnalyticStore, "_select", lambda self, files: read.append(files) or select(self, files)
    )
    store.import_file(_lens(tmp_path / "later.csv", ("3099999", "1999999", "LATER SA")))
    assert read == []  # beyond every batch's range: nothing read
    clash = _lens(tmp_path / "clash.csv", ("3090002", "1955555", "OTHER SA"))
    with pytest.raises(Exception, match="already held for application 1900002"):
        store.import_file(clash)
    assert [[p.parent.name for p in files] for files in read] == [[store.manifest()[2]["batch"]]]


def test_an_import_beyond_the_batch_limit_compacts_the_store(settings, store, tmp_path):
    """VALO_OFFICEDATA_COMPACT_AFTER: the command that leaves more batches compacts them into one
    (every answer kept), and says so."""
    settings.VALO_OFFICEDATA_COMPACT_AFTER = 3
    files = _files(tmp_path, 4)
    out = io.StringIO()
    call_command("officedata", "import", *map(str, files[:3]), stdout=out)
    assert len(store._batches(store.manifest())) == 3 and "compacted" not in out.getvalue()
    before = _everything(store)
    call_command("officedata", "import", str(files[3]), stdout=out)
    assert len(store._batches(store.manifest())) == 1 and "compacted into one" in out.getvalue()
    after = _everything(store)
    assert {t: len(rows) for t, rows in after.items()}["publications"] == 4
    assert all(set(before[t]) <= set(after[t]) for t in TABLES)
