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

from danvan.cli import main as cli
from danvan.dialogues.models import Conclusion, Dialogue
from danvan.hotspots.models import OpinionSignal
from danvan.ops import generate
from danvan.ops.generate import petitions as petitions_part
from danvan.ops.models import GeneratedPart
from danvan.participation.models import Comment, Consultation, Disclosure
from danvan.petitions.models import Petition

pytestmark = pytest.mark.django_db

CHEAP = "dialogues,hotspots,participation,petitions"


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
    }  # fmt: skip


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("generate", "--scale", "tiny", *args, stdout=out)
    return out.getvalue()


def forget(parts: list[str]) -> None:
    """Remove what the parts wrote (the units stay), as on a database they never reached."""
    Comment.objects.all().delete()
    Consultation.objects.all().delete()
    Disclosure.objects.all().delete()
    Conclusion.objects.all().delete()
    Dialogue.objects.all().delete()
    OpinionSignal.objects.all().delete()
    Petition.objects.all().delete()
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
    # Every petition is about a commune (the place), handled by it or the province above.
    assert not Petition.objects.exclude(place__kind="commune").exists()
    assert not Petition.objects.exclude(handling_unit__kind__in=["commune", "province"]).exists()
    assert "petitions" in first_output and "seconds" in first_output

    second_output = run("--only", CHEAP)
    assert fingerprint() == first
    assert second_output.count("skipped") >= 5  # orgs and the four parts, then the table

    forget(["dialogues", "hotspots", "participation", "petitions"])
    assert not Petition.objects.exists()
    run("--only", CHEAP)
    assert fingerprint() == first

    # Another seed writes other rows.
    forget(["dialogues", "hotspots", "participation", "petitions"])
    GeneratedPart.objects.filter(part="orgs").update(seed=7)
    run("--only", CHEAP, "--seed", "7")
    assert fingerprint()["petitions"] != first["petitions"]


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
    assert national.province is None and national.report_elements == 50


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
