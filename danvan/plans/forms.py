from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.orgs.fields import UnitChoiceField, UnitsChoiceField
from danvan.orgs.models import OrgUnit, OrgUnitKind

from .models import Plan, PlanKind, Recurrence, ReportingPeriod, Task, TaskStatus
from .services import TASK_EVIDENCE

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReminderDaysField(forms.CharField):
    """Shown as «7 ngày và 0 ngày»; the service reads the numbers whatever the separators."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Reminder days before a due date"))
        kwargs.setdefault("max_length", 80)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        from .models.plans import reminder_days_label

        if isinstance(value, str) and re.fullmatch(r"\s*\d+(\s*,\s*\d+)*\s*", value):
            return reminder_days_label(value.replace(" ", ""))
        return value


class PlanFieldsForm(forms.Form):
    """The plan's own fields on the review page."""

    title = forms.CharField(label=_("Title (trích yếu)"), widget=forms.Textarea(attrs={"rows": 2}))
    number = forms.CharField(label=_("Number and symbol"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=PlanKind.choices)
    year_from = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    year_to = forms.IntegerField(label=_("Last year"), min_value=2000, max_value=2100)
    issued_on = forms.DateField(label=_("Issued on"), required=False, widget=DATE)
    purpose = forms.CharField(
        label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    requirements = forms.CharField(
        label=_("Requirements"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reminder_days = ReminderDaysField(initial="7,0")


class TaskRowForm(forms.Form):
    include = forms.BooleanField(label=_("Keep"), required=False, initial=True)
    group = forms.CharField(label=_("Group"), required=False, widget=forms.HiddenInput)
    title = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 2}))
    lead_unit = UnitChoiceField(
        labels="short", label=_("Lead unit"), queryset=OrgUnit.objects.none(), required=False
    )
    lead_text = forms.CharField(required=False, widget=forms.HiddenInput)
    supporting_units = forms.CharField(required=False, widget=forms.HiddenInput)
    supporting_text = forms.CharField(required=False, widget=forms.HiddenInput)
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DATE)
    recurrence = forms.ChoiceField(
        label=_("Recurrence"), choices=Recurrence.choices, required=False
    )
    recur_day = forms.IntegerField(label=_("Day"), min_value=1, max_value=31, required=False)
    recur_month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12, required=False)
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100, initial=1)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["lead_unit"].queryset = units  # type: ignore[attr-defined]

    def supporting_ids(self) -> list[int]:
        raw = self.cleaned_data.get("supporting_units") or ""
        return [int(p) for p in str(raw).split(",") if p.strip().isdigit()]


class TargetRowForm(forms.Form):
    include = forms.BooleanField(label=_("Keep"), required=False, initial=True)
    text = forms.CharField(label=_("Target"), widget=forms.Textarea(attrs={"rows": 2}))
    value = forms.DecimalField(label=_("Value"), required=False, max_digits=14, decimal_places=2)
    unit_label = forms.CharField(label=_("Unit of measure"), max_length=80, required=False)


class BudgetRowForm(forms.Form):
    """A sum of money the document budgets, proposed as a budget line of the plan."""

    include = forms.BooleanField(label=_("Keep"), required=False, initial=True)
    item = forms.CharField(label=_("Item"), max_length=255)
    amount = forms.IntegerField(label=_("Amount (đồng)"), min_value=0, max_value=10**15)
    source = forms.CharField(label=_("Source of funds"), max_length=255, required=False)


class ReportingRowForm(forms.Form):
    include = forms.BooleanField(label=_("Keep"), required=False, initial=True)
    period = forms.ChoiceField(label=_("Period"), choices=ReportingPeriod.choices)
    recipient = forms.CharField(label=_("Report to"), max_length=255, required=False)
    due_day = forms.IntegerField(label=_("Day"), min_value=1, max_value=31, required=False)
    due_month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12, required=False)
    text = forms.CharField(required=False, widget=forms.HiddenInput)


KIND_CHOICES = [
    (OrgUnitKind.DEPARTMENT.value, _("Provincial departments and agencies")),
    (OrgUnitKind.COMMUNE.value, _("Communes and wards")),
    (OrgUnitKind.PROVINCE.value, _("Provinces")),
]


class CascadeForm(forms.Form):
    enabled = forms.BooleanField(
        label=_("Require the units below to issue their own implementing plan"), required=False
    )
    kinds = forms.MultipleChoiceField(
        label=_("Addressed units"),
        choices=KIND_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    due_on = forms.DateField(label=_("Issue their plan by"), required=False, widget=DATE)
    root = UnitChoiceField(
        labels="short",
        label=_("Within the subtree of"),
        queryset=OrgUnit.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, roots: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if roots is not None:
            self.fields["root"].queryset = roots  # type: ignore[attr-defined]
        else:
            del self.fields["root"]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": TASK_EVIDENCE.accept}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class TaskUpdateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)
    percent = forms.IntegerField(
        label=_("Progress (%)"),
        help_text=_("From 0 to 100."),
        widget=forms.NumberInput(attrs={"min": 0, "max": 100}),
    )
    evidence = forms.CharField(
        label=_("Evidence (what was done)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
    attachments = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        help_text=_("PDF, Word, Excel, OpenDocument or photos."),
    )


class SubmitPlanForm(forms.Form):
    file = forms.FileField(
        label=_("File of your unit's issued plan"),
        help_text=_(
            "Word (.docx, .doc), PDF with a text layer, OpenDocument (.odt) or plain text."
        ),
    )
    issued_on = forms.DateField(
        label=_("Issued on"),
        required=False,
        widget=DATE,
        help_text=_("Leave empty to use the date printed in the document."),
    )


class NewTaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 2}))
    lead_unit = UnitChoiceField(
        labels="short", label=_("Lead unit"), queryset=OrgUnit.objects.none(), required=False
    )
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DATE)
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100, initial=1)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["lead_unit"].queryset = units  # type: ignore[attr-defined]


class PlanEditForm(forms.Form):
    """A plan's own fields, edited by its owners; ``version`` guards concurrent edits."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title (trích yếu)"), widget=forms.Textarea(attrs={"rows": 2}))
    number = forms.CharField(label=_("Number and symbol"), max_length=100, required=False)
    year_from = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    year_to = forms.IntegerField(label=_("Last year"), min_value=2000, max_value=2100)
    parent = forms.ModelChoiceField(
        label=_("Parent plan"), queryset=Plan.objects.none(), required=False
    )
    purpose = forms.CharField(
        label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    requirements = forms.CharField(
        label=_("Requirements"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reminder_days = ReminderDaysField()

    def __init__(self, *args: Any, plans: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if plans is not None:
            self.fields["parent"].queryset = plans  # type: ignore[attr-defined]


class TaskChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.title)[:100]


class TaskEditForm(forms.Form):
    """What a task is, edited by the plan's owners; ``version`` guards concurrent edits."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 2}))
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    parent = TaskChoiceField(
        label=_("Parent task"),
        queryset=Task.objects.none(),
        required=False,
        empty_label=_("— none (a top-level task) —"),
    )
    lead_unit = UnitChoiceField(
        labels="short", label=_("Lead unit"), queryset=OrgUnit.objects.none(), required=False
    )
    supporting_units = UnitsChoiceField(
        labels="short",
        label=_("Supporting units"),
        queryset=OrgUnit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (or Cmd) to choose several units."),
    )
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DATE)
    recurrence = forms.ChoiceField(
        label=_("Recurrence"), choices=Recurrence.choices, required=False
    )
    recur_day = forms.IntegerField(label=_("Day"), min_value=1, max_value=31, required=False)
    recur_month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12, required=False)
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100)

    def __init__(self, *args: Any, units: Any = None, tasks: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["lead_unit"].queryset = units  # type: ignore[attr-defined]
            self.fields["supporting_units"].queryset = units  # type: ignore[attr-defined]
        if tasks is not None:
            self.fields["parent"].queryset = tasks  # type: ignore[attr-defined]


class TargetForm(forms.Form):
    """A quantified target and the result achieved so far (inline on the plan page)."""

    text = forms.CharField(label=_("Target"), widget=forms.Textarea(attrs={"rows": 2}))
    value = forms.DecimalField(
        label=_("Target value"), required=False, max_digits=14, decimal_places=2, min_value=0
    )
    unit_label = forms.CharField(label=_("Unit of measure"), max_length=80, required=False)
    achieved = forms.DecimalField(
        label=_("Achieved"), required=False, max_digits=14, decimal_places=2, min_value=0
    )


class AmountField(forms.Field):
    """An amount of đồng written as officials write it: "125.500.000", "125 500 000"."""

    default_error_messages = {
        "invalid": _("Enter the amount in đồng as a whole number, e.g. 125.500.000."),
    }

    widget = forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 30})

    def to_python(self, value: Any) -> Any:
        text = str(value or "").strip()
        for mark in (".", ",", " ", "\u00a0", "đồng", "đ", "VND", "vnd"):
            text = text.replace(mark, "")
        if not text:
            return None
        if not text.isdigit():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(text)


class BudgetLineForm(forms.Form):
    """A line of the plan's budget in đồng (inline on the plan page)."""

    item = forms.CharField(label=_("Item"), max_length=255)
    amount = AmountField(label=_("Amount (VND)"))
    source = forms.CharField(label=_("Source of funds"), max_length=255, required=False)
