"""Bad office files are refused with their location, and nothing is written."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from valo.officedata.readers.lens import read_lens
from valo.officedata.records import OfficeDataError
from valo.officedata.store import AnalyticStore

FIXTURES = Path(__file__).parent / "fixtures" / "inpi"
LENS = (
    "#,Jurisdiction,Kind,Publication Number,Publication Date,Publication Year,Application Number,"
    "Application Date,Priority Numbers,Title,Applicants,Inventors\r"
    "1,US,A1,US 2013/0101709 A1,25/04/13,2013,US 201213657122 A,22/10/12,US 201161550506 P 20111024,"
    "Pizza oven,ACME PIZZA INC;;OVENCO LLC,DOE JOHN\r"
)


@pytest.fixture
def store(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return AnalyticStore()


def test_a_lens_export_is_read_with_its_quirks(tmp_path):
    path = tmp_path / "lens.csv"
    path.write_bytes(LENS.encode())
    (record,) = read_lens(path)
    assert (record.publication.number, record.publication.date.isoformat()) == (
        "20130101709",
        "2013-04-25",
    )
    assert record.application.number == "201213657122"
    assert [a.name for a in record.applicants] == ["ACME PIZZA INC", "OVENCO LLC"]
    assert [(p.country, p.number, p.date.isoformat()) for p in record.priorities] == [
        ("US", "201161550506", "2011-10-24")
    ]


def test_a_csv_with_a_wrong_header(store, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("Country,Number\rUS,1\r")
    with pytest.raises(OfficeDataError, match="missing column"):
        store.import_file(path)
    assert store.current is None


def test_a_truncated_zip(store, tmp_path):
    path = tmp_path / "FR_FRNEWST36_2020_09.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.write(FIXTURES / "co-applicants.xml", "a.xml")
    path.write_bytes(buffer.getvalue()[:-30])
    with pytest.raises(OfficeDataError, match="not a readable zip"):
        store.import_file(path)
    assert store.current is None


def test_an_xml_document_missing_its_publication_number(store, tmp_path):
    text = (FIXTURES / "utility-certificate.xml").read_text()
    text = text.replace("<doc-number>3091500</doc-number>", "").replace('doc-number="3091500"', "")
    path = tmp_path / "no-number.xml"
    path.write_text(text)
    with pytest.raises(OfficeDataError) as error:
        store.import_file(path)
    assert (
        error.value.file == "no-number.xml"
        and error.value.field == "fr-publication-reference/doc-number"
    )
    assert store.current is None


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        # An OPS error answer saved as if it were data: it holds no document.
        (
            "fault.xml",
            b'<?xml version="1.0"?><fault xmlns="http://ops.epo.org"><code>SERVER.EntityNotFound</code></fault>',
            "root is <{http://ops.epo.org}fault>",
        ),
        ("other.xml", b"<rss><channel/></rss>", "root is <rss>"),
        ("notes.txt", b"just words", "not an XML, CSV or zip file"),
    ],
)
def test_a_file_no_reader_recognises_is_refused_not_imported_empty(
    store, tmp_path, name, content, said
):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(OfficeDataError, match="valo reads INPI") as refusal:
        store.import_file(path)
    assert refusal.value.file == name and said in str(refusal.value)
    assert store.current is None


def test_a_zip_member_with_a_bad_crc_is_refused_with_its_name(store, tmp_path):
    path = tmp_path / "FR_FRNEWST36_2020_10.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.write(FIXTURES / "co-applicants.xml", "a.xml")
    data = bytearray(buffer.getvalue())
    body = data.index(b"<fr-patent-document")
    data[body + 40] ^= 0x01  # one flipped bit inside the stored member: its CRC no longer matches
    path.write_bytes(bytes(data))
    with pytest.raises(OfficeDataError, match="damaged zip member") as refusal:
        store.import_file(path)
    assert refusal.value.file == "FR_FRNEWST36_2020_10.zip/a.xml"
    assert store.current is None


# A Lens export with accented names, the way a user keeps it after a spreadsheet re-saved it.
ACCENTED = (
    "#,Jurisdiction,Kind,Publication Number,Publication Date,Publication Year,Application Number,"
    "Application Date,Priority Numbers,Title,Applicants,Inventors,CPC Classifications,"
    "IPCR Classifications\r\n"
    "1,FR,A1,FR 3098765 A1,15/01/21,2021,FR 1907654 A,10/07/19,FR 201907654 A 20190710,"
    "Capteur à fibre,INSTITUT MINES-TÉLÉCOM;;SOCIÉTÉ GÉNÉRALE D'ÉLECTRICITÉ,"
    "DUPRÉ FRANÇOIS;;MÜLLER JÜRGEN,G01D5/353;;G02B6/02,G01D5/353;;G02B6/02\r\n"
    "2,FR,A1,FR 3098766 A1,15/01/21,2021,FR 1907655 A,11/07/19,,Procédé de contrôle,"
    "ÉCOLE NATIONALE SUPÉRIEURE DES MINES DE SAINT-ÉTIENNE,LŒUVRE CÉCILE,,\r\n"
)


def _read(path, **options):
    return [
        (
            r.publication.number,
            r.title(),
            [a.name for a in r.applicants],
            [i.name for i in r.inventors],
            r.cpc,
            r.ipc,
        )
        for r in read_lens(path, **options)
    ]


@pytest.mark.parametrize(
    ("encoding", "line_end"),
    [("cp1252", "\r\n"), ("mac_roman", "\r"), ("utf-16", "\r\n"), ("utf-8-sig", "\n")],
)
def test_a_lens_export_re_saved_in_a_legacy_encoding_reads_like_the_utf8_one(
    tmp_path, encoding, line_end
):
    """Issue 16: a spreadsheet re-saves the export in Windows-1252, or (old Macs) in Mac Roman with
    CR line endings; each reads identically to the UTF-8 file, classes included."""
    original = tmp_path / "utf8.csv"
    original.write_bytes(ACCENTED.encode("utf-8"))
    expected = _read(original)
    assert expected[0][2] == ["INSTITUT MINES-TÉLÉCOM", "SOCIÉTÉ GÉNÉRALE D'ÉLECTRICITÉ"]
    assert expected[0][4] == ("G01D5/353", "G02B6/02")
    resaved = tmp_path / f"{encoding}.csv"
    resaved.write_bytes(ACCENTED.replace("\r\n", line_end).encode(encoding))
    notes = []
    assert _read(resaved, report=notes.append) == expected
    assert "read as" in notes[0] and f"{encoding}.csv" in notes[0]
    # Told the encoding, it uses it and says so.
    told = []
    assert _read(resaved, encoding=encoding, report=told.append) == expected
    assert "(given)" in told[0]


def test_a_semicolon_delimited_export_is_read(tmp_path):
    """A French spreadsheet saves CSV with semicolons (the ;; of multi-valued cells quoted)."""
    import csv

    rows = list(csv.reader(io.StringIO(ACCENTED, newline="")))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path = tmp_path / "semicolons.csv"
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    original = tmp_path / "utf8.csv"
    original.write_bytes(ACCENTED.encode())
    notes = []
    assert _read(path, report=notes.append) == _read(original)
    assert "delimiter ';'" in notes[0]


def test_an_undecodable_file_is_refused_with_its_location(store, tmp_path):
    path = tmp_path / "lens-export.csv"
    path.write_bytes(LENS.encode() + b"2,US,A1,\x00\xff\xfe\x00\x81garbage\r")
    with pytest.raises(OfficeDataError, match="not text in any encoding") as refusal:
        store.import_file(path)
    assert refusal.value.file == "lens-export.csv"
    # The first byte UTF-8 cannot read: \xff, after the two lines and "2,US,A1,\x00".
    offset = len(LENS.encode()) + len(b"2,US,A1,\x00")
    assert refusal.value.field == f"line 3, byte offset {offset}"
    assert store.current is None
    with pytest.raises(OfficeDataError, match="unknown encoding"):
        list(read_lens(path, encoding="nope"))


def test_two_imports_at_once_keep_both_files(store, tmp_path):
    """Issue 11: an import during a long one lost its manifest entry."""
    import threading

    files = [FIXTURES / "co-applicants.xml", FIXTURES / "amended.xml"]
    errors = []

    def run(path):
        try:
            AnalyticStore(store.root).import_file(path)
        except Exception as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(path,)) for path in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(entry["file"] for entry in store.manifest()) == sorted(p.name for p in files)
    assert len(list(store.root.glob("snapshot-*"))) == 1


def test_a_snapshot_left_by_a_killed_import_is_cleaned_by_the_next(store, tmp_path):
    store.root.mkdir(parents=True, exist_ok=True)
    (store.root / "snapshot-killed").mkdir()
    (store.root / "snapshot-killed" / "publications.parquet").write_bytes(b"half")
    store.import_file(FIXTURES / "co-applicants.xml")
    assert [p.name for p in store.root.glob("snapshot-*")] == [store.current.name]


HEADER = (
    "#,Jurisdiction,Kind,Publication Number,Publication Date,Publication Year,Application Number,"
    "Application Date,Priority Numbers,Title,Applicants,Inventors\r\n"
)


def _lens(path, *rows):
    lines = [
        f"{n},FR,A1,FR {publication} A1,15/01/21,2021,FR {application} A,10/07/19,,Title {n},"
        f"{applicant},"
        for n, (publication, application, applicant) in enumerate(rows, start=1)
    ]
    path.write_bytes((HEADER + "\r\n".join(lines) + "\r\n").encode())
    return path


def test_two_documents_sharing_an_application_number_are_both_kept(store, tmp_path):
    """Issue 16: keyed by publication, two documents of one application number (two offices'
    numbering, a re-used serial) are two documents; before, one silently replaced the other."""
    result = store.import_file(
        _lens(
            tmp_path / "a.csv",
            ("3098765", "1907654", "INSTITUT MINES-TELECOM"),
            ("3098770", "1907654", "ACME SA"),
        )
    )
    assert (result.documents, result.added, result.replaced) == (2, 2, 0)
    count = store.connect().execute("SELECT count(*) FROM publications").fetchone()[0]
    assert count == 2


def test_a_true_conflict_refuses_the_file_and_leaves_the_store_as_it_was(store, tmp_path):
    store.import_file(_lens(tmp_path / "a.csv", ("3098765", "1907654", "INSTITUT MINES-TELECOM")))
    before = store.current
    clash = _lens(tmp_path / "b.csv", ("3098765", "1999999", "ACME SA"))
    with pytest.raises(OfficeDataError, match="already held for application 1907654") as refusal:
        store.import_file(clash)
    assert (refusal.value.file, refusal.value.document, refusal.value.field) == (
        "b.csv",
        "FR3098765A1",
        "application-reference",
    )
    assert store.current == before
    rows = store.connect().execute("SELECT application_number FROM publications").fetchall()
    assert rows == [("1907654",)]
    # Inside one file too.
    both = _lens(
        tmp_path / "c.csv",
        ("3111111", "2000001", "ACME SA"),
        ("3111111", "2000002", "ACME SA"),
    )
    with pytest.raises(OfficeDataError, match="two documents cannot share"):
        store.import_file(both)
    assert store.current == before


def test_a_later_version_of_the_same_document_replaces_it(store, tmp_path):
    store.import_file(_lens(tmp_path / "a.csv", ("3098765", "1907654", "INSTITUT MINES-TELECOM")))
    result = store.import_file(
        _lens(tmp_path / "b.csv", ("3098765", "1907654", "INSTITUT MINES-TELECOM;;ACME SA"))
    )
    assert (result.added, result.replaced) == (0, 1)
    names = store.connect().execute("SELECT raw_name FROM applicants ORDER BY sequence").fetchall()
    assert names == [("INSTITUT MINES-TELECOM",), ("ACME SA",)]


@pytest.mark.django_db  # the command rebuilds the harmonisation, read from the directory
def test_remove_an_imported_file(store, tmp_path):
    """Issue 11: `valo officedata remove FILE` takes a file's documents out; the rest stay."""
    from django.core.management import CommandError, call_command

    store.import_file(_lens(tmp_path / "a.csv", ("3098765", "1907654", "INSTITUT MINES-TELECOM")))
    store.import_file(_lens(tmp_path / "b.csv", ("3098770", "1907655", "ACME SA")))
    out = io.StringIO()
    call_command("officedata", "remove", "a.csv", stdout=out)
    assert "a.csv: 1 documents removed." in out.getvalue()
    con = store.connect()
    assert con.execute("SELECT publication_number FROM publications").fetchall() == [("3098770",)]
    assert con.execute("SELECT count(*) FROM names").fetchone() == (1,)
    assert [entry["file"] for entry in store.manifest()] == ["b.csv"]
    with pytest.raises(CommandError, match="no file of that name"):
        call_command("officedata", "remove", "a.csv")
    # Removed, it can be imported again.
    assert store.import_file(tmp_path / "a.csv").added == 1


def test_size_and_document_caps(store, tmp_path, settings):
    path = _lens(
        tmp_path / "a.csv",
        ("3098765", "1907654", "INSTITUT MINES-TELECOM"),
        ("3098770", "1907655", "ACME SA"),
    )
    settings.VALO_OFFICEDATA_MAX_DOCUMENTS = 1
    with pytest.raises(OfficeDataError, match="more than 1 documents"):
        store.import_file(path)
    settings.VALO_OFFICEDATA_MAX_DOCUMENTS = 10
    settings.VALO_OFFICEDATA_MAX_BYTES = 100
    with pytest.raises(OfficeDataError, match="VALO_OFFICEDATA_MAX_MB") as refusal:
        store.import_file(path)
    assert refusal.value.field == "size"
    assert store.current is None
