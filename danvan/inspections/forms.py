from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.orgs.fields import UnitChoiceField, UnitsChoiceField
from danvan.orgs.models import OrgUnit, OrgUnitKind

from .services import units_where

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanEditForm(forms.Form):
    """A plan's own fields (its owner stays); the version guards lost updates."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=300)
    basis = forms.CharField(label=_("Basis"), max_length=300, required=False)


def addressable_units(user: Any) -> Any:
    return (
        OrgUnit.objects.visible_to(user)
        .current()
        .exclude(kind=OrgUnitKind.VILLAGE)
        .order_by("path")
    )


class PlanForm(forms.Form):
    owner = UnitChoiceField(label=_("Owner unit"), queryset=OrgUnit.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=300)
    basis = forms.CharField(label=_("Basis"), max_length=300, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = units_where(user).order_by("path")  # type: ignore[attr-defined]


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    units = UnitsChoiceField(label=_("Units inspected"), queryset=OrgUnit.objects.none())
    starts_on = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("To"), widget=DATE_WIDGET)
    notice_sent_on = forms.DateField(
        label=_("Notice sent to the units on"), widget=DATE_WIDGET, required=False
    )
    team = forms.CharField(
        label=_("Inspection team"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
        help_text=_("One member a line: name — body — role in the team."),
    )  # fmt: skip

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = addressable_units(user)  # type: ignore[attr-defined]

    def members(self) -> list[dict[str, str]]:
        rows = []
        for line in (self.cleaned_data.get("team") or "").splitlines():
            parts = [
                p.strip() for p in line.replace(" – ", " — ").replace(" - ", " — ").split(" — ")
            ]
            if not any(parts):
                continue
            parts += ["", "", ""]
            rows.append({"name": parts[0], "body": parts[1], "role": parts[2]})
        return rows


class FindingForm(forms.Form):
    finding = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 2}))
    recommendation = forms.CharField(
        label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 2})
    )
    responsible_unit = UnitChoiceField(label=_("Responsible unit"), queryset=OrgUnit.objects.none())
    due_on = forms.DateField(label=_("Due on"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].queryset = addressable_units(user)  # type: ignore[attr-defined]


class ConcludeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    conclusion = forms.CharField(label=_("Conclusion"), widget=forms.Textarea(attrs={"rows": 4}))
    concluded_on = forms.DateField(label=_("Concluded on"), widget=DATE_WIDGET)


class ReportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("What the unit fixed"), widget=forms.Textarea(attrs={"rows": 3}))


class CloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Assessment of the fixes"), widget=forms.Textarea(attrs={"rows": 2})
    )
