"""The OPS reader on the real recorded responses in tests/data/epo-ops (MIT, see PROVENANCE.md; values read from the files)."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest

from valo.officedata.readers.ops import clean_name, read_legal_events, read_publications
from valo.officedata.records import DocumentRef, OfficeDataError

DATA = Path(__file__).resolve().parent / "data" / "epo-ops"


def response(folder: str) -> Path:
    path = DATA / folder / "response.xml"
    assert path.exists(), f"the recorded OPS responses are expected in {DATA}"
    return path


def test_biblio_of_ep2400812():
    (record,) = read_publications(response("get_biblio"))
    assert record.publication == DocumentRef("EP", "2400812", "A1", datetime.date(2011, 12, 28))
    # The filing date is only in the epodoc id (office-data.md, OPS trap 2).
    assert record.application == DocumentRef("EP", "10167109", "A", datetime.date(2010, 6, 24))
    assert record.family_id == "43088294"
    assert [(p.country, p.number, p.date) for p in record.priorities] == [
        ("EP", "20100167109", datetime.date(2010, 6, 24))
    ]
    # epodoc parties only, once each, country suffix split off (OPS trap 1).
    assert [(a.name, a.country, a.sequence) for a in record.applicants] == [
        ("9SOLUTIONS OY", "FI", 1)
    ]
    assert [i.name for i in record.inventors] == ["HERRALA SAMI", "KYLMAENEN JARI", "NIEMI JAAKKO"]
    assert record.ipc == ("H04W84/20",)
    assert record.cpc == ("H04W84/20", "H04W88/04")
    assert record.titles["en"] == "BLUETOOTH NETWORKING"
    assert set(record.titles) == {"de", "en", "fr"}


def test_family_with_biblio_holds_five_members_across_offices():
    records = list(read_publications(response("get_family_with_biblio")))
    assert [str(r.publication) for r in records] == [
        "EP2400812A1",
        "EP2400812B1",
        "CA2744162A1",
        "US2012057518A1",
        "US9648662B2",
    ]
    us_grant = records[-1]
    assert us_grant.application == DocumentRef(
        "US", "201113167395", "A", datetime.date(2011, 6, 23)
    )
    assert us_grant.publication.date == datetime.date(2017, 5, 9)
    assert "KYLMÄNEN JARI" in [a.name for a in us_grant.applicants]
    assert {r.family_id for r in records} == {"43088294"}


def test_bulk_and_full_cycle_responses():
    bulk = list(read_publications(response("get_biblio_multiple")))
    assert [str(r.publication) for r in bulk] == ["EP2400812A1", "EP2533477A1", "EP2533477B1"]
    assert bulk[2].publication.date == datetime.date(2014, 3, 5)
    assert bulk[2].application.date == datetime.date(2011, 6, 9)
    cycle = list(read_publications(response("get_full_cycle_multiple")))
    assert [str(r.publication) for r in cycle] == [
        "EP2400812A1",
        "EP2400812B1",
        "EP2533477A1",
        "EP2533477B1",
    ]
    assert cycle[1].publication.date == datetime.date(2019, 11, 27)


def test_an_abstract_only_response_has_no_application():
    (record,) = read_publications(response("get_abstract"))
    assert str(record.publication) == "EP2400812A1" and record.application is None


def test_legal_events_with_padded_codes_and_national_countries():
    events = list(read_legal_events(response("get_legal")))
    assert len(events) == 69
    assert events[0].code == "AK" and events[0].date == datetime.date(2011, 12, 28)
    lapses = [e for e in events if e.code == "PG25"]
    assert len(lapses) == 32
    assert ("BG", datetime.date(2020, 5, 1)) in {(e.country, e.date) for e in lapses}
    family = list(read_legal_events(response("get_family_with_legal")))
    assert {str(e.publication) for e in family} >= {"EP2400812A1", "US2012057518A1", "CA2744162A1"}
    assert len(family) == 75


def test_a_truncated_file_is_refused_with_its_place():
    text = response("get_biblio").read_bytes()
    broken = io.BytesIO(text[: len(text) // 2])
    broken.name = "cut.xml"
    with pytest.raises(OfficeDataError) as error:
        list(read_publications(broken))
    assert error.value.file == "cut.xml" and "malformed XML" in str(error.value)
    assert error.value.field.startswith("line ")


def test_a_bad_date_names_the_document_and_field():
    text = (
        response("get_biblio")
        .read_text()
        .replace("<date>20100624</date>", "<date>20101324</date>", 1)
    )
    stream = io.BytesIO(text.encode())
    stream.name = "bad-date.xml"
    with pytest.raises(OfficeDataError) as error:
        list(read_publications(stream))
    assert (error.value.document, error.value.field) == ("EP2400812A1", "application-reference")
    assert "not a date: '20101324'" in str(error.value)


def test_names_lose_unicode_spaces_and_trailing_commas():
    assert clean_name("9SOLUTIONS\u2002OY, ") == "9SOLUTIONS OY"
    assert clean_name(" NIEMI JAAKKO [FI]\n") == "NIEMI JAAKKO [FI]"


def test_the_ep_register_record_gives_both_publications_and_the_current_parties():
    from valo.officedata.readers.ops import read_register

    records = list(read_register(response("get_register_biblio")))
    assert [(str(r.publication), r.publication.date) for r in records] == [
        ("EP2400812A1", datetime.date(2011, 12, 28)),
        ("EP2400812B1", datetime.date(2019, 11, 27)),
    ]
    assert records[0].application == DocumentRef("EP", "10167109", "", datetime.date(2010, 6, 24))
    assert [(a.name, a.country) for a in records[0].applicants] == [("9Solutions Oy", "FI")]
    assert [i.name for i in records[0].inventors] == [
        "Herrala, Sami",
        "Kylmänen, Jari",
        "Niemi, Jaakko",
    ]
    assert records[0].ipc == ("H04W84/20", "H04W88/04")  # the latest classification


def test_names_are_kept_in_every_data_format_with_their_sequence():
    """Issue 16: the names as originally filed are kept beside the EPO's epodoc ones (the counts
    use the epodoc set); values read from get_biblio/response.xml."""
    (record,) = read_publications(response("get_biblio"))
    assert [(a.data_format, a.sequence, a.name) for a in record.applicant_names] == [
        ("epodoc", 1, "9SOLUTIONS OY"),
        ("original", 1, "9SOLUTIONS OY"),
        ("original", 2, "9Solutions Oy"),
    ]
    original = [i.name for i in record.inventor_names if i.data_format == "original"]
    assert original == [
        "HERRALA, SAMI",
        "KYLMAENEN, JARI",
        "NIEMI, JAAKKO",
        "Herrala, Sami",
        "Kylmänen, Jari",
        "Niemi, Jaakko",
    ]
    assert {a.data_format for a in record.applicants} == {"epodoc"}


def test_the_store_keeps_every_name_and_class(settings, tmp_path):
    from valo.officedata.store import AnalyticStore

    settings.VAR_DIR = tmp_path
    store = AnalyticStore()
    store.import_file(response("get_biblio"))
    con = store.connect()
    names = con.execute(
        "SELECT role, data_format, count(*) FROM names GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    assert names == [
        ("applicant", "epodoc", 1),
        ("applicant", "original", 2),
        ("inventor", "epodoc", 3),
        ("inventor", "original", 6),
    ]
    assert con.execute("SELECT scheme, code FROM classes ORDER BY ALL").fetchall() == [
        ("CPC", "H04W84/20"),
        ("CPC", "H04W88/04"),
        ("IPC", "H04W84/20"),
    ]
    # The ranking's applicants stay one set per document.
    assert con.execute("SELECT count(*), min(data_format) FROM applicants").fetchone() == (
        1,
        "epodoc",
    )


def test_the_store_keeps_titles_per_language_and_each_records_place(settings, tmp_path):
    from valo.officedata.store import AnalyticStore

    settings.VAR_DIR = tmp_path
    store = AnalyticStore()
    store.import_file(response("get_family_with_biblio"))
    con = store.connect()
    languages = con.execute(
        "SELECT language FROM titles JOIN publications USING (doc_key) "
        "WHERE publication_number = '2400812' AND kind = 'A1' ORDER BY 1"
    ).fetchall()
    assert languages == [("de",), ("en",), ("fr",)]
    places = con.execute("SELECT position FROM publications ORDER BY position").fetchall()
    assert [p for (p,) in places] == [1, 2, 3, 4, 5]
