"""Onboarding imports: an office's spreadsheets in, and the same files out.

Each app registers the kinds of records it takes from a spreadsheet (`ImportKind`, listed in its
AppConfig's `data_imports`): people, inventions and their inventors, families and applications,
agreements, payments, ventures … A kind is one model and its columns; a column is a field of the
model's form (the same validation as the page), and a column that names another record holds that
record's key in its own kind. Every kind's first column is `key`: the office's own identifier of the
row (a docketing tool's number, a spreadsheet line id). valo remembers it (`ImportKey`), so that the
same file imported again updates what it created instead of duplicating it; a key may also be the
record's own reference in valo (an invention's INV-2020-0001, a person's e-mail) or `#<id>`, its
number in valo, which is what an export writes for records that came from no file.

A file is imported whole or not at all (`valo.core.imports`), with every fault named by file, row and
column; `preview` runs the same import and rolls it back, so that the page shows what would be
created, updated or left unchanged before anything is written. `export` writes the kind's records in
the template's format: importing an export changes nothing.
"""

from valo.core.onboarding.export import export_rows, exported, headings, template_workbook
from valo.core.onboarding.kinds import (
    Column,
    Extra,
    ImportKind,
    kind_for_model,
    kinds,
    missing_fields,
    permitted,
)
from valo.core.onboarding.run import (
    ACTION_LABELS,
    CREATED,
    UNCHANGED,
    UPDATED,
    Report,
    RowOutcome,
    Run,
    run,
)

__all__ = [
    "ACTION_LABELS",
    "CREATED",
    "UNCHANGED",
    "UPDATED",
    "Column",
    "Extra",
    "ImportKind",
    "Report",
    "RowOutcome",
    "Run",
    "export_rows",
    "exported",
    "headings",
    "kind_for_model",
    "kinds",
    "missing_fields",
    "permitted",
    "run",
    "template_workbook",
]
