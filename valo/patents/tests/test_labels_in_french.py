"""Deadlines, rules, legal parameters, the change log and the "Order by" choices in the reader's
language: the rules are data entered in English with their French beside them (patents 0008, the
apps' "parameters in French" migrations); a deadline computed from a rule is named by it."""

from __future__ import annotations

import datetime
import html

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from valo.core.models import ObjectChange, Parameter
from valo.patents import engine
from valo.patents.filtersets import DeadlineFilterSet
from valo.patents.models import Deadline, DeadlineRule


@pytest.fixture
def french_client(cast):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    client.force_login(cast.users["officer_a"])
    return client


@pytest.mark.django_db
def test_every_seeded_rule_and_parameter_has_its_french():
    assert not DeadlineRule.objects.filter(label_fr="").exists()
    assert not Parameter.objects.filter(label_fr="").exists()


@pytest.mark.django_db
def test_a_computed_deadline_is_named_by_its_rule_in_the_readers_language(fr_first):
    engine.sync([fr_first])
    annuity = Deadline.objects.get(application=fr_first, rule__code="fr-annuity", year=8)
    assert annuity.label == "Annuity – 8"  # stored as the rule was entered
    with translation.override("fr"):
        assert annuity.local_label == "Annuité – 8"
        assert annuity.rule.local_source == "CPI R613-46 ; délai de grâce de 6 mois, +50 % (INPI)"
    with translation.override("en"):
        assert annuity.local_label == "Annuity – 8"
    manual = Deadline.objects.create(
        application=fr_first, label="Reply to the examiner", due_date=datetime.date(2026, 3, 1)
    )
    with translation.override("fr"):
        assert manual.local_label == "Reply to the examiner"  # entered by hand: as entered


@pytest.mark.django_db
def test_a_rule_without_french_reads_its_english_in_french():
    rule = DeadlineRule.objects.get(code="fr-search-fees")
    rule.label_fr = ""
    with translation.override("fr"):
        assert rule.local_label == "Filing and search fees"
        assert rule.local_source == "CPI R612-5"  # a bare citation has no French of its own


@pytest.mark.django_db
def test_the_family_page_and_the_board_in_french(fr_first, french_client):
    engine.sync([fr_first])
    page = french_client.get(fr_first.family.get_absolute_url()).content.decode()
    assert "Annuité – 8" in page and "Annuity – 8" not in page
    assert "Délai de priorité (Convention de Paris)" in page
    assert "délai de grâce de 6 mois, +50 %" in page
    board = html.unescape(french_client.get("/patents/deadlines/?state=open").content.decode())
    assert "Annuité – 3" in board and "Annuity" not in board
    assert "Date d'échéance (décroissant)" in board


@pytest.mark.django_db
def test_the_board_and_the_api_find_a_computed_deadline_by_its_french_name(fr_first, french_client):
    engine.sync([fr_first])
    board = html.unescape(
        french_client.get("/patents/deadlines/?state=open&q=annuité").content.decode()
    )
    assert "Annuité – 3" in board and "Délai de priorité" not in board
    english = french_client.get("/patents/deadlines/?state=open&q=annuity").content.decode()
    assert "Annuité – 3" in html.unescape(english)  # the stored English still finds it
    found = french_client.get("/api/patents/deadlines/?q=Annuit%C3%A9").json()
    assert found["count"] == Deadline.objects.filter(rule__code="fr-annuity").count() > 0


def test_order_by_choices_are_named_in_the_readers_language():
    with translation.override("fr"):
        choices = dict(DeadlineFilterSet().form.fields["ordering"].choices)
        assert choices["due_date"] == "Date d'échéance"
        assert choices["-due_date"] == "Date d'échéance (décroissant)"
    with translation.override("en"):
        choices = dict(DeadlineFilterSet().form.fields["ordering"].choices)
        assert choices["-due_date"] == "Due date (descending)"


@pytest.mark.django_db
def test_the_change_log_shows_field_names_and_choice_labels(fr_first):
    change = (
        ObjectChange.objects.for_object(fr_first)
        .filter(action="create")
        .get(object_id=str(fr_first.pk))
    )
    with translation.override("fr"):
        shown = {code: (name, after) for code, name, _before, after in change.shown_diff()}
    assert shown["route"] == ("voie", "Premier dépôt")
    assert shown["application_number"] == ("numéro de dépôt", "FR2001234")
