from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.params import to_int
from danvan.core.widgets import LongSelect
from danvan.orgs.fields import UnitChoiceField
from danvan.orgs.models import OrgUnit
from danvan.orgs.paths import SEGMENT_WIDTH
from danvan.plans.models import Plan, Task

from .models import Effectiveness, Exemplar, ExemplarField, ExemplarKind, ExemplarLevel, ReviewCycle
from .services import DOCUMENT_UPLOAD, PHOTO_UPLOAD, plans_for_unit, units_where

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ExemplarForm(forms.Form):
    # Every unit the official may register a model for: thousands for a province's officials.
    unit = UnitChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())
    title = forms.CharField(label=_("Name of the model"), max_length=300)
    kind = forms.ChoiceField(label=pgettext_lazy("exemplar", "Kind"), choices=ExemplarKind.choices)
    person_name = forms.CharField(
        label=_("Exemplary person (individual exemplar)"), max_length=200, required=False
    )
    field = forms.ChoiceField(
        label=pgettext_lazy("activity", "Field"), choices=ExemplarField.choices
    )
    level = forms.ChoiceField(
        label=pgettext_lazy("exemplar", "Level"), choices=ExemplarLevel.choices
    )
    # A province's officials see thousands of plans and tasks: written in one pass (LongSelect).
    plan = forms.ModelChoiceField(
        label=_("Plan it serves"), queryset=Plan.objects.none(), required=False,
        help_text=_("A plan of the unit or one addressed to it."), widget=LongSelect,
    )  # fmt: skip
    task = forms.ModelChoiceField(
        label=_("Task it serves"), queryset=Task.objects.none(), required=False,
        widget=LongSelect,
    )  # fmt: skip
    serves = forms.CharField(
        label=_("Note on the plan or task it serves"), max_length=300, required=False,
        help_text=_("What the link does not say, or a plan not recorded here."),
    )  # fmt: skip
    started_on = forms.DateField(label=_("Started on"), widget=DATE_WIDGET)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    evidence = forms.CharField(
        label=_("Results and evidence"), widget=forms.Textarea, required=False
    )
    registered_with = forms.CharField(label=_("Registered with"), max_length=200, required=False)
    registered_on = forms.DateField(label=_("Registered on"), widget=DATE_WIDGET, required=False)
    replicates = forms.ModelChoiceField(
        label=_("Replicates the model"), queryset=Exemplar.objects.none(), required=False,
        widget=LongSelect,
    )  # fmt: skip
    photos = MultipleFileField(
        label=_("Photos"), required=False,
        widget=MultipleFileInput(attrs={"accept": PHOTO_UPLOAD.accept}),
    )  # fmt: skip
    documents = MultipleFileField(
        label=_("Documents"), required=False,
        widget=MultipleFileInput(attrs={"accept": DOCUMENT_UPLOAD.accept}),
    )  # fmt: skip

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = units_where(user).order_by("path")
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        own = getattr(user, "org_unit_id", None)
        if own and "unit" not in self.initial and units.filter(pk=own).exists():
            self.initial["unit"] = own  # the official's own unit, the usual case
        self.user = user
        unit = self._chosen_unit()
        replicates = Exemplar.objects.visible_to(user).select_related("unit").order_by("title")
        if not self.is_bound:
            replicates = replicas_for(replicates, unit)
        self.fields["replicates"].queryset = replicates  # type: ignore[attr-defined]
        serving_choices(self, user, unit)
        # Choosing the unit reloads the plans and models it may name (exemplars:unit_choices).
        self.fields["unit"].widget.attrs.update(
            {
                "hx-get": reverse("exemplars:unit_choices"),
                "hx-target": "#id_plan",
                "hx-trigger": "change",
            }
        )

    def _chosen_unit(self) -> OrgUnit | None:
        chosen = self.data.get("unit") if self.is_bound else self.initial.get("unit")
        unit_id = to_int(getattr(chosen, "pk", chosen))
        return OrgUnit.objects.filter(pk=unit_id).first() if unit_id else None

    def full_clean(self) -> None:
        super().full_clean()
        unit = self._chosen_unit()
        field = self.fields["replicates"]
        field.queryset = replicas_for(field.queryset, unit)  # type: ignore[attr-defined]
        narrow_plans(self, unit)
        narrow_tasks(self)

    def exemplar_fields(self) -> dict[str, Any]:
        skip = {"unit", "photos", "documents", "replicates"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


def serving_choices(form: forms.Form, user: Any, unit: OrgUnit | None) -> None:
    """The plans and tasks the official may see (the service checks they concern the unit).

    The plan list holds the plans of the model's unit (its own, those addressed to it, those
    it has tasks in): the country's administrators see 21,577 plans.

    The task list holds the tasks of the chosen plan only: a province's officials see thousands
    of tasks (0.9 MB of options at national scale), and a task is looked for within its plan.
    Choosing a plan reloads the list (``exemplars:plan_tasks``, HTMX); a sent form is still
    checked against every task the official may see.
    """
    plans = Plan.objects.visible_to(user).order_by("-year_from", "title")
    form.fields["plan"].queryset = plans if form.is_bound else plans_of(plans, unit)  # type: ignore[attr-defined]
    tasks = Task.objects.visible_to(user).select_related("plan").order_by("plan_id", "id")
    task_field = form.fields["task"]
    chosen = form.data.get("plan") if form.is_bound else form.initial.get("plan")
    plan_id = to_int(getattr(chosen, "pk", chosen))
    if not form.is_bound:
        task_field.queryset = tasks.filter(plan_id=plan_id) if plan_id else tasks.none()  # type: ignore[attr-defined]
    else:
        task_field.queryset = tasks  # type: ignore[attr-defined]
    form.fields["plan"].widget.attrs.update(
        {
            "hx-get": reverse("exemplars:plan_tasks"),
            "hx-target": "#id_task",
            "hx-trigger": "change",
        }
    )


def plans_of(plans: Any, unit: OrgUnit | None) -> Any:
    """Of ``plans``, those of ``unit`` (none while no unit is chosen)."""
    if unit is None:
        return plans.none()
    return plans.filter(pk__in=plans_for_unit(unit).values("pk"))


def replicas_for(models: Any, unit: OrgUnit | None) -> Any:
    """Of ``models``, those a model of ``unit`` may replicate: its province's (the country
    holds 33,000 models; none while no unit is chosen)."""
    if unit is None:
        return models.none()
    return models.filter(unit__path__startswith=unit.path[:SEGMENT_WIDTH])


def narrow_plans(form: forms.Form, unit: OrgUnit | None) -> None:
    """After a sent form was checked, list again only the unit's plans."""
    field = form.fields["plan"]
    field.queryset = plans_of(field.queryset, unit)  # type: ignore[attr-defined]


def narrow_tasks(form: forms.Form) -> None:
    """After a sent form was checked, list again only the chosen plan's tasks."""
    field = form.fields["task"]
    plan_id = to_int(form.data.get("plan"))
    field.queryset = field.queryset.filter(plan_id=plan_id) if plan_id else field.queryset.none()  # type: ignore[attr-defined]


class ReviewForm(forms.Form):
    cycle = forms.ModelChoiceField(label=_("Review cycle"), queryset=ReviewCycle.objects.all())
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=DATE_WIDGET)
    effectiveness = forms.ChoiceField(label=_("Effectiveness"), choices=Effectiveness.choices)
    assessment = forms.CharField(label=_("Assessment"), widget=forms.Textarea(attrs={"rows": 3}))


class CommendationForm(forms.Form):
    awarded_by = forms.CharField(label=_("Awarded by"), max_length=200)
    form = forms.CharField(label=_("Form of commendation"), max_length=200)
    decision_number = forms.CharField(label=_("Decision number"), max_length=60)
    decided_on = forms.DateField(label=_("Decision date"), widget=DATE_WIDGET)


class ContestForm(forms.Form):
    contest = forms.CharField(label=_("Contest"), max_length=300)
    held_on = forms.DateField(label=_("Held on"), widget=DATE_WIDGET)
    result = forms.CharField(label=_("Result"), max_length=200, required=False)


class ExemplarEditForm(forms.Form):
    """The record's own fields; photos are added and replications linked elsewhere."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    title = ExemplarForm.base_fields["title"]
    kind = ExemplarForm.base_fields["kind"]
    person_name = ExemplarForm.base_fields["person_name"]
    field = ExemplarForm.base_fields["field"]
    level = ExemplarForm.base_fields["level"]
    plan = ExemplarForm.base_fields["plan"]
    task = ExemplarForm.base_fields["task"]
    serves = ExemplarForm.base_fields["serves"]
    started_on = ExemplarForm.base_fields["started_on"]
    description = ExemplarForm.base_fields["description"]
    evidence = ExemplarForm.base_fields["evidence"]
    registered_with = ExemplarForm.base_fields["registered_with"]
    registered_on = ExemplarForm.base_fields["registered_on"]

    def __init__(self, *args: Any, user: Any, unit: OrgUnit | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        serving_choices(self, user, unit)

    def full_clean(self) -> None:
        super().full_clean()
        narrow_plans(self, self.unit)
        narrow_tasks(self)
