"""Forms of the officer UI and the public portal (validation of shape; rules live in services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.orgs.fields import UnitChoiceField
from danvan.orgs.models import OrgUnit, OrgUnitKind

from .models import (
    Competence,
    Frequency,
    HostRole,
    PetitionKind,
    PetitionSource,
    ReceptionHandling,
    ReceptionPlace,
    RefusalGround,
    Topic,
)

DATE = forms.DateInput(attrs={"type": "date"})


class IntakeForm(forms.Form):
    handling_unit = UnitChoiceField(
        OrgUnit.objects.none(), labels="short", label=_("Handling unit")
    )
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    source = forms.ChoiceField(choices=PetitionSource.choices, label=_("Source"))
    kind = forms.ChoiceField(
        choices=[("", _("Not yet classified"))] + list(PetitionKind.choices),
        required=False,
        label=_("Kind of petition"),
    )
    topic = forms.ModelChoiceField(Topic.objects.all(), required=False, label=_("Topic"))
    place = UnitChoiceField(
        OrgUnit.objects.none(),
        required=False,
        label=_("Commune where the matter arises"),
        labels="short",
    )
    title = forms.CharField(max_length=255, label=_("Summary"))
    content = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), label=_("Content"))
    is_anonymous = forms.BooleanField(required=False, label=_("Sender unknown (anonymous)"))
    petitioner_name = forms.CharField(max_length=150, required=False, label=_("Petitioner's name"))
    petitioner_id_number = forms.CharField(
        max_length=20, required=False, label=_("Identity document number")
    )
    petitioner_address = forms.CharField(max_length=255, required=False, label=_("Address"))
    petitioner_phone = forms.CharField(max_length=30, required=False, label=_("Phone"))
    # The column is a PositiveSmallIntegerField: 32767 on PostgreSQL.
    crowd_size = forms.IntegerField(
        min_value=1, max_value=32767, initial=1, label=_("Number of people")
    )

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["handling_unit"].queryset = units  # type: ignore[attr-defined]
            self.fields["place"].queryset = units.filter(  # type: ignore[attr-defined]
                kind=OrgUnitKind.COMMUNE
            )


class ClassifyForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(choices=PetitionKind.choices, label=_("Kind of petition"))
    topic = forms.ModelChoiceField(Topic.objects.all(), required=False, label=_("Topic"))
    eligible = forms.TypedChoiceField(
        choices=[("1", _("Eligible for handling")), ("0", _("Not eligible"))],
        coerce=lambda v: v == "1",
        label=_("Eligibility"),
    )
    ineligible_reason = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Why not eligible")
    )
    competence = forms.ChoiceField(
        choices=[("", "—")] + list(Competence.choices), required=False, label=_("Competence")
    )
    transfer_to_name = forms.CharField(
        max_length=255, required=False, label=_("Competent body (for a transfer)")
    )
    instance = forms.TypedChoiceField(
        choices=[(1, _("First instance")), (2, _("Second instance"))],
        coerce=int,
        initial=1,
        label=_("Instance"),
    )
    is_complex = forms.BooleanField(required=False, label=_("Complex case"))
    is_especially_complex = forms.BooleanField(required=False, label=_("Especially complex case"))
    is_remote = forms.BooleanField(required=False, label=_("Remote area"))


class TransitionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    target = forms.CharField(widget=forms.HiddenInput)
    on = forms.DateField(required=False, widget=DATE, label=_("Date"))
    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Note")
    )
    answer = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label=_("Answer to the petitioner"),
    )


class ExtensionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision_number = forms.CharField(max_length=60, label=_("Decision number"))
    decision_date = forms.DateField(widget=DATE, label=_("Decision date"))
    ground = forms.ChoiceField(
        choices=[
            ("complex", _("Complex case (one extension)")),
            ("especially_complex", _("Especially complex case (up to two extensions)")),
        ],
        label=_("Ground"),
    )
    reason = forms.CharField(required=False, label=_("Reason"))


class ReceptionForm(forms.Form):
    unit = UnitChoiceField(OrgUnit.objects.none(), labels="short", label=_("Unit"))
    received_on = forms.DateField(widget=DATE, label=_("Date"))
    person_name = forms.CharField(max_length=255, label=_("Person(s) received"))
    id_document = forms.CharField(max_length=60, required=False, label=_("Identity document"))
    address = forms.CharField(max_length=255, required=False, label=_("Address"))
    content = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("Content"))
    documents_received = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Documents received")
    )
    receipt_number = forms.CharField(max_length=40, required=False, label=_("Receipt number"))
    group_size = forms.IntegerField(min_value=1, initial=1, label=_("Number of people"))
    representatives = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Representatives")
    )
    subject_kind = forms.ChoiceField(
        choices=[("", "—"), *PetitionKind.choices],
        required=False,
        label=_("Kind of matter"),
        help_text=_(
            "A denunciation keeps the person's identity confidential in the register (Luật Tố "
            "cáo 2018, Điều 47)."
        ),
    )
    handling = forms.ChoiceField(choices=ReceptionHandling.choices, label=_("Handling"))
    handling_note = forms.CharField(required=False, label=_("Handling details"))
    refusal_ground = forms.ChoiceField(
        choices=[("", "—")] + list(RefusalGround.choices), required=False, label=_("Refusal ground")
    )
    petition_title = forms.CharField(max_length=255, required=False, label=_("Petition summary"))

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units  # type: ignore[attr-defined]


WEEKDAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
WEEK_OF_MONTH_CHOICES = [("", "—"), (1, "1"), (2, "2"), (3, "3"), (4, "4"), (-1, _("Last"))]


class _ScheduleFields(forms.Form):
    """What every schedule form asks: who hosts, how often, on which day, from when."""

    # The first choice, as the select shows it before anything is chosen.
    host_role = forms.ChoiceField(
        choices=HostRole.choices, initial=HostRole.COMMUNE_CHAIRMAN, label=_("Host")
    )
    host_name = forms.CharField(max_length=200, label=_("Host's name and title"))
    frequency = forms.ChoiceField(choices=Frequency.choices, label=_("Frequency"))
    weekday = forms.TypedChoiceField(choices=WEEKDAY_CHOICES, coerce=int, label=_("Weekday"))
    week_of_month = forms.TypedChoiceField(
        choices=WEEK_OF_MONTH_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        label=_("Week of the month"),
        help_text=_("For a monthly schedule."),
    )
    valid_from = forms.DateField(widget=DATE, label=_("Valid from"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # HTMX: the note on a leader's own reception follows the host chosen (the page shows
        # it from the server without JavaScript).
        self.fields["host_role"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("petitions:schedule_host_note"),
                "hx-trigger": "change",
                "hx-target": "next .host-note",
                "hx-swap": "outerHTML",
            }
        )


class ScheduleForm(_ScheduleFields):
    unit = UnitChoiceField(OrgUnit.objects.none(), labels="short", label=_("Unit"))
    place_name = forms.CharField(max_length=200, label=_("Reception place"))
    place_address = forms.CharField(max_length=255, label=_("Address"))

    field_order = [
        "unit",
        "place_name",
        "place_address",
        "host_role",
        "host_name",
        "frequency",
        "weekday",
        "week_of_month",
        "valid_from",
    ]

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class ScheduleEditForm(_ScheduleFields):
    """Change a schedule of a unit; ``version`` is the one the page was drawn from."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    place = forms.ModelChoiceField(
        ReceptionPlace.objects.none(), required=False, label=_("Reception place")
    )
    new_place_name = forms.CharField(
        max_length=200,
        required=False,
        label=_("Or a new reception place"),
        help_text=_("Leave empty to keep the place chosen above."),
    )
    new_place_address = forms.CharField(
        max_length=255, required=False, label=_("Address of the new place")
    )
    valid_to = forms.DateField(
        widget=DATE,
        required=False,
        label=_("Last day"),
        help_text=_("Leave empty while the schedule stays in force."),
    )
    is_published = forms.BooleanField(required=False, label=_("Published on the portal"))

    field_order = [
        "version",
        "host_role",
        "host_name",
        "frequency",
        "weekday",
        "week_of_month",
        "place",
        "new_place_name",
        "new_place_address",
        "valid_from",
        "valid_to",
        "is_published",
    ]

    def __init__(self, *args: Any, places: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if places is not None:
            self.fields["place"].queryset = places  # type: ignore[attr-defined]


class ScheduleEndForm(forms.Form):
    """End a schedule on its last day of reception."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    valid_to = forms.DateField(widget=DATE, label=_("Last day"))


class PortalPetitionForm(forms.Form):
    """The citizen's form; ``website`` is a honeypot, ``started`` the signed fill-start time."""

    # Citizens are not signed in, so their list is never the officials' search; it holds one
    # province's authorities (the form asks for the province first).
    handling_unit = UnitChoiceField(
        OrgUnit.objects.none(),
        label=_("Send to"),
        empty_label=_("Choose the authority"),
        labels="short",
        searchable=False,
    )
    kind = forms.ChoiceField(choices=PetitionKind.choices, label=_("Kind of petition"))
    topic = forms.ModelChoiceField(
        Topic.objects.filter(is_public=True), required=False, label=_("Topic")
    )
    title = forms.CharField(max_length=255, label=_("Summary"))
    content = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), label=_("Content"))
    petitioner_name = forms.CharField(max_length=150, label=_("Your full name"))
    petitioner_id_number = forms.CharField(
        max_length=20, required=False, label=_("Citizen identity card number")
    )
    petitioner_address = forms.CharField(max_length=255, label=_("Your address"))
    petitioner_phone = forms.CharField(max_length=30, required=False, label=_("Phone"))
    # The column's 254 characters, not EmailField's default 320 (PostgreSQL refuses the rest).
    petitioner_email = forms.EmailField(max_length=254, required=False, label=_("E-mail"))
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["handling_unit"].queryset = units  # type: ignore[attr-defined]


class TrackForm(forms.Form):
    code = forms.CharField(max_length=16, label=_("Tracking code"))


#: The five levels of satisfaction, each with its words (the scale SIPAS and the surveys use).
RATING_LEVELS = [
    (1, _("1 – Very dissatisfied")),
    (2, _("2 – Dissatisfied")),
    (3, _("3 – Neither satisfied nor dissatisfied")),
    (4, _("4 – Satisfied")),
    (5, _("5 – Very satisfied")),
]


class RateForm(forms.Form):
    # Nothing chosen until the citizen chooses: the rating feeds satisfaction figures, and a
    # preselected level would count as an answer nobody gave.
    rating = forms.TypedChoiceField(
        choices=RATING_LEVELS,
        coerce=int,
        widget=forms.RadioSelect,
        label=_("Your rating"),
        error_messages={"required": _("Choose how satisfied you are with the answer.")},
    )
    comment = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=pgettext_lazy("citizen", "Comment"),
    )
