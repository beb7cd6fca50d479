"""The class page lists, for adding participants, the officials of the organiser's area."""

from __future__ import annotations

import pytest

from danvan.accounts.models import Role
from danvan.testing.factories import UserFactory
from danvan.testing.fixtures import Tree, signed_in

from .support import make_training

pytestmark = pytest.mark.django_db


def test_the_participants_list_holds_the_organisers_area(tree: Tree) -> None:
    Role.objects.update(require_two_factor=False)
    admin = UserFactory.create(is_superuser=True, is_staff=True)
    inside = UserFactory.create(org_unit=tree.commune, full_name="Lục Văn Trong")
    outside = UserFactory.create(org_unit=tree.other_province, full_name="Bế Thị Ngoài")
    training = make_training(tree.commune)
    client = signed_in(admin)
    page = client.get(f"/training/{training.pk}/").content.decode()
    select = page.split('name="officials"', 1)[1].split("</select>", 1)[0]
    assert f'value="{inside.pk}"' in select and "Lục Văn Trong" in select
    assert f'value="{outside.pk}"' not in select
    # A sent list is still checked by the service, which names who is outside the area.
    refused = client.post(f"/training/{training.pk}/participants/", {"officials": [outside.pk]})
    assert refused.status_code in (200, 400)
    assert training.attendances.count() == 0
