# cython: language_level=3, boundscheck=False, wraparound=False
"""The reading of one INPI ST.36 `fr-patent-document` (reference/office-data.md §1.3, traps §1.4),
compiled: it walks the tree lxml parsed through lxml's public C API (no Python object per element)
and gives the document's fields, resolved, to `readers.inpi`, which makes them a record or the
store's rows. A weekly file's documents are read this way at the speed of their parse.

What is read (each field's first non-empty occurrence, elements in no namespace only, as lxml's
`iterchildren(tag)` finds them):
- the publication from the first `fr-publication-reference` of data format "inpi", else from the
  first other one; the publication number and kind, when absent there, from the root's attributes;
- the filing from `fr-application-reference` only (its number, else the root's `id`);
- priorities from `fr-priority-claim`; IPC codes from `classification-ipcr/text` (the fixed-width
  text up to its 19th character, spaces removed); titles by language (lower-cased, "fr" when
  unsaid), their whole text with spaces collapsed;
- parties given twice (`liste` and `notice`) merged by sequence, the `liste` rendering first; a
  party without a name skipped; the city and postcode given the wrong way round put back (flagged);
  `iid` kept as the identifier (an applicant's SIREN).

Built against the lxml it runs with (pyproject.toml's build requirements pin the release the product
runs with): the import refuses another release.
"""

cimport lxml.includes.etreepublic as cetree
from cpython.unicode cimport Py_UNICODE_ISDECIMAL, Py_UNICODE_ISSPACE
from libc.string cimport strcmp
from lxml.includes.tree cimport (
    XML_CDATA_SECTION_NODE,
    XML_ELEMENT_NODE,
    XML_TEXT_NODE,
    const_xmlChar,
    xmlAttr,
    xmlNode,
)

from lxml import etree  # the module whose C API is imported below

from valo.officedata.readers.ops import clean_name, parse_date
from valo.officedata.records import DocumentRows, OfficeDataError, preferred_title

# lxml's elements are read through their C layout: the release built against must be the one run.
BUILT_WITH_LXML = (<bytes>cetree.LXML_VERSION_STRING).decode()
if BUILT_WITH_LXML != etree.__version__:
    raise ImportError(
        f"valo's ST.36 reader was built against lxml {BUILT_WITH_LXML} and lxml {etree.__version__} "
        "is installed: reinstall valo (make setup) to build it again"
    )
cetree.import_lxml__etree()

# A party's sequence is kept as a 32-bit integer (the store's column).
SEQUENCE_BOUND = 1 << 31


cdef inline bint _named(xmlNode* node, const char* name) noexcept:
    """An element in no namespace with this local name (comments, PIs, entities are not)."""
    return (
        node.type == XML_ELEMENT_NODE
        and node.ns is NULL
        and strcmp(<const char*>node.name, name) == 0
    )


cdef inline str _text(xmlNode* node):
    """An element's own text (lxml's `.text`), stripped; "" when it has none."""
    cdef str text = cetree.textOf(node)
    return text.strip() if text is not None else ""


cdef str _clean(str raw):
    """ops.clean_name (one definition of a clean name), not called for a name that is clean
    already — most are: no space but single ones between words, no other white space, no
    trailing comma (test_inpi_reader holds the two equal on any text)."""
    cdef Py_UCS4 character, previous = u" "  # a leading space is a space after a space
    for character in raw:
        if character == u" ":
            if previous == u" ":
                return clean_name(raw)
        elif Py_UNICODE_ISSPACE(character):
            return clean_name(raw)
        previous = character
    if previous == u" " or previous == u",":
        return clean_name(raw)
    return raw


def clean(raw: str) -> str:
    """_clean, for the test that holds it equal to ops.clean_name."""
    return _clean(raw)


cdef xmlAttr* _find_attribute(xmlNode* node, const char* name) noexcept:
    """An element's attribute in no namespace of that name (NULL when it has none)."""
    cdef xmlAttr* attribute = node.properties
    while attribute is not NULL:
        if attribute.ns is NULL and strcmp(<const char*>attribute.name, name) == 0:
            return attribute
        attribute = attribute.next
    return NULL


cdef const_xmlChar* _plain_value(xmlAttr* attribute) noexcept:
    """An attribute's value where libxml2 holds it as one text, as parsed (character and entity
    references replaced); NULL otherwise (lxml then reads it)."""
    cdef xmlNode* text = attribute.children
    if text is NULL:
        return <const_xmlChar*>b""
    if text.type == XML_TEXT_NODE and text.next is NULL and text.content is not NULL:
        return text.content
    return NULL


cdef str _attribute(xmlNode* node, const char* name, str default):
    """An attribute's value as lxml's `get(name, default)` gives it: read off libxml2's tree where
    it holds the value as one text, else by lxml (an attribute absent here may have a DTD's
    default)."""
    cdef xmlAttr* attribute = _find_attribute(node, name)
    cdef const_xmlChar* value = _plain_value(attribute) if attribute is not NULL else NULL
    cdef str found
    if value is not NULL:
        return cetree.pyunicode(value)
    found = cetree.attributeValueFromNsName(node, NULL, <const_xmlChar*>name)
    return default if found is None else found


cdef bint _attribute_is(xmlNode* node, const char* name, const char* wanted) except -1:
    """An attribute's value is `wanted` (compared in libxml2's bytes where it can be)."""
    cdef xmlAttr* attribute = _find_attribute(node, name)
    cdef const_xmlChar* value = _plain_value(attribute) if attribute is not NULL else NULL
    if value is not NULL:
        return strcmp(<const char*>value, wanted) == 0
    return _attribute(node, name, "") == (<bytes>wanted).decode()


cdef object _sequence(xmlNode* entry, const char* tag, str source, str label):
    """A party's sequence: its digits read in C when it is up to nine ASCII digits, else as
    Python's `int()` reads it; refused unless a 32-bit integer."""
    cdef xmlAttr* attribute = _find_attribute(entry, b"sequence")
    cdef const_xmlChar* value = _plain_value(attribute) if attribute is not NULL else NULL
    cdef long number = 0
    cdef int length = 0
    cdef str text
    if value is not NULL and value[0] != 0:
        while length < 9 and c"0" <= value[length] <= c"9":
            number = number * 10 + (value[length] - c"0")
            length += 1
        if value[length] == 0:
            return number
    text = _attribute(entry, b"sequence", "")
    try:
        number_object = int(text or 0)
        if not -SEQUENCE_BOUND <= number_object < SEQUENCE_BOUND:
            raise ValueError(text)
    except ValueError:
        raise OfficeDataError(
            source, label, f"{tag.decode()}/@sequence", f"not a number: {text!r}"
        ) from None
    return number_object


cdef bint _is_postcode(str value):
    """Five decimal digits: what `re.fullmatch(r"\d{5}", value)` tells (Unicode digits, as re's)."""
    cdef Py_UCS4 character
    if len(value) != 5:
        return False
    for character in value:
        if not Py_UNICODE_ISDECIMAL(character):
            return False
    return True


def is_postcode(value: str) -> bool:
    """_is_postcode, for the test that holds it equal to the pattern."""
    return _is_postcode(value)


cdef int _all_text(xmlNode* node, list parts) except -1:
    """The text of an element and of everything in it, in document order, as lxml's `itertext()`
    gives it: text and CDATA, not the content of comments or processing instructions."""
    cdef xmlNode* child = node.children
    while child is not NULL:
        if child.type == XML_TEXT_NODE or child.type == XML_CDATA_SECTION_NODE:
            if child.content is not NULL:
                parts.append(cetree.pyunicode(child.content))
        elif child.type == XML_ELEMENT_NODE:
            _all_text(child, parts)
        child = child.next
    return 0


cdef xmlNode* _child(xmlNode* node, const char* name) noexcept:
    """The first child element of that name (NULL when none)."""
    cdef xmlNode* child = node.children
    while child is not NULL and not _named(child, name):
        child = child.next
    return child


cdef list _first_texts(xmlNode* node, tuple names):
    """The text of each named child element of `node` (its first non-empty occurrence; "" when
    none), in the order of `names`."""
    cdef Py_ssize_t count = len(names), index
    cdef list values = [""] * count
    cdef xmlNode* child = node.children
    while child is not NULL:
        if child.type == XML_ELEMENT_NODE and child.ns is NULL:
            for index in range(count):
                if not values[index] and strcmp(
                    <const char*>child.name, <const char*><bytes>names[index]
                ) == 0:
                    values[index] = _text(child)
                    break
        child = child.next
    return values


cdef tuple _document_id(xmlNode* reference):
    """Country, number, kind and date of a reference's first `document-id` (None when none)."""
    cdef xmlNode* found = _child(reference, b"document-id")
    if found is NULL:
        return None
    return tuple(_first_texts(found, (b"country", b"doc-number", b"kind", b"date")))


cdef object _date(str value, dict dates, str source, str label, str field):
    """A date of the file (read once per file: the week's documents share their dates)."""
    found = dates.get(value)
    if found is None and value:
        found = dates[value] = parse_date(value, (source, label, field))
    return found


cdef tuple _party(xmlNode* entry, object sequence):
    """(name, country, sequence, identifier, city, postcode, repaired) of a party's first
    addressbook and its first address."""
    cdef xmlNode* book = _child(entry, b"addressbook")
    cdef xmlNode* child
    cdef str orgname = "", name = "", last = "", first = "", iid = ""
    cdef str city = "", postcode = "", country = ""
    cdef bint seen_address = False, repaired = False
    if book is not NULL:
        child = book.children
        while child is not NULL:
            if _named(child, b"address"):
                if not seen_address:
                    seen_address = True
                    city, postcode, country = _first_texts(
                        child, (b"city", b"postcode", b"country")
                    )
            elif not orgname and _named(child, b"orgname"):
                orgname = _text(child)
            elif not name and _named(child, b"name"):
                name = _text(child)
            elif not last and _named(child, b"last-name"):
                last = _text(child)
            elif not first and _named(child, b"first-name"):
                first = _text(child)
            elif not iid and _named(child, b"iid"):
                iid = _text(child)
            child = child.next
    name = orgname or name
    if not name:
        name = " ".join([p for p in (last, first) if p])
    if _is_postcode(city) and not _is_postcode(postcode):
        city, postcode, repaired = postcode, city, True
    return _clean(name), country, sequence, iid, city, postcode, repaired


cdef list _parties(xmlNode* container, const char* tag, str source, str label):
    """The parties of a container, merged by sequence (`liste` first), in sequence order."""
    cdef dict merged = {}
    cdef xmlNode* entry
    cdef int round_
    cdef tuple party
    if container is NULL:
        return []
    for round_ in range(2):  # the `liste` renderings, then the others, each in document order
        entry = container.children
        while entry is not NULL:
            if _named(entry, tag) and (
                _attribute_is(entry, b"data-format", b"liste") == (round_ == 0)
            ):
                sequence = _sequence(entry, tag, source, label)
                if sequence not in merged:
                    party = _party(entry, sequence)
                    if party[0]:
                        merged[sequence] = party
            entry = entry.next
    return [merged[k] for k in sorted(merged)]


def document_fields(document, str source, str status, dict dates) -> tuple:
    """The fields of a `fr-patent-document` element: (label, publication (country, number, kind,
    date), application (number, date), family id, status, priorities [(country, number, date)],
    IPC codes, titles {language: title}, applicants, inventors [(name, country, sequence,
    identifier, city, postcode, repaired)]). `status`: the file's (from its name), unless the
    document says; `dates`: the file's dates read so far. OfficeDataError names the document and
    the field at fault."""
    cdef xmlNode* root = (<cetree._Element?>document)._c_node
    cdef xmlNode* biblio = _child(root, b"fr-bibliographic-data")
    cdef xmlNode* child
    cdef xmlNode* text
    cdef xmlNode* publication = NULL
    cdef xmlNode* first_reference = NULL
    cdef xmlNode* application = NULL
    cdef xmlNode* applicants = NULL
    cdef xmlNode* inventors = NULL
    cdef list priorities = [], ipc = []
    cdef dict titles = {}
    cdef str label, code, lang
    cdef tuple claim, published, filed
    label = (
        _attribute(root, b"country", "FR")
        + _attribute(root, b"doc-number", "")
        + _attribute(root, b"kind", "")
    )
    if biblio is NULL:
        raise OfficeDataError(source, label, "fr-bibliographic-data", "missing")
    child = biblio.children
    while child is not NULL:  # one pass over the bibliographic data's children
        if child.type != XML_ELEMENT_NODE or child.ns is not NULL:
            pass
        elif _named(child, b"fr-publication-reference"):
            if publication is NULL and _attribute_is(child, b"data-format", b"inpi"):
                publication = child
            elif first_reference is NULL:
                first_reference = child
        elif _named(child, b"fr-application-reference"):
            if application is NULL:
                application = child
        elif _named(child, b"applicants"):
            if applicants is NULL:
                applicants = child
        elif _named(child, b"inventors"):
            if inventors is NULL:
                inventors = child
        elif _named(child, b"classification-ipcr"):
            text = child.children
            while text is not NULL:
                if _named(text, b"text"):
                    code = "".join((cetree.textOf(text) or "")[:19].split())
                    if code:
                        ipc.append(code)
                text = text.next
        elif _named(child, b"fr-priority-claim"):
            claim = _claim(child)
            priorities.append(
                (
                    claim[0],
                    claim[1],
                    _date(claim[2], dates, source, label, "fr-priority-claim/date"),
                )
            )
        elif _named(child, b"invention-title"):
            lang = _attribute(child, b"lang", "") or "fr"
            parts = []
            _all_text(child, parts)
            titles[lang.lower()] = _clean("".join(parts))
        child = child.next
    if publication is NULL:
        publication = first_reference
    if publication is NULL:
        raise OfficeDataError(source, label, "fr-publication-reference", "missing")
    published = _document_id(publication) or ("", "", "", "")
    number = published[1] or _attribute(root, b"doc-number", "")
    kind = published[2] or _attribute(root, b"kind", "")
    if not number:
        raise OfficeDataError(source, label, "fr-publication-reference/doc-number", "missing")
    filed = _document_id(application) if application is not NULL else None
    if filed is None:
        raise OfficeDataError(source, label, "fr-application-reference", "missing")
    return (
        label,
        (
            published[0] or "FR",
            number,
            kind,
            _date(published[3], dates, source, label, "fr-publication-reference/date"),
        ),
        (
            filed[1] or _attribute(root, b"id", ""),
            _date(filed[3], dates, source, label, "fr-application-reference/date"),
        ),
        _attribute(root, b"family-id", ""),
        _attribute(root, b"status", "").upper() or status,
        priorities,
        ipc,
        titles,
        _parties(applicants, b"applicant", source, label),
        _parties(inventors, b"inventor", source, label),
    )


cdef tuple _claim(xmlNode* node):
    """Country, number and date of a priority claim (each field's first non-empty occurrence)."""
    return tuple(_first_texts(node, (b"country", b"doc-number", b"date")))


def document_rows(document, str source, str status, dict dates) -> DocumentRows:
    """A document's rows in the store's tables (records.DocumentRows), straight from its fields:
    the rows store.document_rows makes of its record (a test holds them equal), with no record."""
    cdef tuple fields = document_fields(document, source, status, dates)
    cdef str label = fields[0], country, number, kind, filed, family, key
    cdef list priorities = fields[5], ipc = fields[6], applicants = fields[8]
    cdef list inventors = fields[9], known, names
    cdef dict titles = fields[7]
    cdef tuple document_fields_of_applicants
    cdef Py_ssize_t count = len(priorities)
    country, number, kind, published = fields[1]
    filed, filed_on = fields[2]
    family, status = fields[3], fields[4]
    key = f"{country}|{number}|{kind}"
    known = [claim[2] for claim in priorities if claim[2]]
    if filed_on:
        known.append(filed_on)
    # The document's fields each applicants row carries (store.DOCUMENT_FIELDS).
    document_fields_of_applicants = (country, kind, published, filed_on, count)
    names = [
        (key, "applicant", "", p[2], p[0], p[1], p[3], p[4], p[5]) for p in applicants
    ]
    names.extend(
        [(key, "inventor", "", p[2], p[0], p[1], p[3], p[4], p[5]) for p in inventors]
    )
    return tuple.__new__(  # DocumentRows(…) without its Python-level __new__
        DocumentRows,
        (
            key,
            label,
            source,
            filed,
            status,
            (
                key,
                country,
                number,
                kind,
                published,
                filed,
                filed_on,
                min(known) if known else None,
                count,
                family,
                status,
                preferred_title(titles, "fr", "en"),
                source,
                "",
            ),
            [(key, language, title) for language, title in titles.items() if title],
            [(key, p[2], p[0], p[3], p[1], "") + document_fields_of_applicants for p in applicants],
            names,
            [(key, "IPC", code) for code in ipc],
            [(key, claim[0], claim[1], claim[2]) for claim in priorities],
        )
    )
