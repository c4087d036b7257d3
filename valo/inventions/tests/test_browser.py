"""End to end in a real browser: from a researcher's declaration to the committee's decision, and on
to the invention's patent family, its deadlines on the board and in the calendar."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect

from conftest import log_in, pick
from valo.directory.models import Organization, UnitOfficer
from valo.inventions.models import Invention


def switch_user(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, base, username, f"pw-{username}")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_from_declaration_to_decision(cast, live_server, page):
    base = live_server.url
    a = cast.people["researcher_a"]
    Organization.objects.create(name="Bertin Technologies", kind="company", siren="343010201")
    UnitOfficer.objects.create(
        unit=cast.school_a, officer=cast.users["officer_a"], start=datetime.date(2020, 1, 1)
    )

    # The researcher declares an invention with two co-inventors (picked by typing their names).
    log_in(page, base, "researcher_a", "pw-researcher_a")
    page.get_by_role("main").get_by_role("link", name="Declare an invention").click()
    page.fill("#id_title", "Self-calibrating optical sensor")
    page.select_option("#id_field", "digital")
    page.fill("#id_confidential_description", "A sensor that recalibrates from ambient light.")
    expect(page.locator("#id_owning_units option:checked")).to_have_text("Lab A1")
    expect(page.locator("#id_inventors-0-person")).to_have_value(str(a.pk))
    page.fill("#id_inventors-0-share", "0.5")
    pick(page, "#id_inventors-1-person", "Researcher_A2")
    page.fill("#id_inventors-1-share", "0.3")
    page.fill("#id_inventors-2-external_name", "Claire Externe")
    pick(page, "#id_inventors-2-employer", "Acme")
    page.fill("#id_inventors-2-share", "0.2")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("state")).to_have_text("Draft")
    page.get_by_role("link", name="Submit the declaration").click()
    page.get_by_role("button", name="Submit the declaration").click()
    expect(page.get_by_test_id("state")).to_have_text("Declared")
    invention = Invention.objects.get(title="Self-calibrating optical sensor")

    # The school's officer qualifies it (the suggestion names the company as co-owner to be)
    # and schedules the assessment meeting.
    switch_user(page, base, "officer_a")
    page.goto(f"{base}{invention.get_absolute_url()}")
    page.get_by_role("link", name="Qualify").click()
    expect(page.locator("#id_ownership_class")).to_have_value("mission")
    expect(page.locator("#id_co_owners option:checked")).to_have_text("Acme Industries")
    pick(page, "#id_co_owners", "Ber")  # a second co-owner, found by its first three letters
    expect(page.locator("#id_co_owners option:checked")).to_have_text(
        ["Acme Industries", "Bertin Technologies"]
    )
    page.get_by_role("button", name="Qualify").click()
    expect(page.get_by_test_id("state")).to_have_text("Qualified")
    page.get_by_role("link", name="Schedule the assessment").click()
    page.fill("#id_meeting_on", "2026-12-10")
    page.fill("#id_location", "Salle 4")
    page.get_by_role("button", name="Schedule the assessment").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Meeting of")

    # The committee holds the meeting with the inventors and records patent + licence.
    switch_user(page, base, "committee")
    page.goto(f"{base}{invention.assessments.get().get_absolute_url()}")
    for box in page.locator("input[name$='-attended']").all():
        box.check()
    page.fill("#id_scores-0-score", "4")
    page.fill("#id_minutes", "The inventors presented; strong industrial interest.")
    page.get_by_role("button", name="Close the meeting").click()
    expect(page.get_by_role("alert")).to_contain_text("Meeting closed.")
    page.goto(f"{base}{invention.get_absolute_url()}")
    page.get_by_role("link", name="Record the decision").click()
    page.select_option("#id_protection_route", "patent")
    page.select_option("#id_valorisation_route", "licence")
    page.fill("#id_rationale", "File a French patent; license to the sensor maker.")
    for select in page.locator("select[name^='position_']").all():
        select.select_option("agrees")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_test_id("state")).to_have_text("Decided")

    # The officer finds it by its reference from the search box and protects it: the family and
    # its first application come prefilled; filed on 2 June 2025, its priority year ran out on
    # 2 June 2026 (Paris Convention Art. 4C), overdue today — red on the board and in the calendar.
    switch_user(page, base, "officer_a")
    invention.refresh_from_db()
    page.get_by_test_id("global-search").fill(invention.reference)
    page.get_by_test_id("search-results").get_by_role("link", name=invention.reference).click()
    expect(page).to_have_url(f"{base}{invention.get_absolute_url()}")
    page.get_by_test_id("protection-step").click()  # the first of its next steps
    expect(page.locator("#id_title")).to_have_value("Self-calibrating optical sensor")
    expect(page.locator("#id_unit option:checked")).to_have_text("Lab A1")
    expect(page.locator("#id_office")).to_have_value("FR")
    reference = page.locator("#id_reference").input_value()
    assert reference.startswith("FAM-")
    page.fill("#id_filing_date", "2025-06-02")
    page.get_by_role("button", name="Create the patent family").click()
    expect(page.get_by_role("alert")).to_contain_text(f"Patent family {reference} created")
    expect(page.get_by_role("main")).to_contain_text("Bertin Technologies")
    expect(page.get_by_role("main")).to_contain_text("Priority year (Paris Convention)")
    page.goto(f"{base}/patents/deadlines/?state=open")
    overdue = page.locator("tr.table-danger", has_text="Priority year (Paris Convention)")
    expect(overdue.filter(has_text=reference)).to_have_count(1)
    page.goto(f"{base}/patents/calendar/?year=2026&month=6")
    item = page.locator("tr[data-testid=calendar-item].table-danger", has_text=reference)
    expect(item.filter(has_text="Priority year (Paris Convention)")).to_have_count(1)

    # The researcher sees it protected among their inventions, with the decision's routes.
    switch_user(page, base, "researcher_a")
    page.goto(f"{base}/inventions/mine/")
    row = page.locator("#object-table tbody tr", has_text="Self-calibrating optical sensor")
    expect(row).to_contain_text("Protected")
    expect(row).to_contain_text("Patent")
    expect(row).to_contain_text("Licence to an industrial partner")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_three_equal_inventors_declare_and_submit(cast, live_server, page):
    """Issue 10: three equal shares typed as 1/3 are stored 0.3333 each; the declaration submits,
    and the invention shows the rounding residue (1 − 0.9999)."""
    base = live_server.url
    a, a2 = cast.people["researcher_a"], cast.people["researcher_a2"]
    log_in(page, base, "researcher_a", "pw-researcher_a")
    page.get_by_role("main").get_by_role("link", name="Declare an invention").click()
    page.fill("#id_title", "Three-way splitter")
    page.select_option("#id_field", "digital")
    page.fill("#id_confidential_description", "Splits a beam three ways.")
    page.fill("#id_inventors-0-share", "1/3")
    pick(page, "#id_inventors-1-person", "Researcher_A2")
    page.fill("#id_inventors-1-share", "33.33 %")
    page.fill("#id_inventors-2-external_name", "Claire Externe")
    pick(page, "#id_inventors-2-employer", "Acme")
    page.fill("#id_inventors-2-share", "1/3")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("state")).to_have_text("Draft")
    page.get_by_role("link", name="Submit the declaration").click()
    page.get_by_role("button", name="Submit the declaration").click()
    expect(page.get_by_test_id("state")).to_have_text("Declared")
    expect(page.get_by_test_id("residue")).to_contain_text("0.0001")
    invention = Invention.objects.get(title="Three-way splitter")
    assert sorted(str(i.share) for i in invention.inventorships.all()) == ["0.3333"] * 3
    assert {i.person_id for i in invention.inventorships.all()} == {a.pk, a2.pk, None}
