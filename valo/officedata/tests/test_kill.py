"""Issue 11: an import killed (SIGKILL) while it reads or while it writes its snapshot leaves the store
as it was; the next import removes what the killed one left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from valo.officedata.store import AnalyticStore

HEADER = (
    "#,Jurisdiction,Kind,Publication Number,Publication Date,Publication Year,Application Number,"
    "Application Date,Priority Numbers,Title,Applicants,Inventors\n"
)


def lens(path: Path, rows: int, start: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for n in range(start, start + rows):
            out.write(
                f"{n},FR,A1,FR {3000000 + n} A1,15/01/21,2021,FR {1900000 + n} A,10/07/19,,"
                f"Title {n},APPLICANT {n % 977};;SECOND {n % 31},INVENTOR {n}\n"
            )
    return path


def run_import(var: Path, path: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    env = {**os.environ, "VALO_VAR_DIR": str(var), **(env or {})}
    return subprocess.Popen(
        [sys.executable, "-m", "valo", "officedata", "import", str(path)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.parametrize("moment", ["reading", "writing"])
def test_a_killed_import_leaves_the_store_as_it_was(tmp_path, settings, moment):
    settings.VAR_DIR = tmp_path
    store = AnalyticStore()
    store.import_file(lens(tmp_path / "first.csv", 50))
    before = store.current
    big = lens(tmp_path / "big.csv", 100_000, start=1000)
    process = run_import(tmp_path, big)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        partial = list((store.root / "batches").glob(".partial-*"))
        if moment == "reading" and time.monotonic() > deadline - 118:
            break  # two seconds in: still reading the file
        if moment == "writing" and partial:
            break  # it has started writing its batch
        time.sleep(0.005)
    assert process.poll() is None, "the import finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert store.current == before
    assert store.connect().execute("SELECT count(*) FROM publications").fetchone() == (50,)
    # The next import removes the killed one's leftovers and adds its own.
    store.import_file(lens(tmp_path / "second.csv", 10, start=500))
    assert [p for p in store.root.glob("snapshot-*")] == [store.current]
    listed = {entry["batch"] for entry in store.manifest()}
    assert {p.name for p in (store.root / "batches").glob("*")} == listed  # no partial batch left
    assert store.connect().execute("SELECT count(*) FROM publications").fetchone() == (60,)


def test_an_edition_killed_between_its_batches_shows_none_of_them_and_a_rerun_completes(
    tmp_path, settings
):
    """Issue 12: a PATSTAT folder is written as many batches, listed by one snapshot at the end: a
    kill after some of them leaves the store answering as before (its batches and staged chunks
    are removed by the next write), and the import run again adds the whole folder."""
    from valo.officedata.tests.test_patstat import generated

    settings.VAR_DIR = tmp_path
    store = AnalyticStore()
    store.import_file(lens(tmp_path / "first.csv", 50))
    before = store.current
    folder = generated(tmp_path / "patstat-fr", 20_000)
    env = {"VALO_OFFICEDATA_CHUNK_DOCUMENTS": "500"}
    process = run_import(tmp_path, folder, env)
    deadline = time.monotonic() + 300
    batches = store.root / "batches"
    while time.monotonic() < deadline and process.poll() is None:
        listed = {entry["batch"] for entry in store.manifest()}
        if len([p for p in batches.glob("0*") if p.name not in listed]) >= 3:
            break  # three of its batches written, not yet listed
        time.sleep(0.005)
    assert process.poll() is None, "the import finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert store.current == before
    assert store.connect().execute("SELECT count(*) FROM publications").fetchone() == (50,)
    assert list((store.root / "staging").glob("*"))  # what it staged is still there…
    settings.VALO_OFFICEDATA_CHUNK_DOCUMENTS = 500
    assert store.import_file(folder).added == 20_000
    assert not list((store.root / "staging").glob("*"))  # … until the next write
    listed = {entry["batch"] for entry in store.manifest()}
    assert {p.name for p in batches.glob("*")} == listed
    assert store.connect().execute("SELECT count(*) FROM publications").fetchone() == (20_050,)
