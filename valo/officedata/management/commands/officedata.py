"""valo officedata import PATH… [--encoding ENC] | parse PATH… [--format json] [--encoding ENC] |
remove FILE… | compact

import: add office files (INPI XML/zip, EPO OPS responses, Lens CSV exports) to the analytic store,
each whole or not at all. parse: print the normalised records of files without storing them (every
field each reader keeps: names in every data format, classes, priorities, family id…). A CSV is read
in the encoding given, else detected; the command says which it used. remove: take imported files out.
compact: rewrite the store's batches (one per import) as one; no query's answer changes."""

from __future__ import annotations

import dataclasses
import datetime
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser

from valo.core.management.base import LoggedCommand
from valo.officedata.progress import ImportProgress
from valo.officedata.readers import reader_for, records_of
from valo.officedata.records import OfficeDataError
from valo.officedata.store import AnalyticStore, store_changed


def _json(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(type(value))


class Command(LoggedCommand):
    help = "Import office files into the analytic store, or print their normalised records."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        importing = sub.add_parser("import", help="add files to the analytic store")
        importing.add_argument("paths", nargs="+", type=Path)
        parsing = sub.add_parser("parse", help="print the normalised records of files")
        parsing.add_argument("paths", nargs="+", type=Path)
        parsing.add_argument("--format", choices=["json"], default="json")
        removing = sub.add_parser(
            "remove", help="take an imported file's documents out of the store"
        )
        removing.add_argument("paths", nargs="+", type=Path, help="the file names, as imported")
        sub.add_parser(
            "compact", help="rewrite the store's batches as one (no answer changes)"
        ).set_defaults(paths=[])
        for action in (importing, parsing):
            action.add_argument(
                "--encoding", help="the text encoding of CSV files (detected when not given)"
            )

    def handle(self, *args: Any, action: str, paths: list[Path], **options: Any) -> None:
        encoding = options.get("encoding")
        if action == "parse":
            self._parse(paths, encoding)
            return
        if action == "compact":
            before, after = AnalyticStore().compact()
            self.stdout.write(f"{before} batches compacted into {after}.")
            store_changed.send(sender=AnalyticStore, store=AnalyticStore())
            return
        if action == "remove":
            for path in paths:
                try:
                    removed = AnalyticStore().remove(path.name)
                except OfficeDataError as error:
                    raise CommandError(str(error)) from error
                self.stdout.write(f"{path.name}: {removed} documents removed.")
            store_changed.send(sender=AnalyticStore, store=AnalyticStore())
            return
        store = AnalyticStore()
        failed = []
        if len(paths) == 1:
            # One file: a progress bar while it is read.
            path = paths[0]
            try:
                with ImportProgress(path.name, reader_for(path).estimate(path)) as show:
                    outcomes = [
                        (
                            path,
                            store.import_file(
                                path, progress=show, encoding=encoding, report=self.stdout.write
                            ),
                        )
                    ]
            except (OfficeDataError, FileNotFoundError) as error:
                outcomes = [(path, error)]
        else:
            # Several: read in parallel (VALO_OFFICEDATA_IMPORT_WORKERS), written in their order.
            outcomes = store.import_files(paths, encoding=encoding)
        for path, result in outcomes:
            if isinstance(result, Exception):
                self.stderr.write(f"{path.name}: not imported, nothing added. {result}")
                failed.append(path)
            elif result.skipped:
                self.stdout.write(f"{result.file}: already imported, nothing changed.")
            else:
                self.stdout.write(
                    f"{result.file}: {result.documents} documents read, {result.added} added, "
                    f"{result.replaced} replaced (amended or a later version), "
                    f"{result.kept_amended} kept out (their amended record is held), 0 refused"
                    + (f"; {result.events} legal events." if result.events else ".")
                )
        if store.compact_if_due():
            self.stdout.write(
                f"More than {settings.VALO_OFFICEDATA_COMPACT_AFTER} batches: the store was "
                "compacted into one (VALO_OFFICEDATA_COMPACT_AFTER)."
            )
        store_changed.send(sender=AnalyticStore, store=store)
        if failed:
            raise CommandError(f"{len(failed)} file(s) not imported.")

    def _parse(self, paths: list[Path], encoding: str | None) -> None:
        try:
            records = [
                dataclasses.asdict(r)
                for path in paths
                for r in records_of(path, encoding=encoding, report=self.stderr.write)
            ]
        except OfficeDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(records, default=_json, ensure_ascii=False, indent=1))
