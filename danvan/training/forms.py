from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import User
from danvan.core.widgets import LongSelectMultiple
from danvan.orgs.fields import UnitChoiceField
from danvan.orgs.models import OrgUnit

from .services import IMPORT_UPLOAD, units_where

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TrainingForm(forms.Form):
    organiser = UnitChoiceField(label=_("Organiser"), queryset=OrgUnit.objects.none())
    topic = forms.CharField(label=_("Training topic"), max_length=300)
    starts_on = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("To"), widget=DATE_WIDGET)
    place = forms.CharField(label=_("Place"), max_length=255)
    trainers = forms.CharField(
        label=_("Trainers"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    materials = forms.CharField(
        label=_("Materials"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = units_where(user).order_by("path")
        self.fields["organiser"].queryset = units  # type: ignore[attr-defined]
        own = getattr(user, "org_unit_id", None)
        if own and "organiser" not in self.initial and units.filter(pk=own).exists():
            self.initial["organiser"] = own


class TrainingEditForm(forms.Form):
    """The class's own fields (its organiser stays); the version guards lost updates."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    topic = TrainingForm.base_fields["topic"]
    starts_on = TrainingForm.base_fields["starts_on"]
    ends_on = TrainingForm.base_fields["ends_on"]
    place = TrainingForm.base_fields["place"]
    trainers = TrainingForm.base_fields["trainers"]
    materials = TrainingForm.base_fields["materials"]


class OfficialChoiceField(forms.ModelMultipleChoiceField):
    widget = LongSelectMultiple

    def label_from_instance(self, obj: Any) -> str:
        unit = obj.org_unit.name if obj.org_unit_id else ""
        return f"{obj.display_name} — {obj.position or '—'} ({unit})"


class ParticipantsForm(forms.Form):
    officials = OfficialChoiceField(label=_("Officials"), queryset=User.objects.none())

    def __init__(self, *args: Any, user: Any, training: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any active official the reader can see; the service refuses those outside the
        # organiser's area with a clear message.
        units = OrgUnit.objects.visible_to(user).values("pk")
        officials = (
            User.objects.filter(is_active=True, org_unit__in=units)
            .select_related("org_unit")
            .order_by("org_unit__path", "full_name", "username")
        )
        if training is not None and not self.is_bound:
            # Listed: the officials of the organiser's area, whom the class trains (an
            # administrator sees the country's 13,000 citizen-facing officials: 1.2 s a page).
            officials = officials.filter(org_unit__path__startswith=training.organiser.path)
        self.fields["officials"].queryset = officials  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Attendance list (.xlsx)"),
        help_text=_("First row: headings; first column: the officials' user names."),
        widget=forms.ClearableFileInput(attrs={"accept": IMPORT_UPLOAD.accept}),
    )
