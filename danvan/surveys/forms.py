from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core import scoping
from danvan.core.scoping import Action, permission_name
from danvan.orgs.fields import UnitChoiceField
from danvan.orgs.models import OrgUnit, OrgUnitKind

from .models import QuestionGroup, QuestionKind, Questionnaire, SurveyTemplate


def units_for(user: Any, action: str = Action.ADD) -> Any:
    return (
        scoping.units_where(user, permission_name(Questionnaire, action))
        .exclude(kind=OrgUnitKind.VILLAGE)
        .order_by("path")
    )


class QuestionnaireForm(forms.Form):
    owner = UnitChoiceField(label=_("Unit whose service is rated"), queryset=OrgUnit.objects.none())
    template = forms.ModelChoiceField(
        label=_("Start from the template"),
        queryset=SurveyTemplate.objects.filter(is_active=True),
        required=False,
        empty_label=_("(empty questionnaire)"),
    )
    title = forms.CharField(label=_("Title"), max_length=255)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    intro = forms.CharField(
        label=_("Introduction"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    for_petitions = forms.BooleanField(
        label=_("Offer it as «rate this service» on the unit's answered petitions"), required=False
    )
    phone_verification = forms.BooleanField(
        label=_("Each respondent verifies their phone number with a code sent by SMS"),
        required=False,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = units_for(user)  # type: ignore[attr-defined]


class QuestionForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Group"), queryset=QuestionGroup.objects.none())
    code = forms.SlugField(label=_("Code"), max_length=30)
    text = forms.CharField(label=_("Question"), max_length=500)
    kind = forms.ChoiceField(label=pgettext_lazy("question", "Kind"), choices=QuestionKind.choices)
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    choices = forms.CharField(
        label=_("Choices (one a line)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    scale_labels = forms.CharField(
        label=_("Words of the five levels (one a line, from 1 to 5)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )

    def __init__(self, *args: Any, questionnaire: Questionnaire, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = questionnaire.groups.all()  # type: ignore[attr-defined]

    def spec(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "code": data["code"],
            "text": data["text"],
            "kind": data["kind"],
            "required": data["required"],
            "choices": data["choices"].splitlines(),
            "scale_labels": data["scale_labels"].splitlines(),
        }
