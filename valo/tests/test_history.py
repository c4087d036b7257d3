"""The history of any record — an invention, a patent family, an agreement — on its own page, in the
global change log filtered to it ("all its changes") and through the API."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from rest_framework.test import APIClient

from valo.agreements.models import Agreement
from valo.core.models import ObjectChange
from valo.inventions.models import Invention
from valo.patents.models import PatentFamily


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Invention, PatentFamily, Agreement], ids=lambda m: m.__name__)
def test_a_records_changes_are_listed_on_its_page_in_the_log_and_in_the_api(demo, model):
    obj = model.objects.order_by("pk").first()
    content_type = ContentType.objects.get_for_model(model)
    own = ObjectChange.objects.filter(content_type=content_type, object_id=str(obj.pk))
    assert own.exists(), "the demo writes its records through the logged path"
    auditor = get_user_model().objects.get(username="auditor")

    page = Client()
    page.force_login(auditor)
    history = page.get(f"{obj.get_absolute_url()}changelog/")
    assert history.status_code == 200
    assert len(history.context["page_obj"].object_list) >= own.count() > 0

    listed = page.get("/changelog/", {"content_type": content_type.pk, "object_id": obj.pk})
    assert listed.status_code == 200
    shown = {change.pk for change in listed.context["page_obj"].object_list}
    assert set(own.values_list("pk", flat=True)) <= shown

    api = APIClient()
    api.force_authenticate(auditor)
    answer = api.get("/api/core/changes/", {"content_type": content_type.pk, "object_id": obj.pk})
    assert answer.status_code == 200, answer.content
    ids = {row["id"] for row in answer.json()["results"]}
    assert set(own.values_list("pk", flat=True)) <= ids
