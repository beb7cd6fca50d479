"""Forms of the officer pages and of the public portal (services do the checking)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.orgs.fields import UnitChoiceField

from .models import (
    AnswerKind,
    BoardKind,
    Channel,
    ConsultationMatter,
    CritiqueAcceptance,
    DecisionMatter,
    DecisionMethod,
    DisclosureItem,
    Moderation,
    RecommendationState,
    StanceKind,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class Form(forms.Form):
    """Labels reuse the models' lower-case verbose names; on a form they start with a capital."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.label:
                field.label = capfirst(field.label)


class ChannelFields(Form):
    channel = forms.ChoiceField(label=_("channel"), choices=Channel.choices)
    starts_on = forms.DateField(label=_("from"), widget=DATE)
    ends_on = forms.DateField(label=_("until"), widget=DATE, required=False)
    place = forms.CharField(label=_("place or medium"), max_length=255, required=False)
    evidence = forms.FileField(label=_("evidence"), required=False)


class DisclosureForm(ChannelFields):
    owner = UnitChoiceField(label=_("owner unit"), queryset=None)  # type: ignore[arg-type]
    item = forms.ModelChoiceField(label=_("disclosure item"), queryset=DisclosureItem.objects.all())
    title = forms.CharField(label=_("what is disclosed"), max_length=300)
    document_reference = forms.CharField(label=_("document number"), max_length=120, required=False)
    decided_on = forms.DateField(label=_("date of the decision"), widget=DATE)
    text = forms.CharField(label=_("text disclosed"), widget=forms.Textarea, required=False)
    field_order = ["owner", "item", "title", "document_reference", "decided_on", "text"]

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = units  # type: ignore[attr-defined]


class ConsultationForm(Form):
    owner = UnitChoiceField(label=_("owner unit"), queryset=None)  # type: ignore[arg-type]
    matter = forms.ChoiceField(label=_("matter (Article 25)"), choices=ConsultationMatter.choices)
    title = forms.CharField(label=_("title of the draft"), max_length=300)
    plan = forms.CharField(label=_("consultation plan"), widget=forms.Textarea, required=False)
    draft = forms.CharField(
        label=_("text of the draft"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Separate paragraphs with an empty line; «Chương», «Điều» start a heading."),
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = units  # type: ignore[attr-defined]


class PublishForm(Form):
    opens_on = forms.DateField(label=_("published on"), widget=DATE)
    closes_on = forms.DateField(label=_("comments close on"), widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput)


class DecisionNoteForm(Form):
    note = forms.CharField(
        label=_("why the decision differs from the majority"), widget=forms.Textarea
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ModerateForm(Form):
    status = forms.ChoiceField(
        label=_("moderation"), choices=[c for c in Moderation.choices if c[0] != "pending"]
    )
    reason = forms.CharField(label=_("moderation reason"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class AnswerForm(Form):
    kind = forms.ChoiceField(label=_("answer"), choices=AnswerKind.choices)
    text = forms.CharField(label=_("answer text"), widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class DecisionForm(Form):
    village = UnitChoiceField(label=_("village or residential group"), queryset=None)  # type: ignore[arg-type]
    matter = forms.ModelChoiceField(label=_("matter"), queryset=DecisionMatter.objects.all())
    title = forms.CharField(label=_("what was decided"), max_length=300)
    method = forms.ChoiceField(label=_("method"), choices=DecisionMethod.choices)
    noticed_on = forms.DateField(label=_("notice given on"), widget=DATE)
    # Not the dialogue's "held on" (ngày đối thoại): the village meets or the households vote.
    held_on = forms.DateField(label=pgettext_lazy("community decision", "held on"), widget=DATE)
    households_total = forms.IntegerField(label=_("households in the village"), min_value=0)
    households_opted_in = forms.IntegerField(
        label=_("households registered for online voting"), min_value=0, initial=0
    )
    ballots = forms.IntegerField(label=_("households voting"), min_value=0)
    votes_for = forms.IntegerField(label=_("households in favour"), min_value=0)
    votes_against = forms.IntegerField(label=_("households against"), min_value=0, initial=0)
    chaired_by = forms.CharField(label=_("chaired by"), max_length=200, required=False)
    record = forms.CharField(
        label=_("record of the proceedings"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = units  # type: ignore[attr-defined]


class RoundForm(Form):
    owner = UnitChoiceField(label=_("supervising unit"), queryset=None)  # type: ignore[arg-type]
    supervised_unit = UnitChoiceField(label=_("unit supervised"), queryset=None)  # type: ignore[arg-type]
    topic = forms.CharField(label=_("topic of the supervision"), max_length=300)
    starts_on = forms.DateField(label=_("from"), widget=DATE)
    ends_on = forms.DateField(label=_("until"), widget=DATE)

    def __init__(self, *args: Any, units: Any, targets: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = units  # type: ignore[attr-defined]
        self.fields["supervised_unit"].queryset = targets  # type: ignore[attr-defined]


class RecommendationForm(Form):
    text = forms.CharField(label=_("recommendation"), widget=forms.Textarea(attrs={"rows": 3}))
    answering_unit = UnitChoiceField(label=_("unit that must answer"), queryset=None)  # type: ignore[arg-type]
    made_on = forms.DateField(label=_("made on"), widget=DATE)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["answering_unit"].queryset = units  # type: ignore[attr-defined]


class RecommendationAnswerForm(Form):
    answer = forms.CharField(label=_("answer"), widget=forms.Textarea(attrs={"rows": 4}))
    state = forms.ChoiceField(
        label=_("state"), choices=[c for c in RecommendationState.choices if c[0] != "not_answered"]
    )
    answered_on = forms.DateField(label=_("answered on"), widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput)


# --- portal ----------------------------------------------------------------------------------


class ContactForm(Form):
    contact = forms.CharField(
        label=_("Your phone number or e-mail"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "email"}),
    )
    website = forms.CharField(required=False, label=_("Leave this field empty"))  # honeypot


class CodeForm(Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class CommentForm(Form):
    paragraph = forms.IntegerField(required=False, widget=forms.HiddenInput)
    stance = forms.ChoiceField(
        label=_("Do you agree?"),
        choices=[("", _("No opinion")), *StanceKind.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    author_name = forms.CharField(label=_("Name shown (optional)"), max_length=120, required=False)
    email = forms.EmailField(label=_("E-mail to receive the answer (optional)"), required=False)
    website = forms.CharField(required=False, label=_("Leave this field empty"))  # honeypot


class BoardForm(Form):
    owner = UnitChoiceField(label=_("owner unit"), queryset=None)  # type: ignore[arg-type]
    kind = forms.ChoiceField(label=pgettext_lazy("board", "kind"), choices=BoardKind.choices)
    name = forms.CharField(label=pgettext_lazy("board", "name"), max_length=300)
    project = forms.CharField(label=_("project supervised"), max_length=300, required=False)
    term_starts = forms.DateField(label=_("term starts on"), widget=DATE)
    term_ends = forms.DateField(label=_("term ends on"), widget=DATE)
    staff_count = forms.IntegerField(label=_("staff of the agency"), min_value=0, initial=0)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = units  # type: ignore[attr-defined]


class MemberForm(Form):
    name = forms.CharField(label=pgettext_lazy("person", "name"), max_length=200)
    village = UnitChoiceField(
        label=_("village or residential group"),
        queryset=None,  # type: ignore[arg-type]
        required=False,
    )
    position = forms.CharField(
        label=pgettext_lazy("job title", "position"), max_length=100, required=False
    )
    commune_official = forms.BooleanField(label=_("official of the commune"), required=False)
    term_ends = forms.DateField(label=_("member's term ends on"), widget=DATE, required=False)

    def __init__(self, *args: Any, villages: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages  # type: ignore[attr-defined]


class FindingForm(Form):
    text = forms.CharField(
        label=_("finding or recommendation"), widget=forms.Textarea(attrs={"rows": 3})
    )
    sent_on = forms.DateField(label=_("sent on"), widget=DATE)
    inspection_plan: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("inspection plan"),
        queryset=None,  # type: ignore[arg-type]
        required=False,
    )

    def __init__(self, *args: Any, plans: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["inspection_plan"].queryset = plans  # type: ignore[attr-defined]


class InspectionPlanForm(Form):
    subject = forms.CharField(label=_("what is inspected"), max_length=300)
    starts_on = forms.DateField(label=_("from"), widget=DATE)
    ends_on = forms.DateField(label=_("until"), widget=DATE)
    sent_on = forms.DateField(label=_("sent to the commune on"), widget=DATE)


class VillageHeadTermForm(Form):
    village = UnitChoiceField(
        label=_("village or residential group"),
        queryset=None,  # type: ignore[arg-type]
    )
    head_name = forms.CharField(label=_("village head"), max_length=200)
    starts_on = forms.DateField(label=_("term starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("term ends on"), widget=DATE)

    def __init__(self, *args: Any, villages: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages  # type: ignore[attr-defined]


class CritiqueForm(Form):
    owner = UnitChoiceField(
        label=_("Front committee that critiques"),
        queryset=None,  # type: ignore[arg-type]
    )
    drafting_unit = UnitChoiceField(
        label=_("unit whose draft is critiqued"),
        queryset=None,  # type: ignore[arg-type]
    )
    draft_title = forms.CharField(label=_("draft"), max_length=300)
    draft_received_on = forms.DateField(label=_("draft received on"), widget=DATE)
    submission_on = forms.DateField(label=_("to be submitted on"), widget=DATE)
    text = forms.CharField(label=_("critique"), widget=forms.Textarea(attrs={"rows": 5}))
    sent_on = forms.DateField(label=_("critique sent on"), widget=DATE)
    accept_late_draft = forms.BooleanField(
        label=_("The draft came late; the Front critiqued it anyway"), required=False
    )

    def __init__(self, *args: Any, units: Any, targets: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = units  # type: ignore[attr-defined]
        self.fields["drafting_unit"].queryset = targets  # type: ignore[attr-defined]


class CritiqueAnswerForm(Form):
    acceptance = forms.ChoiceField(label=_("acceptance"), choices=CritiqueAcceptance.choices)
    answer = forms.CharField(label=_("answer"), widget=forms.Textarea(attrs={"rows": 4}))
    reasons_not_accepted = forms.CharField(
        label=_("reasons for what is not accepted"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    answered_on = forms.DateField(label=_("answered on"), widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput)


class YearEndMeetingForm(Form):
    owner = UnitChoiceField(label=_("commune"), queryset=None)  # type: ignore[arg-type]
    village = UnitChoiceField(
        label=_("village or residential group"),
        queryset=None,  # type: ignore[arg-type]
        required=False,
        help_text=_("Empty: a meeting of the whole commune."),
    )
    held_on = forms.DateField(label=pgettext_lazy("year-end meeting", "held on"), widget=DATE)
    minutes = forms.CharField(label=_("minutes"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: Any, units: Any, villages: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = units  # type: ignore[attr-defined]
        self.fields["village"].queryset = villages  # type: ignore[attr-defined]


class FindingAnswerForm(Form):
    finding = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(label=_("answer"), widget=forms.Textarea(attrs={"rows": 3}))
    answered_on = forms.DateField(label=_("answered on"), widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ProgrammeForm(Form):
    owner = UnitChoiceField(label=_("owner unit"), queryset=None)  # type: ignore[arg-type]
    title = forms.CharField(label=pgettext_lazy("programme", "title"), max_length=300)
    parties = forms.CharField(label=_("parties"), max_length=500)
    starts_on = forms.DateField(label=_("from"), widget=DATE)
    ends_on = forms.DateField(label=_("until"), widget=DATE)
    signed_on = forms.DateField(label=_("signed on"), widget=DATE, required=False)
    document_reference = forms.CharField(label=_("document number"), max_length=120, required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = units  # type: ignore[attr-defined]
