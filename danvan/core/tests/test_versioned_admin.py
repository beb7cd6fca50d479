"""The Django admin keeps versions honest: it carries the version it read, refuses a save over
a newer one with the Vietnamese message, and moves the version on when it saves."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.test import Client

from danvan.accounts.models import User
from danvan.core.admin import VersionedAdmin
from danvan.core.models import VersionedModel
from danvan.petitions.reception.models import ReceptionSchedule
from danvan.petitions.tests.matrix import _schedule
from danvan.testing.fixtures import Tree, signed_in

pytestmark = pytest.mark.django_db

URL = "/admin/petitions/receptionschedule/{}/change/"


@pytest.fixture
def root_client() -> Client:
    root = User.objects.create(username="root", is_superuser=True, is_staff=True)
    return signed_in(root)


def _posted(client: Client, schedule: Any, **changes: Any) -> dict[str, Any]:
    """What the admin's change form sends back, as drawn for ``schedule``, with ``changes``."""
    form = client.get(URL.format(schedule.pk)).context["adminform"].form
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        if value is True:
            data[name] = "on"
        elif value not in (None, False):
            data[name] = str(value)
    data.update(changes)
    return data


def test_the_change_form_carries_the_version_it_read(tree: Tree, root_client: Client) -> None:
    schedule: Any = _schedule(tree.commune)
    page = root_client.get(URL.format(schedule.pk))
    assert page.status_code == 200
    assert b'name="version_read"' in page.content
    assert page.context["adminform"].form["version_read"].value() == schedule.version


def test_a_save_moves_the_version_on(tree: Tree, root_client: Client) -> None:
    schedule: Any = _schedule(tree.commune)
    response = root_client.post(
        URL.format(schedule.pk), _posted(root_client, schedule, host_name="Phó Chủ tịch")
    )
    assert response.status_code == 302, response.content[:600]
    schedule.refresh_from_db()
    assert (schedule.host_name, schedule.version) == ("Phó Chủ tịch", 2)


def test_a_stale_save_is_refused_with_the_message(tree: Tree, root_client: Client) -> None:
    schedule: Any = _schedule(tree.commune)
    data = _posted(root_client, schedule, host_name="Phó Chủ tịch")
    # Someone else saves first (a page, the API, another admin).
    ReceptionSchedule.objects.filter(pk=schedule.pk).update(version=2, host_name="Bí thư")
    response = root_client.post(URL.format(schedule.pk), data)
    assert response.status_code == 200  # the form again, not a redirect
    assert "vừa được người khác cập nhật" in response.content.decode()
    schedule.refresh_from_db()
    assert (schedule.host_name, schedule.version) == ("Bí thư", 2)


def test_a_save_without_the_version_is_refused(tree: Tree, root_client: Client) -> None:
    schedule: Any = _schedule(tree.commune)
    data = _posted(root_client, schedule, host_name="Phó Chủ tịch")
    del data["version_read"]
    response = root_client.post(URL.format(schedule.pk), data)
    assert response.status_code == 200
    assert "Thiếu phiên bản" in response.content.decode()
    schedule.refresh_from_db()
    assert schedule.version == 1


def test_every_admin_of_a_versioned_model_keeps_versions() -> None:
    registered = [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if issubclass(model, VersionedModel)
    ]
    assert registered  # plans, tasks, follow-ups, reception schedules
    for model, model_admin in registered:
        assert isinstance(model_admin, VersionedAdmin), model._meta.label


def test_the_model_checks_and_bumps_its_own_version() -> None:
    from danvan.core.errors import StaleVersion, UserError

    schedule = ReceptionSchedule(version=3)
    schedule.check_version(3)
    schedule.check_version("3")  # as a form posts it
    with pytest.raises(StaleVersion, match="^Lịch tiếp công dân vừa được người khác cập nhật"):
        schedule.check_version(2)
    for missing in (None, "", "  "):
        with pytest.raises(UserError, match="Thiếu phiên bản .* lịch tiếp công dân") as refused:
            schedule.check_version(missing)
        assert not isinstance(refused.value, StaleVersion)
    with pytest.raises(UserError, match="không hợp lệ"):
        schedule.check_version("ba")
    schedule.bump_version()
    assert schedule.version == 4
