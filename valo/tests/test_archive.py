"""Issue 11: change-log retention — old records move to an archive file that stays readable and
checked; recent ones cannot be archived; a damaged archive is refused."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from valo.core import archive
from valo.core.models import ObjectChange
from valo.directory.models import Organization

pytestmark = pytest.mark.django_db


def test_old_records_are_archived_and_stay_readable(cast, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    old = Organization.objects.create(name="Old Partner", kind="company")
    two_years_ago = timezone.now() - datetime.timedelta(days=800)
    # Back-dated as if written two years ago (the application never changes a record).
    ObjectChange._base_manager.filter(
        object_id=str(old.pk), content_type__model="organization"
    ).update(time=two_years_ago)
    recent = ObjectChange.objects.filter(time__gte=two_years_ago + datetime.timedelta(days=1))
    kept = recent.count()
    with pytest.raises(CommandError, match="within the 365 days"):
        call_command("changelog_archive", "--before", timezone.localdate().isoformat())
    out = io.StringIO()
    before = (timezone.localdate() - datetime.timedelta(days=400)).isoformat()
    call_command("changelog_archive", "--before", before, stdout=out)
    assert out.getvalue().startswith("1 change records archived")
    assert not ObjectChange.objects.filter(
        object_id=str(old.pk), object_repr="Old Partner"
    ).exists()
    assert ObjectChange.objects.count() == kept
    (entry,) = archive.index()
    out = io.StringIO()
    call_command(
        "changelog_archive",
        read=entry["file"],
        object=f"directory.organization:{old.pk}",
        stdout=out,
    )
    (record,) = [json.loads(line) for line in out.getvalue().splitlines()]
    assert (record["object_repr"], record["action"]) == ("Old Partner", "create")
    assert record["time"] == two_years_ago.isoformat(timespec="microseconds")
    # Readable on the web too, by those who read the log, and only by them.
    from django.test import Client

    auditor = Client()
    auditor.force_login(cast.users["auditor"])
    listing = auditor.get("/changelog/archives/")
    assert listing.status_code == 200 and entry["file"] in listing.content.decode()
    page = auditor.get(
        f"/changelog/archives/{entry['file']}/?object=directory.organization:{old.pk}"
    )
    assert [r["object_repr"] for r in page.context["records"]] == ["Old Partner"]
    officer = Client()
    officer.force_login(cast.users["officer_a"])
    assert officer.get("/changelog/archives/").status_code == 404
    assert officer.get(f"/changelog/archives/{entry['file']}/").status_code == 404
    assert auditor.get("/changelog/archives/nothing.jsonl.gz/").status_code == 404
    assert auditor.get(f"/changelog/archives/{entry['file']}/?page=0").status_code == 400
    # A changed archive is refused.
    path = archive.archive_dir() / entry["file"]
    path.write_bytes(path.read_bytes() + b"x")
    with pytest.raises(CommandError, match="checksum"):
        call_command("changelog_archive", read=entry["file"])
    damaged = auditor.get(f"/changelog/archives/{entry['file']}/")
    assert damaged.status_code == 409 and "checksum" in damaged.content.decode()
