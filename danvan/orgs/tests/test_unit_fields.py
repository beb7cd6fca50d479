"""Choosing a unit in a form: the whole list while it is short, a search once it is long."""

from __future__ import annotations

from django import forms
from django.test import Client

from danvan.orgs.fields import UnitChoiceField
from danvan.orgs.models import OrgUnit, OrgUnitKind
from danvan.testing.fixtures import Tree, official, signed_in


class _Form(forms.Form):
    unit = UnitChoiceField(queryset=OrgUnit.objects.all(), label="Đơn vị")


def _options(html: str) -> int:
    return html.count("<option")


def test_a_short_list_is_written_whole(tree: Tree, settings) -> None:  # type: ignore[no-untyped-def]
    settings.UNIT_SELECT_MAX_OPTIONS = 500
    html = str(_Form()["unit"])
    assert _options(html) == OrgUnit.objects.count() + 1  # and the empty choice
    assert "__q" not in html


def test_a_long_list_becomes_a_search_holding_only_the_chosen_unit(tree: Tree, settings) -> None:  # type: ignore[no-untyped-def]
    settings.UNIT_SELECT_MAX_OPTIONS = 2
    html = str(_Form()["unit"])
    assert 'name="unit__q"' in html and 'hx-get="/orgs/choose/"' in html
    assert 'aria-controls="id_unit"' in html and '<select name="unit"' in html
    assert _options(html) == 1  # the empty choice only: nothing of the country is written
    chosen = str(_Form(data={"unit": tree.commune.pk})["unit"])
    assert _options(chosen) == 2
    assert f'<option value="{tree.commune.pk}" selected>{tree.commune.name}</option>' in chosen
    # The kinds the field accepts go with the search, so it offers nothing the form refuses.
    communes = UnitChoiceField(queryset=OrgUnit.objects.filter(kind=OrgUnitKind.COMMUNE))
    assert communes.queryset is not None and communes.queryset.count() > 1
    settings.UNIT_SELECT_MAX_OPTIONS = 1
    form = type("F", (forms.Form,), {"unit": communes})()
    assert "commune" in str(form["unit"]) and "province" not in str(form["unit"])


def test_the_form_still_checks_the_unit_against_its_own_list(tree: Tree, settings) -> None:  # type: ignore[no-untyped-def]
    settings.UNIT_SELECT_MAX_OPTIONS = 2

    class Communes(forms.Form):
        unit = UnitChoiceField(queryset=OrgUnit.objects.filter(kind=OrgUnitKind.COMMUNE))

    assert Communes(data={"unit": tree.commune.pk}).is_valid()
    assert not Communes(data={"unit": tree.province.pk}).is_valid()


def test_the_search_lists_only_units_the_official_sees(tree: Tree) -> None:
    officer = official("officer", tree.commune)
    client = signed_in(officer)
    url = "/orgs/choose/?field=unit&kinds=commune,province&unit__q="
    found = client.get(url + "hoa binh")  # accents optional
    assert found.status_code == 200
    assert f'<option value="{tree.commune.pk}">' in found.text
    other = client.get(url + "tan lap")  # a commune outside the officer's scope
    assert f'value="{tree.other_commune.pk}"' not in other.text
    assert "Không tìm thấy" in other.text
    assert "ít nhất 2" in client.get(url + "h").text
    # A kind the field does not accept is not offered; made-up kinds are ignored.
    assert (
        f'value="{tree.commune.pk}"'
        not in client.get("/orgs/choose/?field=unit&kinds=department&unit__q=hoa binh").text
    )
    assert client.get("/orgs/choose/?field=unit&kinds=<x>&unit__q=hoa").status_code == 200


def test_the_search_needs_a_signed_in_official(tree: Tree) -> None:
    response = Client().get("/orgs/choose/?field=unit&unit__q=hoa binh")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_national_administrator_page_does_not_write_every_unit(
    tree: Tree,
    settings,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    """The superuser's dialogue form over the whole country (here: more units than the limit)."""
    from danvan.testing.factories import UserFactory

    settings.UNIT_SELECT_MAX_OPTIONS = 2
    admin = UserFactory.create(is_superuser=True, is_staff=True)
    page = signed_in(admin).get("/dialogues/new/")
    assert page.status_code == 200
    assert 'name="owner__q"' in page.text
    owner = page.text.split('<select name="owner"', 1)[1].split("</select>", 1)[0]
    assert _options(owner) <= 2


def test_the_search_names_its_size_as_officials_write_numbers(tree: Tree, settings) -> None:  # type: ignore[no-untyped-def]
    from danvan.testing.factories import OrgUnitFactory

    settings.UNIT_SELECT_MAX_OPTIONS = 2
    for n in range(1000):
        OrgUnitFactory.create(name=f"Xã Thêm {n}", parent=tree.province)
    html = str(_Form()["unit"])
    assert (
        f"Tìm trong {OrgUnit.objects.count() // 1000}.{OrgUnit.objects.count() % 1000:03d} cơ quan"
        in html
    )
