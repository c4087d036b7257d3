"""One refusal rule (docs/permissions.md): a kind of page the role may never use answers 403 with a
page in the product's layout that says so and links home; a record one may not see answers 404."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_a_refused_kind_of_page_says_so_in_the_layout(login):
    response = login("researcher_a").get(reverse("finance_statements"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Not for your role" in page and 'href="/"' in page and "navbar" in page


@pytest.mark.django_db
def test_a_hidden_record_is_not_found_in_the_layout(login, cast):
    # An officer edits organisations, but not another school's: that one is not found.
    response = login("officer_a").get(reverse("directory_organization_edit", args=[cast.lab_b.pk]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page and "navbar" in page


@pytest.mark.django_db
def test_the_server_error_page_needs_no_database(client, settings):
    from django.template import loader

    page = loader.get_template("500.html").render()
    assert "Server error" in page and 'href="/"' in page
