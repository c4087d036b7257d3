"""End to end in a real browser: Playwright driving Debian's chromium against a live server."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import log_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_officer_creates_a_laboratory_and_finds_it_in_list_and_log(cast, live_server, page):
    base = live_server.url
    log_in(page, base, "officer_a", "pw-officer_a")

    page.goto(f"{base}{cast.school_a.get_absolute_url()}")
    page.get_by_role("link", name="Add a laboratory").click()
    expect(page.locator("#id_parent")).to_have_value(str(cast.school_a.pk))
    page.fill("#id_name", "Laboratoire des ondes quantiques")
    page.fill("#id_short_name", "LOQ")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Created Laboratoire des ondes quantiques")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Laboratoire des ondes quantiques")

    # The list: htmx live search narrows the table as one types.
    page.goto(f"{base}/directory/organizations/")
    page.fill("#filter-form input[name=q]", "ondes")  # the list's own search, not the bar's
    table = page.locator("#object-table")
    expect(table).to_contain_text("1 record")
    expect(table.get_by_role("link", name="Laboratoire des ondes quantiques")).to_be_visible()
    expect(table).not_to_contain_text("Lab A1")

    # Its change log: one creation, by the officer, with the values entered.
    table.get_by_role("link", name="Laboratoire des ondes quantiques").click()
    page.get_by_role("link", name="History").click()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Created")
    expect(rows.first).to_contain_text("officer_a")
    expect(rows.first).to_contain_text("LOQ")

    # French: the interface switches, labels and all.
    page.get_by_test_id("lang-fr").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Historique de Laboratoire des ondes quantiques"
    )
    expect(rows.first).to_contain_text("Création")
    page.goto(f"{base}/directory/organizations/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Organismes")
    expect(page.get_by_role("button", name="Filtrer")).to_be_visible()
    expect(page.get_by_role("link", name="Ajouter : organisme")).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_researcher_meets_404_outside_their_unit(cast, live_server, page):
    base = live_server.url
    log_in(page, base, "researcher_a", "pw-researcher_a")
    response = page.goto(f"{base}{cast.lab_b.get_absolute_url()}")
    assert response is not None and response.status == 404
    page.goto(f"{base}/directory/people/")
    expect(page.locator("#object-table")).to_contain_text("1 record")
    expect(page.get_by_role("link", name="Add person")).to_have_count(0)
