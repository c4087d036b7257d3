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


@pytest.mark.django_db
def test_deleting_a_part_whose_parent_was_just_deleted_answers_404(cast, monkeypatch):
    """Issue 11: a concurrent delete of a child and its parent answered 500 (the stale child's
    change record looked up its deleted parent)."""
    import datetime

    from django.test import Client
    from rest_framework.test import APIClient

    from valo.core.views.generic import ObjectDeleteView
    from valo.patents.models import PatentApplication, PatentFamily, PriorityClaim

    def stale_claim():
        family = PatentFamily.objects.create(reference="F-RACE", title="x", unit=cast.lab_a)
        application = PatentApplication.objects.create(
            family=family, office="FR", route="first_filing", filing_date=datetime.date(2024, 1, 2)
        )
        claim = PriorityClaim.objects.create(application=application, country="FR", number="1")
        family.delete()  # the other request deletes the parent first
        return claim

    from valo.directory.models import Organization, OrganizationAlias

    partner = Organization.objects.create(name="Partner SA", kind="company")
    alias = OrganizationAlias.objects.create(organization=partner, name="PARTNER")
    monkeypatch.setattr(ObjectDeleteView, "get_object", lambda self: alias)
    partner.delete()  # the other request deletes the organisation with its aliases
    page = Client()
    page.force_login(cast.users["officer_a"])
    assert page.post(reverse("directory_alias_delete", args=[alias.pk])).status_code == 404

    from valo.core.api import ValoModelViewSet

    claim = stale_claim()
    monkeypatch.setattr(ValoModelViewSet, "get_object", lambda self: claim)
    api = APIClient()
    api.force_authenticate(cast.users["officer_a"])
    assert api.delete(f"/api/patents/priorities/{claim.pk}/").status_code == 404
