"""Benchmark: a generated PATSTAT Global extract imported through the product's path, beside a
simple baseline measured in the same run.

    .venv/bin/python bench/patstat.py [--publications 1000000] [--parts 4] [--memory 1GB]

The extract is written as the EPO distributes an edition (tls201, tls206, tls207, tls211 as zipped
CSV parts, comma-separated, double-quoted, a header row of every column): each publication its own
application, one applicant of its own, one shared by every 1 000th, an inventor. Measured:
- valo: `AnalyticStore.import_file(folder)` — staged, joined by DuckDB, written in chunks
  (VALO_OFFICEDATA_CHUNK_DOCUMENTS) — in a process of its own, its time and peak RSS;
- baseline: pyarrow reading every CSV part of the folder (the columns valo reads), parse only.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

HEADERS = {
    "tls201": "appln_id,appln_auth,appln_nr,appln_kind,appln_filing_date,appln_filing_year,"
    "appln_nr_epodoc,appln_nr_original,ipr_type,receiving_office,internat_appln_id,int_phase,"
    "reg_phase,nat_phase,earliest_filing_date,earliest_filing_year,earliest_filing_id,"
    "earliest_publn_date,earliest_publn_year,earliest_pat_publn_id,granted,docdb_family_id,"
    "inpadoc_family_id,docdb_family_size,nb_citing_docdb_fam,nb_applicants,nb_inventors",
    "tls206": "person_id,person_name,person_name_orig_lg,person_address,person_ctry_code,nuts,"
    "nuts_level,doc_std_name_id,doc_std_name,psn_id,psn_name,psn_level,psn_sector,han_id,han_name,"
    "han_harmonized",
    "tls207": "person_id,appln_id,applt_seq_nr,invt_seq_nr",
    "tls211": "pat_publn_id,publn_auth,publn_nr,publn_nr_original,publn_kind,appln_id,publn_date,"
    "publn_lg,publn_first_grant,publn_claims",
}
OFFICES = ("FR", "EP", "WO", "US", "DE")


def rows(table: str, n: int) -> str:
    office = OFFICES[n % len(OFFICES)]
    year = 2000 + n % 20
    if table == "tls201":
        return (
            f'{n},"{office}","{n:09d}","A ","{year}-03-04",{year},"{office}{n:09d}","{n}","PI",'
            f'"",0,"N","N","N","{year}-03-04",{year},{n},"{year + 1}-09-04",{year + 1},{n},"N",'
            f"{n // 3},{n // 3},1,0,2,1"
        )
    if table == "tls206":
        return (
            f'{n},"APPLICANT {n}","en","","{office}","","",0,"",{n},"APPLICANT {n}",2,'
            f'"COMPANY",0,"",0'
        )
    if table == "tls207":
        shared = 100_000_000 + n // 1000
        return f"{n},{n},1,0\r\n{shared},{n},2,0\r\n{n},{n},0,1"
    return (
        f'{n},"{office}","{n:09d}","{n}","A1",{n},"{year + 1}-09-04","en","N",0'
        if table == "tls211"
        else ""
    )


def generate(folder: Path, publications: int, parts: int) -> None:
    folder.mkdir(parents=True)
    per_part = -(-publications // parts)
    for table in HEADERS:
        for part in range(parts):
            start, end = part * per_part, min((part + 1) * per_part, publications)
            lines = [HEADERS[table]]
            lines += [rows(table, n) for n in range(start, end)]
            if table == "tls206" and part == parts - 1:
                lines += [
                    f'{100_000_000 + k},"SHARED {k}","en","","FR","","",0,"",0,"SHARED {k}",2,'
                    f'"COMPANY",0,"",0'
                    for k in range(publications // 1000 + 1)
                ]
            name = f"{table}_part{part + 1:02d}"
            with zipfile.ZipFile(folder / f"{name}.zip", "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(f"{name}.csv", ("\r\n".join(lines) + "\r\n").encode())


def _import(folder: str, queue: multiprocessing.Queue) -> None:
    import django

    django.setup()
    from valo.officedata.store import AnalyticStore

    started = time.perf_counter()
    result = AnalyticStore().import_file(Path(folder))
    elapsed = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((elapsed, rss, result.added, len(AnalyticStore().manifest())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--publications", type=int, default=1_000_000)
    parser.add_argument("--parts", type=int, default=4)
    parser.add_argument("--memory", default="1GB", help="VALO_ANALYTIC_MEMORY for the import")
    args = parser.parse_args()
    os.environ.setdefault("VALO_ANALYTIC_MEMORY", args.memory)
    os.environ.setdefault("VALO_VAR_DIR", tempfile.mkdtemp(prefix="valo-bench-patstat-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "valo.settings")
    folder = Path(os.environ["VALO_VAR_DIR"]) / "patstat-generated"
    started = time.perf_counter()
    generate(folder, args.publications, args.parts)
    size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
    print(
        f"generated {args.publications} publications in {args.parts} parts per table, "
        f"{size:.0f} MB zipped, in {time.perf_counter() - started:.1f} s"
    )

    import django

    django.setup()
    # Baseline: every part read by pyarrow (the columns valo reads), parse only.
    import pyarrow as pa
    import pyarrow.csv as pacsv

    from valo.officedata.readers.patstat import TABLES, _parts

    started = time.perf_counter()
    read = 0
    for table in HEADERS:
        columns = TABLES[table]
        for part in _parts(folder, table):
            with zipfile.ZipFile(part) as archive, archive.open(archive.namelist()[0]) as stream:
                read += pacsv.read_csv(
                    stream,
                    convert_options=pacsv.ConvertOptions(
                        include_columns=list(columns),
                        column_types=dict.fromkeys(columns, pa.string()),
                    ),
                ).num_rows
    baseline = time.perf_counter() - started

    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_import, args=(str(folder), queue))
    child.start()
    elapsed, rss, added, batches = queue.get()
    child.join()
    print(
        f"valo import {added} publications ({batches} batches) in {elapsed:.1f} s "
        f"({added / elapsed:.0f} publications/s), peak RSS {rss:.0f} MB with "
        f"VALO_ANALYTIC_MEMORY={os.environ['VALO_ANALYTIC_MEMORY']} | pyarrow reading the "
        f"{read} CSV rows, parse only, {baseline:.1f} s | ratio {elapsed / baseline:.1f}"
    )


if __name__ == "__main__":
    main()
