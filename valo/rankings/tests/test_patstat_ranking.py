"""Issue 12: the PATSTAT sample of valo/officedata/tests/test_patstat.py imported through the
command, harmonised and ranked like any office file."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from valo.directory.models import OrganizationAlias
from valo.officedata.store import AnalyticStore
from valo.officedata.tests.test_patstat import write_patstat
from valo.rankings import entities
from valo.rankings.methods import METHODS
from valo.rankings.palmares import palmares


@pytest.mark.django_db
def test_the_sample_imports_and_ranks(cast, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    folder = write_patstat(tmp_path / "patstat-2025-autumn")
    OrganizationAlias.objects.create(organization=cast.institution, name="INSTITUT MINES-TELECOM")
    out = io.StringIO()
    call_command("officedata", "import", str(folder), stdout=out)
    assert "patstat-2025-autumn: 3 documents read, 3 added" in out.getvalue()
    rows = {
        r.entity.name: r.count for r in palmares(entities.connect(), METHODS["inpi-2022"], 2020)
    }
    # FR A1 publications of 2020: the institution's (with ACME) and the company's; not the EP one.
    assert rows == {"Test Institute": 1, "ACME": 1, "SOCIETE X": 1}
    everywhere = {
        r.entity.name: r.count for r in palmares(entities.connect(), METHODS["all"], 2020)
    }
    assert everywhere["Test Institute"] == 2  # any office: the EP publication too
    con = AnalyticStore().connect()
    formats = con.execute("SELECT DISTINCT data_format FROM names ORDER BY 1").fetchall()
    assert formats == [("han",), ("patstat",), ("psn",)]
    again = io.StringIO()
    call_command("officedata", "import", str(folder), stdout=again)
    assert "already imported" in again.getvalue()
    parsed = io.StringIO()
    call_command("officedata", "parse", str(folder), "--format", "json", stdout=parsed)
    assert json.loads(parsed.getvalue())[0]["inpadoc_family_id"] == "6001"
