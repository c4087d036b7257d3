"""End to end in a real browser: the director opens the home page's figures, the yearly report,
clicks a figure through to its records, and downloads the workbook and the PDF (both opened and
checked here)."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from conftest import log_in
from valo.reports.tests.conftest import YEAR


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_director_reads_the_yearly_report_and_its_records(office, live_server, page, tmp_path):
    base = live_server.url
    log_in(page, base, "director", "pw-director")
    expect(page.get_by_test_id("panel").first).to_contain_text("Key figures")
    expect(
        page.get_by_test_id("tile").filter(has_text="Invention declarations received")
    ).to_be_visible()

    refused = []
    page.on(
        "console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None
    )
    page.goto(f"{base}/reports/yearly/?year={YEAR}")
    # The charts are drawn by the registry's Chart.js from our static files, under our CSP.
    page.wait_for_function(
        "document.querySelector('canvas[data-chart=chart-pipeline]').chart !== undefined"
    )
    assert page.evaluate(
        "document.querySelector('canvas[data-chart=chart-money]').chart.data.datasets[0].data"
    ) == [0, 0, 0, 0, 56500]
    assert refused == []
    row = page.locator('tr[data-figure="joint_company_filings"]')
    # Institution 2, School A 1, School B 1 (the start-up co-owner counts, the university does not).
    expect(row.locator("td").nth(1)).to_have_text("2")
    expect(row.locator("td").nth(2)).to_have_text("1")
    row.locator("td").nth(1).get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Applications filed jointly")
    expect(page.get_by_test_id("records").locator("tbody tr")).to_have_count(2)

    page.go_back()
    with page.expect_download() as download:
        page.get_by_test_id("download-xlsx").click()
    target = tmp_path / "report.xlsx"
    download.value.save_as(target)
    workbook = load_workbook(target)
    patents = {row[0]: row[1:] for row in workbook["Patents"].values}
    assert patents["Applications filed jointly with companies"] == (2, 1, 1)

    from pypdf import PdfReader

    with page.expect_download() as download:
        page.get_by_test_id("download-pdf").click()
    pdf = tmp_path / "report.pdf"
    download.value.save_as(pdf)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    # The label and its note (wrapped as the PDF lays it out), then institution, School A, School B.
    assert re.search(r"jointly with companies .{0,120}?counted 2 1 1 ", text), text
