"""Issue 11: `valo backup` → `valo restore` gives back exactly what was saved, on the database the
tests run on (SQLite or PostgreSQL): every table's rows, the attachments and the analytic store byte
for byte, and the change log's records with their times to the microsecond."""

from __future__ import annotations

import io
import shutil

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from valo.core import backup
from valo.core.models import ObjectChange
from valo.documents.models import Document
from valo.documents.services import attach
from valo.inventions.tests.conftest import make_invention
from valo.officedata.store import AnalyticStore
from valo.officedata.tests.test_ops_reader import response


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_and_restore_round_trip(cast, settings, tmp_path):
    var = tmp_path / "var"
    settings.VAR_DIR = var
    settings.MEDIA_ROOT = var / "media"
    invention = make_invention(cast, cast.lab_a, [cast.people["researcher_a"]])
    upload = ContentFile(b"%PDF-1.7\n", name="drawing.pdf")
    attach(invention, upload, kind="declaration", check_access=False)
    AnalyticStore().import_file(response("get_family_with_biblio"))
    saved = backup.inventory()
    assert saved["counts"]["inventions.Invention"] == 1
    assert any(path.startswith("media/documents/inventions/") for path in saved["files"])
    assert any(path.endswith("publications.parquet") for path in saved["files"])
    times = list(ObjectChange.objects.order_by("pk").values_list("time", flat=True))

    out = io.StringIO()
    call_command("backup", str(tmp_path / "backup"), stdout=out)
    assert "files saved" in out.getvalue()

    # Everything is lost: the rows, the attachments, the store.
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(var / "media")
    shutil.rmtree(var / "officedata")
    assert backup.inventory()["counts"]["inventions.Invention"] == 0

    out = io.StringIO()
    call_command("restore", str(tmp_path / "backup"), stdout=out)
    assert "identical to the backup" in out.getvalue()
    assert backup.differences(saved, backup.inventory()) == []
    assert list(ObjectChange.objects.order_by("pk").values_list("time", flat=True)) == times
    assert Document.objects.get().file.read() == b"%PDF-1.7\n"
    count = AnalyticStore().connect().execute("SELECT count(*) FROM publications").fetchone()
    assert count == (5,)

    # A second restore over live data asks first; a damaged backup is refused.
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path / "backup"))
    dump = next((tmp_path / "backup").glob("database.*"))
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one damaged byte
    dump.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(tmp_path / "backup"), yes=True)
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "backup"))
