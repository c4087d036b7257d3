"""Text files as users keep them: any encoding (a spreadsheet re-saves a UTF-8 export in Windows-1252
or Mac Roman), any line ending (CR only, CRLF, LF), a comma or semicolon delimiter.

`decode` uses the encoding it is told, else a byte-order mark, else strict UTF-8, else the encoding
charset-normalizer detects; a file none decodes is refused with its line and byte offset. It says
which encoding it used and how it knew."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

from valo.officedata.records import OfficeDataError

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    how: str  # "given", "byte-order mark", "UTF-8", "detected"

    @property
    def line_endings(self) -> str:
        crlf = self.text.count("\r\n")
        cr = self.text.count("\r") - crlf
        lf = self.text.count("\n") - crlf
        found = [name for name, n in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if n]
        return "+".join(found) or "none"


def _where(raw: bytes, offset: int) -> str:
    """The line (CR, LF or CRLF ends a line) and byte offset of `offset`."""
    head = raw[:offset]
    line = head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
    return f"line {line}, byte offset {offset}"


def decode(raw: bytes, name: str, encoding: str | None = None) -> Decoded:
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise OfficeDataError(name, "", "encoding", f"unknown encoding {encoding!r}") from None
        try:
            return Decoded(raw.decode(encoding), encoding, "given")
        except UnicodeDecodeError as error:
            raise OfficeDataError(
                name, "", _where(raw, error.start), f"not {encoding} text"
            ) from error
    for bom, codec in BOMS:
        if raw.startswith(bom):
            try:
                return Decoded(raw.decode(codec), codec, "byte-order mark")
            except UnicodeDecodeError as error:
                raise OfficeDataError(
                    name, "", _where(raw, error.start), f"not {codec} text despite its mark"
                ) from error
    try:
        return Decoded(raw.decode("utf-8"), "utf-8", "UTF-8")
    except UnicodeDecodeError as error:
        first = error.start
    best = from_bytes(raw).best()
    if best is None or b"\x00" in raw:
        raise OfficeDataError(
            name,
            "",
            _where(raw, first),
            "not text in any encoding valo recognises: export it again, or give its encoding "
            "(--encoding)",
        )
    return Decoded(str(best), best.encoding, "detected")


def delimiter(header: str) -> str:
    """The CSV delimiter of a header line: the candidate it holds most of (a comma by default)."""
    counts = {candidate: header.count(candidate) for candidate in DELIMITERS}
    found = max(counts, key=lambda candidate: counts[candidate])
    return found if counts[found] else ","
