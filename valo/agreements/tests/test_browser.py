"""End to end in a real browser: an officer licenses a decided invention's patent family, enters
the licensee's royalty statement and its payment; the inventor's yearly statement shows their share."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from conftest import log_in, pick
from valo.inventions.tests.conftest import make_invention
from valo.patents.models import PatentApplication, PatentFamily


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_licence_pays_its_inventors(cast, live_server, page):
    base = live_server.url
    invention = make_invention(
        cast,
        cast.lab_a,
        [cast.people["researcher_a"], cast.people["researcher_a2"]],
        shares=["0.6", "0.4"],
        title="Self-calibrating optical sensor",
        state="decided",
    )
    family = PatentFamily.objects.create(
        reference="FAM-2024-007", title="Optical sensor", unit=cast.lab_a, invention=invention
    )
    PatentApplication.objects.create(
        family=family,
        office="FR",
        route="first_filing",
        application_number="FR2402001",
        filing_date=datetime.date(2024, 3, 15),
    )

    # The officer records the licence and links the family.
    log_in(page, base, "officer_a", "pw-officer_a")
    page.goto(f"{base}/agreements/add/")
    page.fill("#id_reference", "LIC-2025-001")
    page.fill("#id_title", "Licence of the optical sensor to Acme")
    page.select_option("#id_kind", "licence")
    pick(page, "#id_unit", "Lab A1")
    pick(page, "#id_partner", "Acme")
    page.fill("#id_requested_on", "2024-09-02")
    page.fill("#id_signed_on", "2025-01-20")
    page.fill("#id_effective_on", "2025-01-20")
    page.select_option("#id_ip_ownership", "institution")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Licence of the optical sensor to Acme"
    )
    # 2 September 2024 → 20 January 2025.
    expect(page.get_by_text("140 days to sign")).to_be_visible()

    page.get_by_role("link", name="Link a patent family").click()
    pick(page, "#id_family", family.reference)
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Record the licence terms").click()
    page.check("#id_exclusive")
    page.fill("#id_annual_minimum", "5000")
    page.get_by_role("button", name="Save").click()
    for start, rate in [("0", "5"), ("100000", "3")]:
        page.get_by_role("link", name="add a tier").click()
        page.fill("#id_from_amount", start)
        page.fill("#id_rate", rate)
        page.get_by_role("button", name="Save").click()

    # The licensee's statement for 2025: saved, its page shows the arithmetic of what it owes.
    page.get_by_role("link", name="Enter a royalty statement").click()
    page.fill("#id_year", "2025")
    page.fill("#id_net_sales", "150000")
    page.fill("#id_received_on", "2026-01-31")
    page.get_by_role("button", name="Save").click()
    # 5 % × 100 000 = 5 000; 3 % × 50 000 = 1 500; above the 5 000 minimum.
    expect(page.get_by_text("5.00% × 100,000.00")).to_be_visible()
    expect(page.get_by_test_id("owed")).to_have_text("6500.00")

    # Its payment, pre-filled from the statement.
    page.get_by_role("link", name="Record its payment").click()
    expect(page.locator("#id_amount")).to_have_value("6500.00")
    expect(page.locator("#id_kind")).to_have_value("royalty")
    page.fill("#id_received_on", "2026-02-27")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("2026-02-27 Royalties 6500.00 EUR", exact=True)).to_be_visible()

    # The first inventor (coefficient 0.6) reads their 2026 statement:
    # base 6 500 − 0 costs; 50 % below the ceiling × 0.6 = 1 950.00.
    page.context.clear_cookies()
    log_in(page, base, "researcher_a", "pw-researcher_a")
    page.goto(f"{base}/finance/statements/mine/?year=2026")
    expect(page.get_by_role("cell", name="prime d'intéressement")).to_be_visible()
    expect(page.get_by_test_id("total")).to_have_text("1,950.00 €")
