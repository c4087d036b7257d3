"""The INPI ST.36 reader on the hand-written fixtures, each trap of reference/office-data.md §1.4
asserted field by field (the values read off the fixtures by hand), and on a weekly zip built as
INPI ships it (one document per member, the status from the file name); the compiled walk of the
tree (st36.pyx) read as lxml gives elements, and the rows an import reads equal to the records'."""

from __future__ import annotations

import datetime
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from valo.officedata.readers.inpi import inpi_rows, read_inpi
from valo.officedata.readers.ops import clean_name
from valo.officedata.readers.st36 import clean, is_postcode
from valo.officedata.records import DocumentRef, OfficeDataError, Party
from valo.officedata.store import document_rows

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "inpi"


def test_parties_given_twice_are_merged_liste_first_and_a_swapped_address_is_repaired():
    (record,) = read_inpi(FIXTURES / "co-applicants.xml")
    assert record.publication == DocumentRef("FR", "3091234", "A1", datetime.date(2020, 1, 10))
    assert record.application == DocumentRef("FR", "1900123", "", datetime.date(2019, 1, 8))
    assert record.family_id == "70000001" and record.status == "NEW"
    assert record.applicants == (
        # §1.4.1: the `liste` rendering (with the address), not the notice's "INSTITUT MINES TELECOM";
        # the city and postcode given the wrong way round are put back, and the repair flagged.
        Party(
            "INSTITUT MINES-TELECOM", "FR", 1, "", city="PALAISEAU", postcode="91120", repaired=True
        ),
        # The SIREN in `iid` kept as the identifier.
        Party("OPTIQUES NORMANDES SAS", "FR", 2, "994208478", city="CAEN", postcode="14000"),
    )
    assert record.inventors == (Party("MARTIN CAMILLE", "FR", 1, city="PARIS", postcode="75013"),)
    # The fixed-width IPCR text up to its 19th character, its spaces removed.
    assert record.ipc == ("G01J1/42",)
    assert record.titles == {"fr": "Capteur optique auto-étalonné"}


def test_priorities_a_utility_certificate_and_an_amended_record():
    (two,) = read_inpi(FIXTURES / "two-priorities.xml")
    assert two.priorities == (
        DocumentRef("DE", "102018000111", "", datetime.date(2018, 2, 5)),
        DocumentRef("DE", "102018000222", "", datetime.date(2018, 3, 12)),
    )
    (certificate,) = read_inpi(FIXTURES / "utility-certificate.xml")
    assert certificate.publication.kind == "A3"
    (amended,) = read_inpi(FIXTURES / "amended.xml")
    assert amended.status == "AMENDED"
    # The third applicant the amendment added, after the two of the original.
    assert [p.name for p in amended.applicants] == [
        "INSTITUT MINES-TELECOM",
        "OPTIQUES NORMANDES SAS",
        "CENTRE NATIONAL DE LA RECHERCHE SCIENTIFIQUE",
    ]


DOCUMENT = """<?xml version="1.0" encoding="{encoding}"?>
<fr-patent-document id="2000{n:03d}" country="FR" doc-number="3100{n:03d}" kind="A1" lang="fr">
<fr-bibliographic-data>
<fr-publication-reference data-format="epodoc"><document-id><country>FR</country>
<doc-number>9999999</doc-number><kind>A9</kind><date>20200101</date></document-id>
</fr-publication-reference>
<fr-publication-reference data-format="inpi"><document-id><country>FR</country>
<doc-number>3100{n:03d}</doc-number><kind>A1</kind><date>20200605</date></document-id>
</fr-publication-reference>
<fr-application-reference data-format="inpi"><document-id><country>FR</country>
<doc-number>2000{n:03d}</doc-number><date>20191203</date></document-id></fr-application-reference>
<invention-title lang="FR">Procédé <b>nouveau</b>\u00a0de  tri</invention-title>
<applicants>
<applicant sequence="1" data-format="notice"><addressbook><orgname>ÉCOLE DES MINES</orgname>
</addressbook></applicant>
<applicant sequence="1" data-format="liste"><addressbook><orgname>  </orgname>
<address><city>NANTES</city></address></addressbook></applicant>
<applicant sequence="2" data-format="notice"><addressbook><last-name>DUPONT</last-name>
<first-name>Anne</first-name></addressbook></applicant>
</applicants>
</fr-bibliographic-data>
<abstract lang="fr"><p>Résumé.</p></abstract>
</fr-patent-document>
"""


def weekly_zip(path: Path, encodings: list[str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        # Members in name order whatever the order they were written in.
        for n, encoding in reversed(list(enumerate(encodings, start=1))):
            text = DOCUMENT.format(n=n, encoding=encoding)
            archive.writestr(f"FR3100{n:03d}A1.xml", text.encode(encoding))
    return path


def test_a_weekly_zip_as_inpi_ships_it(tmp_path):
    path = weekly_zip(tmp_path / "FR_FRNEWST36_2020_23.zip", ["UTF-8", "ISO-8859-1"])
    records = list(read_inpi(path))
    assert [r.publication.number for r in records] == ["3100001", "3100002"]
    for record in records:
        # The status from the file's name (the documents give none); INPI's own rendering of the
        # publication reference, not the first one.
        assert record.status == "NEW"
        assert record.publication == DocumentRef(
            "FR", record.publication.number, "A1", datetime.date(2020, 6, 5)
        )
        assert record.source == f"{path.name}/FR{record.publication.number}A1.xml"
        # The title's text in its inline markup, spaces (the no-break one too) collapsed; the
        # language code in lower case.
        assert record.titles == {"fr": "Procédé nouveau de tri"}
        # A `liste` rendering without a name gives way to the notice of the same sequence; a party
        # given only as a notice, a person, is "last first".
        assert [(p.sequence, p.name) for p in record.applicants] == [
            (1, "ÉCOLE DES MINES"),
            (2, "DUPONT Anne"),
        ]
    amended = weekly_zip(tmp_path / "FR_FRAMDST36_2020_23.zip", ["UTF-8"])
    assert [r.status for r in read_inpi(amended)] == ["AMENDED"]


def test_a_bad_date_names_the_member_the_document_and_the_field(tmp_path):
    path = tmp_path / "FR_FRNEWST36_2020_24.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "a.xml", DOCUMENT.format(n=1, encoding="UTF-8").replace("20191203", "20191232")
        )
    with pytest.raises(OfficeDataError) as refused:
        list(read_inpi(path))
    assert refused.value.file == f"{path.name}/a.xml"
    assert refused.value.document == "FR3100001A1"
    assert refused.value.field == "fr-application-reference/date"
    assert "20191232" in refused.value.message


def test_a_member_whose_compressed_data_is_garbled_is_refused_with_its_name(tmp_path):
    path = weekly_zip(tmp_path / "FR_FRNEWST36_2020_25.zip", ["UTF-8"])
    data = bytearray(path.read_bytes())
    start = 30 + len("FR3100001A1.xml")  # past the member's local header
    data[start : start + 40] = bytes(40)
    path.write_bytes(bytes(data))
    with pytest.raises(OfficeDataError) as refused:
        list(read_inpi(path))
    assert refused.value.file == f"{path.name}/FR3100001A1.xml"
    assert "damaged zip member" in refused.value.message


# --- the compiled walk and the import's rows ------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(" ,\t\n\u00a0\u2003\u3000\x1fAbé-")))
def test_the_compiled_clean_name_is_ops_clean_name_on_any_text(raw):
    assert clean(raw) == clean_name(raw)


def test_an_import_reads_the_same_rows_as_the_records_give(tmp_path):
    """inpi_rows (what an import reads, no record) against store.document_rows of read_inpi's
    records, on every fixture and on a weekly zip of both encodings: the same rows, field by field."""
    sources = sorted(FIXTURES.glob("*.xml"))
    sources.append(weekly_zip(tmp_path / "FR_FRNEWST36_2020_23.zip", ["UTF-8", "ISO-8859-1"]))
    for source in sources:
        rows = list(inpi_rows(source))
        assert rows, source
        assert rows == [document_rows(record) for record in read_inpi(source)], source


def test_fields_are_read_as_lxml_gives_them(tmp_path):
    """The C walk reads an element's text as lxml's `.text` (up to its first child: a comment
    inside a number ends it), skips comments and processing instructions between elements and
    elements in a namespace (lxml's `iterchildren(tag)` finds none of those)."""
    text = DOCUMENT.format(n=7, encoding="UTF-8")
    text = text.replace(
        "<doc-number>2000007</doc-number>", "<doc-number>20<!-- x -->00007</doc-number>"
    )
    text = text.replace(
        "<applicants>",
        '<applicants><?pi ignored?><!-- c --><x:applicant xmlns:x="urn:other" sequence="3" '
        'data-format="liste"><addressbook><orgname>NOT READ</orgname></addressbook></x:applicant>',
    )
    # A title's whole text as `itertext()` gives it: its elements' text (in a namespace too) and
    # CDATA, not a comment's or a processing instruction's.
    text = text.replace(
        "</fr-bibliographic-data>",
        '<invention-title lang="en">Optical <!-- not this --><b>sensor</b><?pi nor this?> '
        '<x:i xmlns:x="urn:other">and <![CDATA[& co]]></x:i></invention-title>'
        "</fr-bibliographic-data>",
    )
    path = tmp_path / "one.xml"
    path.write_text(text, encoding="utf-8")
    (record,) = read_inpi(path)
    assert record.application.number == "20"
    assert [p.name for p in record.applicants] == ["ÉCOLE DES MINES", "DUPONT Anne"]
    assert record.titles == {"fr": "Procédé nouveau de tri", "en": "Optical sensor and & co"}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789a \u0661\uff15\u00b2"), max_size=7))
def test_the_compiled_postcode_check_is_the_five_digit_pattern(value):
    value = value.strip()  # as the reader gives the city and the postcode
    assert is_postcode(value) == bool(re.match(r"^\d{5}$", value))


def test_attributes_are_read_as_lxml_gets_them(tmp_path):
    """An attribute the document leaves to its DTD's default is the default (as lxml's `get`
    gives it); a sequence is read as Python's int() reads it (leading zero, a space, another
    script's digit)."""
    text = DOCUMENT.format(n=8, encoding="UTF-8").replace(
        "<fr-patent-document ",
        "<!DOCTYPE fr-patent-document [<!ATTLIST applicant data-format CDATA 'liste'>]>\n"
        "<fr-patent-document ",
    )
    start, end = text.index("<applicants>"), text.index("</applicants>")
    text = (
        text[:start]
        + "<applicants>"
        + '<applicant sequence="01" data-format="notice"><addressbook><orgname>THE NOTICE'
        "</orgname></addressbook></applicant>"
        # No data-format: the DTD's default, liste, preferred to the notice before it.
         + '<applicant sequence="1"><addressbook><orgname>THE LISTE</orgname></addressbook>'
        "</applicant>"
        + '<applicant sequence=" 2" data-format="liste"><addressbook><orgname>SECOND</orgname>'
        "</addressbook></applicant>"
        + '<applicant sequence="\u0663" data-format="liste"><addressbook><orgname>THIRD'
        "</orgname></addressbook></applicant>" + text[end:]
    )
    path = tmp_path / "one.xml"
    path.write_text(text, encoding="utf-8")
    (record,) = read_inpi(path)
    assert [(p.sequence, p.name) for p in record.applicants] == [
        (1, "THE LISTE"),
        (2, "SECOND"),
        (3, "THIRD"),
    ]
    assert list(inpi_rows(path)) == [document_rows(record)]


# Not a number; more than the store's 32-bit column holds.
@pytest.mark.parametrize("sequence", ["2b", "99999999999"])
def test_a_sequence_that_is_not_a_number_names_its_document_and_field(tmp_path, sequence):
    path = tmp_path / "one.xml"
    path.write_text(
        DOCUMENT.format(n=1, encoding="UTF-8").replace('sequence="2"', f'sequence="{sequence}"'),
        encoding="utf-8",
    )
    for read in (read_inpi, inpi_rows):
        with pytest.raises(OfficeDataError) as refused:
            list(read(path))
        assert refused.value.document == "FR3100001A1"
        assert refused.value.field == "applicant/@sequence"
        assert repr(sequence) in refused.value.message


def test_members_stored_deflated_or_otherwise_compressed_read_alike(tmp_path):
    """A member's bytes are inflated straight from the zip's bytes when stored or deflated (the
    weekly files); another method (bzip2, LZMA) is left to zipfile: the same records."""
    records = {}
    for method in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
        path = tmp_path / f"FR_FRNEWST36_2020_{method:02d}.zip"
        with zipfile.ZipFile(path, "w", method) as archive:
            for n in (1, 2):
                archive.writestr(f"FR3100{n:03d}A1.xml", DOCUMENT.format(n=n, encoding="UTF-8"))
        records[method] = [
            (r.publication, r.application, r.applicants, r.titles) for r in read_inpi(path)
        ]
    stored = records.pop(zipfile.ZIP_STORED)
    assert len(stored) == 2
    assert all(other == stored for other in records.values())


def test_a_stored_member_whose_bytes_changed_fails_its_crc(tmp_path):
    path = tmp_path / "FR_FRNEWST36_2020_26.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.xml", DOCUMENT.format(n=1, encoding="UTF-8"))
    data = path.read_bytes()
    path.write_bytes(data.replace("ÉCOLE".encode(), b"ECOLE!"))  # as long: only the CRC tells
    with pytest.raises(OfficeDataError) as refused:
        list(read_inpi(path))
    assert refused.value.file == f"{path.name}/a.xml"
    assert "damaged zip member" in refused.value.message and "CRC" in refused.value.message
