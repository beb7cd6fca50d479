from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.orgs.fields import UnitChoiceField
from danvan.orgs.models import OrgUnit, OrgUnitKind
from danvan.petitions.models import Topic

from .models import OpinionSignal, SignalSource
from .services import units_where

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SignalForm(forms.Form):
    owner = UnitChoiceField(label=_("Register of unit"), queryset=OrgUnit.objects.none())
    place = UnitChoiceField(label=_("Commune where it arises"), queryset=OrgUnit.objects.none())
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.all())
    source = forms.ChoiceField(label=_("Source"), choices=SignalSource.choices)
    observed_on = forms.DateField(label=_("Observed on"), widget=DATE_WIDGET)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}))
    people_involved = forms.IntegerField(
        label=_("People involved (estimate)"), min_value=0, required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = units_where(user, OpinionSignal, "add").order_by("path")
        self.fields["owner"].queryset = units  # type: ignore[attr-defined]
        home = getattr(user, "org_unit_id", None)
        if home and units.filter(pk=home).exists():
            self.fields["owner"].initial = home
        self.fields["place"].queryset = (  # type: ignore[attr-defined]
            OrgUnit.objects.visible_to(user)
            .current()
            .filter(kind=OrgUnitKind.COMMUNE)
            .order_by("name")
        )


class ConfirmForm(forms.Form):
    rule = forms.CharField(widget=forms.HiddenInput)
    place = forms.IntegerField(widget=forms.HiddenInput)
    topic = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Assessment"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why this is a hotspot and what is being done."),
    )
