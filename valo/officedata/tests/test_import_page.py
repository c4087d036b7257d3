"""Issue 16: an office file imported from the web page, its progress shown while it runs (the page
polls its state), then what it added — or the fault, file, record and field named."""

from __future__ import annotations

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from valo.officedata.store import AnalyticStore
from valo.officedata.tests.test_bad_input import HEADER


def _lens(*rows):
    lines = [
        f"{n},FR,A1,FR {publication} A1,15/01/21,2021,FR {application} A,10/07/19,,Title {n},"
        f"{applicant},"
        for n, (publication, application, applicant) in enumerate(rows, start=1)
    ]
    return (HEADER + "\r\n".join(lines) + "\r\n").encode()


def run_worker():
    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        "--interval",
        "0",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )


def _wait(client, url):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        page = client.get(url, HTTP_HX_REQUEST="true")
        if page.context["state"]["state"] not in ("queued", "running"):
            return page
        time.sleep(0.2)
    raise AssertionError("the import did not finish")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_file_imported_from_the_page_with_its_progress(cast, login, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    # The import is a job of the real queue (database backend), run by its worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = login("officer_a")
    rows = [(f"{3098000 + i}", f"{1907000 + i}", f"APPLICANT {i} SA") for i in range(300)]
    upload = SimpleUploadedFile("export.csv", _lens(*rows), content_type="text/csv")
    answer = client.post("/officedata/import/", {"file": upload})
    assert answer.status_code == 302
    job_url = answer["Location"]
    queued = client.get(job_url)
    assert queued.status_code == 200 and queued.context["state"]["file"] == "export.csv"
    assert (
        queued.context["state"]["state"] == "queued" and b'data-testid="queued"' in queued.content
    )
    run_worker()
    done = _wait(client, job_url)
    assert done.context["state"]["state"] == "done"
    assert (done.context["state"]["added"], done.context["state"]["done"]) == (300, 300)
    assert b"300 documents read: 300 added" in done.content
    # The upload is not kept once imported: the store holds what it added.
    assert list((tmp_path / "officedata" / "uploads").iterdir()) == []
    assert AnalyticStore().connect().execute("SELECT count(*) FROM publications").fetchone() == (
        300,
    )
    # While one runs, the page shows how far it is (the state a running import writes).
    from valo.officedata import jobs

    job = job_url.rstrip("/").rsplit("/", 1)[-1]
    jobs._write(
        job, {"state": "running", "file": "export.csv", "done": 150, "total": 600, "rate": 50}
    )
    polled = client.get(job_url, HTTP_HX_REQUEST="true")
    text = polled.content.decode()
    assert 'hx-trigger="every 1s"' in text and "150 documents read / 600" in text
    assert (polled.context["percent"], polled.context["left"]) == (25, 9)
    # The same file again: skipped, said so.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    again = client.post(
        "/officedata/import/",
        {"file": SimpleUploadedFile("export.csv", _lens(*rows), content_type="text/csv")},
    )
    assert _wait(client, again["Location"]).context["state"]["skipped"] is True


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_refused_file_names_its_fault_and_nobody_else_imports(cast, login, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    client = login("officer_a")
    bad = SimpleUploadedFile("notes.txt", b"just words")
    refused = _wait(client, client.post("/officedata/import/", {"file": bad})["Location"])
    assert refused.context["state"]["state"] == "refused"
    assert "notes.txt" in refused.context["state"]["error"]
    assert list((tmp_path / "officedata" / "uploads").iterdir()) == []
    assert AnalyticStore().current is None
    assert client.get("/officedata/import/" + "0" * 32 + "/").status_code == 404
    assert client.get("/officedata/import/../../etc/").status_code == 404
    settings.VALO_OFFICEDATA_MAX_BYTES = 5
    too_big = client.post(
        "/officedata/import/", {"file": SimpleUploadedFile("big.csv", b"0123456789")}
    )
    assert too_big.status_code == 200 and too_big.context["form"].errors["file"]
    assert login("researcher_a").get("/officedata/import/").status_code == 403
