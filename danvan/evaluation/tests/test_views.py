"""The round through its pages: open, self-assess, appraise with a reason, decide, download."""

from __future__ import annotations

import datetime as dt
import html
import io
import re

import pytest

from danvan.evaluation.models import Assessment, Criterion, Scheme
from danvan.testing.fixtures import Tree, official, signed_in
from danvan.testing.lists import total

from .support import make_scheme, make_task

pytestmark = pytest.mark.django_db


def test_round_through_the_pages(tree: Tree) -> None:
    runner = official("officer", tree.province, username="snv.vong")
    make_task(tree.commune, dt.date(2025, 3, 1), None)
    scheme = make_scheme(runner, tree.province)
    agency = signed_in(runner)
    assert agency.get(f"/evaluation/schemes/{scheme.pk}/").status_code == 200
    agency.post(
        f"/evaluation/schemes/{scheme.pk}/action/", {"action": "open", "version": scheme.version}
    )
    assert Assessment.objects.count() == 2
    a = Assessment.objects.get(unit=tree.commune)
    m = Criterion.objects.get(group__scheme=scheme, code="M")
    commune = signed_in(official("officer", tree.commune, username="xa.vong"))
    # a manual point without evidence is refused on the page too, and nothing is stored
    bad = commune.post(
        f"/evaluation/units/{a.pk}/self/",
        {"version": a.version, f"c{m.pk}-points": "70", "submit": "1"},
    )
    assert bad.status_code == 400 and "minh chứng" in bad.content.decode()
    ok = commune.post(
        f"/evaluation/units/{a.pk}/self/",
        {
            "version": a.version,
            f"c{m.pk}-points": "70",
            f"c{m.pk}-evidence": "Báo cáo 5/BC",
            "submit": "1",
            "comment": "Tự đánh giá",
        },
    )
    assert ok.status_code == 302
    # the commune sees its own scorecard, not the other commune's
    other = Assessment.objects.get(unit=tree.other_commune)
    assert commune.get(f"/evaluation/units/{other.pk}/").status_code == 404
    records = commune.get(
        f"/evaluation/units/{a.pk}/records/{Criterion.objects.get(group__scheme=scheme, code='NV').pk}/"
    )
    assert records.status_code == 200 and "Nhiệm vụ" in records.content.decode()
    scheme.refresh_from_db()
    agency.post(
        f"/evaluation/schemes/{scheme.pk}/action/",
        {"action": "appraisal", "version": scheme.version},
    )
    a.refresh_from_db()
    agency.post(
        f"/evaluation/units/{a.pk}/appraise/",
        {
            "version": a.version,
            "criterion": m.pk,
            "points": "60",
            "reason": "Thiếu minh chứng mô hình",
        },
    )
    card = agency.get(f"/evaluation/units/{a.pk}/").content.decode()
    assert "Thiếu minh chứng mô hình" in card
    scheme.refresh_from_db()
    agency.post(
        f"/evaluation/schemes/{scheme.pk}/action/",
        {
            "action": "decide",
            "version": scheme.version,
            "number": "45/QĐ-UBND",
            "decided_on": "2025-12-30",
        },
    )
    scheme.refresh_from_db()
    assert scheme.status == "decided"
    from docx import Document
    from openpyxl import load_workbook

    decision = agency.get(f"/evaluation/schemes/{scheme.pk}/decision.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(decision.content)).paragraphs)
    assert "QUYẾT ĐỊNH" in text and "Ủy ban nhân dân xã Hòa Bình" in text
    minutes = agency.get(f"/evaluation/schemes/{scheme.pk}/minutes.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(minutes.content)).paragraphs)
    assert "Thiếu minh chứng mô hình" in text
    book = load_workbook(
        io.BytesIO(agency.get(f"/evaluation/schemes/{scheme.pk}/points.xlsx").content)
    )
    assert book["Xếp hạng"].cell(row=4, column=2).value in {
        "Ủy ban nhân dân xã Hòa Bình",
        "Ủy ban nhân dân xã Tân Lập",
    }
    outsider = signed_in(official("officer", tree.other_province, username="ngoai.vong"))
    assert outsider.get(f"/evaluation/schemes/{scheme.pk}/").status_code == 404
    assert Scheme.objects.count() == 1


def test_dashboard_tile_counts_the_round(tree: Tree) -> None:
    runner = official("officer", tree.province, username="snv.tile")
    scheme = make_scheme(runner, tree.province, year=2026)
    from danvan.evaluation import services

    services.open_round(scheme, scheme.version, actor=runner)
    page = signed_in(runner).get("/dashboard/").content.decode()
    assert "Đánh giá, xếp loại đơn vị năm 2026" in page


_COUNT = re.compile(r'<a class="tile-count" href="([^"]+)">(\d+)</a>')


def test_each_tile_count_links_to_the_scorecards_it_counts(tree: Tree) -> None:
    """Units, self-assessed and by band: each count is the total of the list it links to, for
    the same reader; a commune's officer sees only its own scorecard counted and listed."""
    from danvan.evaluation import services

    runner = official("officer", tree.province, username="snv.tilelinks")
    scheme = make_scheme(runner, tree.province, year=2026)
    services.open_round(scheme, scheme.version, actor=runner)
    commune_officer = official("officer", tree.commune, username="xa.tilelinks")
    a = Assessment.objects.get(unit=tree.commune)
    m = Criterion.objects.get(code="M", group__scheme=scheme)
    services.self_assess(
        a,
        {m.pk: {"points": "70", "evidence": "Báo cáo số 12/BC-UBND"}},
        version=a.version,
        actor=commune_officer,
    )
    units = Assessment.objects.filter(scheme=scheme).count()
    for reader, expected in ((runner, units), (commune_officer, 1)):
        client = signed_in(reader)
        tile = re.search(r'aria-labelledby="tile-evaluation">.*?</section>', _page(client), re.S)
        assert tile is not None
        counts = [(html.unescape(h), int(n)) for h, n in _COUNT.findall(tile.group(0))]
        assert counts[0] == ("/evaluation/?year=2026", expected)
        assert ("/evaluation/?year=2026&status=self_assessed", 1) in counts
        for href, shown in counts:
            assert total(client.get(href).content.decode()) == shown, href
        assert not re.search(r"<td>\s*\d+\s*</td>", tile.group(0))


def _page(client) -> str:  # type: ignore[no-untyped-def]
    return client.get("/dashboard/").content.decode()
