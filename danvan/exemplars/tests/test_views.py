"""Pages of the three modules: forms go through the services, links are followable, bad input
shows the Vietnamese message and writes nothing, the portal shows only commended models."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from danvan.accounts.models import Role, User
from danvan.exemplars.models import Commendation, Exemplar, Review
from danvan.inspections.models import Finding
from danvan.inspections.tests.support import make_finding, make_round
from danvan.testing.crawl import crawl
from danvan.testing.factories import UserFactory
from danvan.testing.fixtures import Tree, official, signed_in
from danvan.training.models import Attendance
from danvan.training.tests.support import make_training

from .support import PNG, make_exemplar

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_two_factor(db: None) -> None:
    Role.objects.update(require_two_factor=False)


def test_an_officer_registers_a_model_with_a_photo_and_reviews_it(
    tree: Tree, commune_officer: User
) -> None:
    client = signed_in(commune_officer)
    assert client.get("/exemplars/new/").status_code == 200
    response = client.post("/exemplars/new/", {
        "unit": tree.commune.pk, "title": "Tổ tự quản", "kind": "collective", "field": "economy",
        "level": "commune", "started_on": "2026-02-01",
        "photos": [SimpleUploadedFile("anh.png", PNG, content_type="image/png")],
    })  # fmt: skip
    exemplar = Exemplar.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/exemplars/{exemplar.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Tổ tự quản" in page and "anh.png" in page
    refused = client.post(f"/exemplars/{exemplar.pk}/reviews/", {
        "cycle": 1, "reviewed_on": "2026-01-10", "effectiveness": "good", "assessment": "Tốt"})  # fmt: skip
    assert refused.status_code == 400
    assert "không được trước ngày mô hình bắt đầu" in refused.content.decode()
    assert not Review.objects.exists()


def test_pages_show_only_followable_links(
    tree: Tree, province_officer: User, commune_officer: User
) -> None:
    original = make_exemplar(tree.commune, dt.date(2025, 3, 1))
    make_exemplar(tree.other_commune, dt.date(2026, 3, 1), replicates=original)
    Commendation.objects.create(exemplar=original, awarded_by="UBND tỉnh", form="Bằng khen",
                                decision_number="1/QĐ", decided_on=dt.date(2026, 1, 5))  # fmt: skip
    make_training(tree.province)
    round_ = make_round(tree.province, tree.commune)
    make_finding(round_, tree.commune, due_on=dt.date(2026, 6, 1))
    make_finding(round_, tree.other_commune)
    starts = ["/exemplars/", "/exemplars/counts/", "/exemplars/replication/", "/training/",
              "/training/coverage/", "/inspections/", "/inspections/findings/", "/dashboard/"]  # fmt: skip
    for person in (province_officer, commune_officer):
        visits = crawl(signed_in(person), starts, depth=2, per_pattern=3)
        assert not visits.failures(), [(v.url, v.status, v.found_on) for v in visits.failures()]
    commune_pages = crawl(signed_in(commune_officer), ["/inspections/findings/"], depth=1)
    # the finding given to Tân Lập is not Hòa Bình's to see
    assert sum("/inspections/findings/" in u and u[-2].isdigit() for u in commune_pages.visits) == 1


def test_the_portal_shows_commended_models_with_photos_only(tree: Tree) -> None:
    commended = make_exemplar(tree.commune, title="Mô hình được khen")
    make_exemplar(tree.commune, title="Mô hình chưa khen")
    Commendation.objects.create(exemplar=commended, awarded_by="UBND tỉnh", form="Bằng khen",
                                decision_number="1/QĐ", decided_on=dt.date(2026, 4, 5))  # fmt: skip
    from django.core.files.base import ContentFile

    from danvan.exemplars.models import EvidenceFile

    photo = EvidenceFile(exemplar=commended, is_photo=True, name="anh.png",
                         content_type="image/png", sha256="1" * 64)  # fmt: skip
    photo.file.save("anh.png", ContentFile(PNG), save=False)
    photo.save()
    page = Client().get("/portal/mo-hinh-dan-van-kheo/").content.decode()
    assert "Mô hình được khen" in page and "Mô hình chưa khen" not in page
    visits = crawl(Client(), ["/portal/mo-hinh-dan-van-kheo/"], depth=2)
    assert not visits.failures()
    assert any(v.content_type == "image/png" for v in visits.visits.values())
    other = make_exemplar(tree.commune)
    assert Client().get(f"/portal/mo-hinh-dan-van-kheo/{other.pk}/").status_code == 404


def test_attendance_import_page_refuses_unknown_officials(
    tree: Tree, province_officer: User
) -> None:
    from openpyxl import Workbook

    training = make_training(tree.province)
    UserFactory.create(
        username="tp.hoabinh", org_unit=tree.commune, position="Công chức Tư pháp – Hộ tịch"
    )
    book = Workbook()
    book.active.append(["Tên đăng nhập"])
    book.active.append(["khong.ai"])
    buffer = io.BytesIO()
    book.save(buffer)
    client = signed_in(province_officer)
    response = client.post(f"/training/{training.pk}/import/",
                           {"file": SimpleUploadedFile("ds.xlsx", buffer.getvalue())})  # fmt: skip
    assert response.status_code == 400 and "Không tìm thấy cán bộ" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_finding_is_answered_and_closed_through_the_pages(
    tree: Tree, province_officer: User, commune_officer: User
) -> None:
    finding = make_finding(make_round(tree.province, tree.commune), tree.commune)
    commune = signed_in(commune_officer)
    assert (
        "Kết thúc theo dõi"
        not in commune.get(f"/inspections/findings/{finding.pk}/").content.decode()
    )
    assert commune.post(f"/inspections/findings/{finding.pk}/report/",
                        {"version": 1, "text": "Đã niêm yết"}).status_code == 302  # fmt: skip
    province = signed_in(province_officer)
    assert province.post(f"/inspections/findings/{finding.pk}/close/",
                         {"version": 2, "note": "Đạt"}).status_code == 302  # fmt: skip
    finding.refresh_from_db()
    assert finding.status == "closed"
    docx = province.get(f"/inspections/rounds/{finding.round_id}/conclusion.docx")
    assert docx.status_code == 200 and docx["Content-Disposition"].startswith("attachment")
    outsider = official("officer", tree.other_province, username="ngoai")
    assert signed_in(outsider).get(f"/inspections/findings/{finding.pk}/").status_code == 404
    assert Finding.objects.count() == 1


def test_the_registry_and_counts_download_as_xlsx(tree: Tree, province_officer: User) -> None:
    from openpyxl import load_workbook

    make_exemplar(tree.commune, dt.date(2026, 3, 1), title="Tổ tự quản =SUM(A1)")
    make_exemplar(tree.other_province, dt.date(2026, 3, 1), title="Ngoài phạm vi")
    response = signed_in(province_officer).get(
        f"/exemplars/counts.xlsx?unit={tree.province.pk}&year=2026"
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    titles = [row[1] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert titles == ["Tổ tự quản =SUM(A1)"]  # typed text stays text, other provinces absent
    counts = {r[0]: r[1] for r in book.worksheets[1].iter_rows(min_row=3, values_only=True)}
    assert counts[tree.commune.name] == 1 and counts[tree.other_commune.name] == 0


def test_a_model_is_corrected_with_the_version_it_read(tree: Tree, commune_officer: User) -> None:
    exemplar = make_exemplar(tree.commune, dt.date(2026, 3, 1))
    client = signed_in(commune_officer)
    assert client.get(f"/exemplars/{exemplar.pk}/edit/").status_code == 200
    data = {"version": 1, "title": "Tên đã sửa", "kind": "collective", "field": "economy",
            "level": "commune", "started_on": "2026-03-01"}  # fmt: skip
    assert client.post(f"/exemplars/{exemplar.pk}/edit/", data).status_code == 302
    stale = client.post(f"/exemplars/{exemplar.pk}/edit/", {**data, "title": "Lần nữa"})
    assert stale.status_code == 409
    exemplar.refresh_from_db()
    assert (exemplar.title, exemplar.version) == ("Tên đã sửa", 2)
