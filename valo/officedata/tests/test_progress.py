"""Issue 16: a long import shows its progress — a bar with rate and time left on a terminal, plain
lines in a log — and the command says what each file added."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from valo.officedata import progress
from valo.officedata.readers import reader_for
from valo.officedata.tests.test_ops_reader import response


def test_plain_lines_with_rate_and_time_left_when_not_a_terminal(monkeypatch):
    monkeypatch.setattr(progress, "PLAIN_EVERY_SECONDS", 0)
    stream = io.StringIO()
    with progress.ImportProgress("week.zip", 1000, stream) as show:
        show(200)
        show(400)
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("week.zip: 200/1000 documents read (")
    assert "s left)" in lines[1]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_on_a_terminal():
    stream = Terminal()
    with progress.ImportProgress("week.zip", 10, stream) as show:
        show(5)
    assert "week.zip" in stream.getvalue()


def test_the_estimate_of_documents_in_a_file():
    path = response("get_family_with_biblio")
    assert reader_for(path).estimate(path) == 5


@pytest.mark.django_db  # the command rebuilds the harmonisation, read from the directory
def test_the_import_command_reports_each_file(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    out = io.StringIO()
    call_command("officedata", "import", str(response("get_family_with_biblio")), stdout=out)
    assert "5 documents read, 5 added, 0 replaced" in out.getvalue()
