"""LongSelect writes exactly the HTML of Django's Select templates, without a template per
option."""

from __future__ import annotations

from django import forms

from danvan.core.widgets import LongSelect
from danvan.testing.fixtures import Tree

CHOICES = [
    ("", "---------"),
    (1, 'Xã "Hòa Bình" <&>'),
    ("2", "Xã Tân Lập"),
    ("Nhóm <1>", [(3, "Thôn A"), (4, "Thôn B & C")]),
]


def test_same_html_as_django_select() -> None:
    for value in (None, "", 1, "2", 4, ["2"]):
        for attrs in (None, {"class": "wide", "required": True, "disabled": False, "data-x": 3}):
            mine = LongSelect(choices=CHOICES).render("unit", value, attrs=attrs)
            django = forms.Select(choices=CHOICES).render("unit", value, attrs=attrs)
            assert str(mine) == str(django)


def test_a_model_choice_field_keeps_its_choices(tree: Tree) -> None:
    from danvan.orgs.models import OrgUnit

    units = OrgUnit.objects.order_by("path")
    plain = forms.ModelChoiceField(queryset=units)
    long = forms.ModelChoiceField(queryset=units, widget=LongSelect)
    html = str(long.widget.render("unit", tree.commune.pk))
    assert html == str(plain.widget.render("unit", tree.commune.pk))
    assert f'<option value="{tree.commune.pk}" selected>' in html


def test_long_select_multiple_writes_what_django_writes() -> None:
    from django import forms

    from danvan.core.widgets import LongSelectMultiple

    choices = [("1", "Một"), ("2", "Hai & <ba>"), ("3", "Ba")]
    ours = LongSelectMultiple(choices=choices).render("units", ["1", "3"], {"id": "id_units"})
    django = forms.SelectMultiple(choices=choices).render("units", ["1", "3"], {"id": "id_units"})
    assert str(ours) == str(django).strip()
    data = {"units": ["1", "3"]}
    from django.http import QueryDict
    from django.utils.datastructures import MultiValueDict

    posted = QueryDict("units=1&units=3")
    assert (
        LongSelectMultiple().value_from_datadict(posted, MultiValueDict(), "units") == data["units"]
    )
