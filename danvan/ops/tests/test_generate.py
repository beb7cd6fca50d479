"""``danvan generate``: deterministic, resumable (a second run adds nothing, an interrupted one
goes on without doubling), refuses a bad scale in Vietnamese with a non-zero exit.

At the tests' own ``tiny`` scale (three communes of Cao Bằng) on whichever database the run uses
(SQLite, or PostgreSQL through COPY).
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db.models import QuerySet

from danvan.accounts.models import User
from danvan.cli import main as cli
from danvan.dialogues.models import Conclusion, Dialogue
from danvan.exemplars.models import Commendation, Exemplar, Review
from danvan.hotspots.models import HotspotCase, OpinionSignal
from danvan.inspections.models import Finding, FindingReport, InspectionPlan, InspectionRound
from danvan.ops import generate
from danvan.ops.generate import petitions as petitions_part
from danvan.ops.generate import reporting as reporting_part
from danvan.ops.models import GeneratedPart
from danvan.participation.models import Comment, Consultation, Disclosure
from danvan.petitions.models import Petition
from danvan.training.models import Attendance, TrainingClass

pytestmark = pytest.mark.django_db

CHEAP = "dialogues,hotspots,hotspot_cases,participation,petitions,exemplars,training,inspections"
CHEAP_PARTS = CHEAP.split(",")


def fingerprint() -> dict[str, Any]:
    """What the cheap parts wrote: counts and content (not ids, which a rerun does not reuse)."""
    return {
        "dialogues": sorted(
            Dialogue.objects.values_list("owner__key", "held_on", "topic", "citizens_count")
        ),
        "conclusions": Conclusion.objects.count(),
        "signals": sorted(OpinionSignal.objects.values_list("place__key", "observed_on", "summary")),
        "disclosures": sorted(Disclosure.objects.values_list("owner__key", "item__code", "decided_on")),
        "comments": sorted(Comment.objects.values_list("text", "status", "contact_hash")),
        "petitions": sorted(
            Petition.objects.values_list(
                "tracking_code", "place__key", "handling_unit__key", "received_on", "state",
                "petitioner_name", "name_key", "search_text",
            )
        ),
        "cases": sorted(
            HotspotCase.objects.values_list(
                "place__key", "topic__code", "window_end", "status", "confirmed_at", "resolved_on",
            )
        ),
        "exemplars": sorted(
            Exemplar.objects.values_list(
                "unit__key", "title", "field", "level", "started_on", "replicates__title",
            )
        ),
        "reviews": sorted(Review.objects.values_list("exemplar__title", "reviewed_on", "effectiveness")),
        "commendations": sorted(Commendation.objects.values_list("exemplar__title", "decided_on")),
        "officials": sorted(
            User.objects.filter(username__startswith="sinh.").values_list(
                "username", "full_name", "position", "org_unit__key",
            )
        ),
        "trainings": sorted(TrainingClass.objects.values_list("organiser__key", "topic", "starts_on")),
        "attendance": sorted(
            Attendance.objects.values_list("training__topic", "official__username", "completed")
        ),
        "rounds": sorted(
            InspectionRound.objects.values_list("plan__year", "title", "starts_on", "ends_on")
        ),
        "findings": sorted(
            Finding.objects.values_list(
                "round__title", "responsible_unit__key", "recommendation", "due_on", "status",
            )
        ),
        "finding_reports": sorted(FindingReport.objects.values_list("finding__round__title", "at", "closes")),
    }  # fmt: skip


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("generate", "--scale", "tiny", *args, stdout=out)
    return out.getvalue()


def forget(parts: list[str]) -> None:
    """Remove what the parts wrote (the units stay), as on a database they never reached."""
    rows: dict[str, list[QuerySet[Any]]] = {
        "dialogues": [Conclusion.objects.all(), Dialogue.objects.all()],
        "hotspots": [OpinionSignal.objects.all()],
        "hotspot_cases": [HotspotCase.objects.all()],
        "participation": [Comment.objects.all(), Consultation.objects.all(), Disclosure.objects.all()],
        "petitions": [Petition.objects.all()],
        "exemplars": [Exemplar.objects.all()],
        "training": [
            Attendance.objects.all(), TrainingClass.objects.all(),
            User.objects.filter(username__startswith="sinh."),
        ],
        "inspections": [InspectionPlan.objects.all()],
    }  # fmt: skip
    for name in parts:
        for queryset in rows[name]:
            queryset.delete()
    GeneratedPart.objects.filter(part__in=parts).delete()


def test_second_run_adds_nothing_and_the_same_seed_writes_the_same_rows() -> None:
    first_output = run("--only", CHEAP)
    first = fingerprint()
    size = generate.SIZES["tiny"]
    assert len(first["petitions"]) == size.petitions
    assert len(first["dialogues"]) == 3 * len(size.years) * size.dialogues_per_commune_year
    assert len(first["signals"]) == 3 * len(size.years) * size.hotspots_per_commune_year
    assert len(first["comments"]) == 3 * len(size.years) * size.comments_per_consultation
    assert first["disclosures"] and first["conclusions"]
    assert first["cases"] and first["exemplars"] and first["reviews"]
    assert first["rounds"] and first["findings"] and first["finding_reports"]
    assert len(first["officials"]) == 3 * size.officials_per_commune
    assert len(first["trainings"]) == len(size.years) * size.trainings_per_province_year
    assert first["attendance"]
    # Every petition is about a commune (the place), handled by it or the province above.
    assert not Petition.objects.exclude(place__kind="commune").exists()
    assert not Petition.objects.exclude(handling_unit__kind__in=["commune", "province"]).exists()
    assert "petitions" in first_output and "seconds" in first_output

    second_output = run("--only", CHEAP)
    assert fingerprint() == first
    assert second_output.count("skipped") >= 1 + len(CHEAP_PARTS)  # orgs and each part

    forget(CHEAP_PARTS)
    assert not Petition.objects.exists()
    run("--only", CHEAP)
    assert fingerprint() == first

    # Another seed writes other rows.
    forget(CHEAP_PARTS)
    GeneratedPart.objects.filter(part="orgs").update(seed=7)
    run("--only", CHEAP, "--seed", "7")
    other = fingerprint()
    for key in ("petitions", "exemplars", "officials", "findings"):
        assert other[key] != first[key], key


def test_an_interrupted_part_goes_on_without_doubling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(petitions_part, "CHUNK", 10)
    real = petitions_part._petitions
    calls = {"n": 0}

    def failing(ctx: Any, communes: Any, start: int, count: int) -> Any:
        if start == 20 and calls["n"] == 0:
            calls["n"] += 1
            raise KeyboardInterrupt  # the operator pressed Ctrl-C in the third chunk
        return real(ctx, communes, start, count)

    monkeypatch.setattr(petitions_part, "_petitions", failing)
    with pytest.raises(KeyboardInterrupt):
        run("--only", "petitions")
    assert Petition.objects.count() == 20  # two chunks committed, the third rolled back
    assert not GeneratedPart.objects.filter(part="petitions", chunk="").exists()

    run("--only", "petitions")
    codes = list(Petition.objects.values_list("tracking_code", flat=True))
    assert len(codes) == len(set(codes)) == generate.SIZES["tiny"].petitions
    interrupted = fingerprint()["petitions"]

    Petition.objects.all().delete()
    GeneratedPart.objects.filter(part="petitions").delete()
    monkeypatch.setattr(petitions_part, "_petitions", real)
    run("--only", "petitions")
    assert fingerprint()["petitions"] == interrupted  # as if never interrupted


@pytest.mark.parametrize("name", ["exemplars", "training", "inspections", "hotspot_cases"])
def test_an_interrupted_new_part_leaves_nothing_and_writes_the_same_rows_after(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("--only", "orgs,hotspots")
    empty = fingerprint()
    run("--only", name)
    clean = fingerprint()
    assert clean != empty
    forget([name])
    assert fingerprint() == empty

    # Ctrl-C as the part's one chunk (tiny: one province) is being recorded, every row of it
    # written: the chunk rolls back whole.
    manager = GeneratedPart.objects
    real = manager.create

    def failing(**fields: Any) -> Any:
        if fields.get("part") == name and fields.get("chunk"):
            raise KeyboardInterrupt
        return real(**fields)

    monkeypatch.setattr(manager, "create", failing)
    with pytest.raises(KeyboardInterrupt):
        run("--only", name)
    monkeypatch.undo()
    assert fingerprint() == empty
    assert not GeneratedPart.objects.filter(part=name).exists()

    run("--only", name)
    assert fingerprint() == clean  # as if never interrupted


def test_the_new_parts_hang_together() -> None:
    """Realistic links: what each new part writes refers to the right units and rows."""
    run("--only", "exemplars,training,inspections,hotspot_cases")
    size = generate.SIZES["tiny"]
    last = size.years[-1]
    # Each finding is addressed to a commune its round inspected; answered and closed findings
    # carry the commune's report, closed ones a closing note.
    for finding in Finding.objects.select_related("round"):
        assert finding.round.units.filter(pk=finding.responsible_unit_id).exists()
        reports = list(finding.reports.values_list("closes", flat=True))
        assert reports == {"open": [], "answered": [False], "closed": [False, True]}[finding.status]
        assert (finding.closed_on is not None) == (finding.status == "closed")
    # An attendance is of an official of a commune of the province that held the class, at the
    # official's own unit and position; an official attends one class a year at most.
    for a in Attendance.objects.select_related("official", "training__organiser"):
        assert a.unit_id == a.official.org_unit_id and a.position == a.official.position
        unit = a.official.org_unit
        assert unit is not None and unit.path.startswith(a.training.organiser.path)
    years = Attendance.objects.values_list("official_id", "training__starts_on__year")
    assert len(list(years)) == len(set(years))
    generated = User.objects.filter(username__startswith="sinh.").first()
    assert generated is not None and not generated.has_usable_password()
    # Only the last year's hot spots are still open; a replica copies an earlier model.
    assert (
        not HotspotCase.objects.filter(status="confirmed").exclude(window_end__year=last).exists()
    )
    for e in Exemplar.objects.exclude(replicates=None).select_related("replicates"):
        original = e.replicates
        assert original is not None
        assert original.started_on < e.started_on and original.field == e.field


def test_report_values_copy_their_submission() -> None:
    """One value per element of every submission, its copied columns those of the submission
    (``DataValue.of`` here and in the demo; the server's ``INSERT … SELECT`` on PostgreSQL)."""
    from danvan.reporting.models import DataElement, DataValue, Submission

    run("--only", "reporting")
    submissions = {s.pk: s for s in Submission.objects.select_related("unit")}
    elements = DataElement.objects.filter(form__code=reporting_part.FORM_CODE).count()
    assert elements == generate.SIZES["tiny"].report_elements
    assert DataValue.objects.count() == len(submissions) * elements > 0
    for v in DataValue.objects.all():
        s = submissions[v.submission_id]
        assert (v.form_id, v.period, v.unit_id, v.path, v.approved) == (
            s.form_id, s.period, s.unit_id, s.unit.path, s.status == "approved",
        )  # fmt: skip
        assert v.value == reporting_part.value_of(s.pk, v.element_id)


def test_a_bad_scale_or_part_is_refused_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command("generate", "--scale", "huge")
    with pytest.raises(CommandError, match="Không có phần: nothing"):
        call_command("generate", "--scale", "small", "--only", "nothing")
    with pytest.raises(CommandError, match="số nguyên"):
        call_command("generate", "--scale", "small", "--seed", "abc")
    with pytest.raises(SystemExit) as exit_:
        cli(["danvan", "generate", "--scale", "huge"])
    assert exit_.value.code != 0
    assert "Quy mô «huge» không hợp lệ" in capsys.readouterr().err
    assert not GeneratedPart.objects.exists()


def test_the_benchmarks_read_the_same_table() -> None:
    assert generate.SCALES == ("small", "province", "national")
    national = generate.SIZES["national"]
    assert national.petitions == 2_500_000 and national.tasks == 500_000
    assert national.province is None
    # The 12 million report values: the national run wrote 216,776 submissions of five
    # years (docs/performance.md), each with one value per element.
    assert 216_776 * national.report_elements >= 12_000_000


def test_two_runs_at_once_are_refused_on_postgresql() -> None:
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("SQLite locks the whole file")
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [generate.LOCK_KEY])
        with pytest.raises(CommandError, match="đang chạy"):
            call_command("generate", "--scale", "tiny", "--only", "orgs")
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [generate.LOCK_KEY])
    finally:
        other.close()
