from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.orgs.fields import UnitChoiceField, UnitsChoiceField
from danvan.orgs.models import OrgUnit, OrgUnitKind

from .models import Conclusion, Dialogue, DialogueKind, FollowUpStatus, ParticipantKind
from .services import MINUTES_UPLOAD, ParticipantIn, units_where

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def assignable_units(user: Any) -> Any:
    """Units a follow-up can be given to: current People's Committees, departments, fronts…"""
    return (
        OrgUnit.objects.visible_to(user)
        .current()
        .exclude(kind=OrgUnitKind.VILLAGE)
        .order_by("path")
    )


def _people(text: str, kind: str) -> list[ParticipantIn]:
    """One participant a line: «Họ tên — chức vụ, đơn vị» (the part after the dash is optional)."""
    people = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        for dash in (" — ", " – ", " - "):
            if dash in line:
                name, position = line.split(dash, 1)
                break
        else:
            name, position = line, ""
        people.append(ParticipantIn(kind=kind, name=name.strip(), position=position.strip()))
    return people


class DialogueForm(forms.Form):
    owner = UnitChoiceField(label=_("Unit holding the dialogue"), queryset=OrgUnit.objects.none())
    held_on = forms.DateField(label=_("Held on"), widget=DATE_WIDGET)
    kind = forms.ChoiceField(label=pgettext_lazy("dialogue", "Kind"), choices=DialogueKind.choices)
    topic = forms.CharField(label=pgettext_lazy("dialogue", "Topic"), max_length=255)
    place = forms.CharField(label=_("Place"), max_length=255)
    chaired_by = forms.CharField(
        label=_("Chaired by"),
        max_length=200,
        help_text=_("Name and position of the head who chaired, e.g. Chủ tịch UBND xã."),
    )
    basis = forms.CharField(
        label=_("Basis"),
        max_length=255,
        required=False,
        help_text=_("The plan or rule under which the dialogue was held, e.g. Quy định 11-QĐi/TW."),
    )
    officials_count = forms.IntegerField(label=_("Number of officials"), min_value=0, initial=0)
    citizens_count = forms.IntegerField(label=_("Number of citizens"), min_value=0, initial=0)
    officials = forms.CharField(
        label=_("Officials taking part"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line: name — position."),
    )
    citizens = forms.CharField(
        label=_("Citizen representatives"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line: name — village or organisation."),
    )
    record = forms.CharField(
        label=_("Record of the proceedings"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    conclusions = forms.CharField(
        label=_("Conclusions of the chair"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One conclusion a line."),
    )
    minutes = forms.FileField(
        label=_("Signed minutes"),
        required=False,
        help_text=_("PDF, Word, OpenDocument or a photo; at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": MINUTES_UPLOAD.accept}),
    )

    def __init__(self, *args: Any, user: Any, editing: Dialogue | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if editing is not None:
            for name in ("owner", "officials", "citizens", "conclusions"):
                del self.fields[name]
            return
        units = units_where(user, Dialogue, "add").order_by("path")
        self.fields["owner"].queryset = units  # type: ignore[attr-defined]
        home = getattr(user, "org_unit_id", None)
        if home and units.filter(pk=home).exists():
            self.fields["owner"].initial = home

    def participants(self) -> list[ParticipantIn]:
        data = self.cleaned_data
        return _people(data.get("officials", ""), ParticipantKind.OFFICIAL) + _people(
            data.get("citizens", ""), ParticipantKind.CITIZEN
        )

    def conclusion_texts(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data.get("conclusions", "").splitlines()]

    def dialogue_fields(self) -> dict[str, Any]:
        keep = (
            "held_on",
            "kind",
            "topic",
            "place",
            "chaired_by",
            "basis",
            "officials_count",
            "citizens_count",
            "record",
        )
        return {k: self.cleaned_data[k] for k in keep if k in self.cleaned_data}


class ConclusionForm(forms.Form):
    text = forms.CharField(label=_("Conclusion"), widget=forms.Textarea(attrs={"rows": 2}))


class ParticipantForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ParticipantKind.choices)
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=200)
    position = forms.CharField(label=_("Position or organisation"), max_length=255, required=False)


class FollowUpForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("follow-up", "Action"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    responsible_unit = UnitChoiceField(label=_("Responsible unit"), queryset=OrgUnit.objects.none())
    supporting_units = UnitsChoiceField(
        label=_("Supporting units"), queryset=OrgUnit.objects.none(), required=False
    )
    due_on = forms.DateField(label=_("Due on"), widget=DATE_WIDGET)
    conclusion = forms.ModelChoiceField(
        label=_("Conclusion"), queryset=Conclusion.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: Any, dialogue: Dialogue, **kwargs: Any):
        super().__init__(*args, **kwargs)
        units = assignable_units(user)
        self.fields["responsible_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["supporting_units"].queryset = units  # type: ignore[attr-defined]
        self.fields["conclusion"].queryset = dialogue.conclusions.all()  # type: ignore[attr-defined]


class FollowUpUpdateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=FollowUpStatus.choices)
    percent = forms.IntegerField(label=_("Percent done"), min_value=0, max_value=100)
    note = forms.CharField(
        label=_("Progress report"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    due_on = forms.DateField(
        label=_("New due date"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Only the unit that held the dialogue may move the due date."),
    )
