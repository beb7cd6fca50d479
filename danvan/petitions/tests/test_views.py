"""Officer pages and the public portal, as a user would use them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from danvan.accounts.models import User
from danvan.petitions.models import IdentityAccess, Petition
from danvan.testing.fixtures import Tree, official

from .factories import classify_within, make_petition


@pytest.fixture
def reception(tree: Tree) -> User:
    return official("reception_officer", tree.commune, username="xa.tiepdan")


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_officer_pages_render(reception: User, tree: Tree, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    petition = make_petition(reception, tree.commune, received_on=dt.date(2026, 3, 2))
    for i in range(5):
        make_petition(reception, tree.commune, petitioner_id_number=f"00409000{i:04d}")
    client = login(reception)
    with django_assert_max_num_queries(15):
        response = client.get("/petitions/")
    assert response.status_code == 200 and petition.tracking_code in response.text
    assert client.get(f"/petitions/{petition.pk}/").status_code == 200
    assert client.get("/petitions/new/").status_code == 200
    assert client.get("/petitions/statistics/").status_code == 200
    xlsx = client.get("/petitions/statistics.xlsx?from=2026-01-01")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client.get("/reception/").status_code == 200
    assert client.get("/reception/new/").status_code == 200
    assert client.get("/reception/schedules/").status_code == 200
    dashboard = client.get("/dashboard/")
    assert (
        dashboard.status_code == 200
        and "Petitions being handled" in dashboard.text
        or "Đơn đang xử lý" in dashboard.text
    )


def test_intake_form_shows_duplicates_and_links(reception: User, tree: Tree) -> None:
    first = make_petition(reception, tree.commune)
    client = login(reception)
    response = client.post(
        "/petitions/duplicates/",
        {
            "handling_unit": tree.commune.pk,
            "place": "",
            "petitioner_id_number": "004090001234",
            "title": "khác",
            "content": "khác hẳn",
            "linkable": "1",
        },
    )
    assert first.tracking_code in response.text
    assert "Cùng số giấy tờ tùy thân" in response.text
    response = client.post(
        "/petitions/new/",
        {
            "handling_unit": tree.commune.pk,
            "received_on": "2026-03-05",
            "source": "post",
            "title": "Lại đề nghị giải quyết tranh chấp đất",
            "content": "Nội dung như đơn trước.",
            "petitioner_name": "Nông Văn Tám",
            "crowd_size": 1,
            "case": first.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    second = Petition.objects.exclude(pk=first.pk).get()
    assert second.case == first


def test_portal_submit_track_rate(tree: Tree, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PETITIONS_PORTAL_MIN_FILL_SECONDS = 0
    client = Client()
    page = client.get("/portal/petitions/new/")
    started = page.context["form"].initial["started"]
    data = {
        "handling_unit": tree.commune.pk,
        "kind": "feedback",
        "title": "Đèn đường hỏng",
        "content": "Đèn đường ở thôn Bản Giới hỏng một tháng nay.",
        "petitioner_name": "Lục Thị Hoa",
        "petitioner_address": "Thôn Bản Giới",
        "started": started,
        "website": "",
    }
    response = client.post("/portal/petitions/new/", data)
    assert response.status_code == 302
    petition = Petition.objects.get()
    assert petition.source == "online" and petition.place == tree.commune
    status = client.get(response["Location"])
    assert petition.tracking_code in status.text
    # Honeypot and unknown code.
    bot = client.post("/portal/petitions/new/", {**data, "website": "http://spam"})
    assert "Không thể tiếp nhận" in bot.text or "could not be accepted" in bot.text
    assert Petition.objects.count() == 1
    missing = client.get("/portal/petitions/track/?code=ZZZZ-ZZZZ")
    assert "Không tìm thấy đơn" in missing.text
    assert client.get("/portal/reception/").status_code == 200
    ics = client.get("/portal/reception/calendar.ics")
    assert ics.content.startswith(b"BEGIN:VCALENDAR")


def test_portal_rejects_forbidden_attachment(tree: Tree, settings) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.PETITIONS_PORTAL_MIN_FILL_SECONDS = 0
    client = Client()
    started = client.get("/portal/petitions/new/").context["form"].initial["started"]
    response = client.post(
        "/portal/petitions/new/",
        {
            "handling_unit": tree.commune.pk,
            "kind": "feedback",
            "title": "Rác thải",
            "content": "Rác thải ven suối.",
            "petitioner_name": "Lục Thị Hoa",
            "petitioner_address": "Thôn Bản Giới",
            "started": started,
            "attachments": SimpleUploadedFile("a.exe", b"MZ\x90\x00"),
        },
    )
    assert response.status_code == 200
    assert "không được chấp nhận" in response.text
    assert not Petition.objects.exists()


def test_too_fast_submission_is_refused(tree: Tree) -> None:
    client = Client()
    started = client.get("/portal/petitions/new/").context["form"].initial["started"]
    response = client.post(
        "/portal/petitions/new/",
        {
            "handling_unit": tree.commune.pk,
            "kind": "feedback",
            "title": "x",
            "content": "y",
            "petitioner_name": "A",
            "petitioner_address": "B",
            "started": started,
        },
    )
    assert response.status_code == 200 and not Petition.objects.exists()


def test_detail_identity_read_is_logged_for_denunciations(reception: User, tree: Tree) -> None:
    petition = make_petition(reception, tree.commune, kind="denunciation")
    client = login(reception)
    response = client.get(f"/petitions/{petition.pk}/")
    assert "Nông Văn Tám" in response.text
    assert IdentityAccess.objects.filter(petition=petition, user=reception).count() == 1
    other = official("reception_officer", tree.commune, username="xa.tiepdan2")
    response = login(other).get(f"/petitions/{petition.pk}/")
    assert response.status_code == 200
    assert "Nông Văn Tám" not in response.text and "004090001234" not in response.text
    assert "(bảo mật)" in response.text
    assert not IdentityAccess.objects.filter(user=other).exists()
    _ = timezone


def test_after_filing_the_citizen_has_the_code_the_deadline_and_an_email(
    tree: Tree, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from django.core import mail

    settings.PETITIONS_PORTAL_MIN_FILL_SECONDS = 0
    client = Client()
    started = client.get("/portal/petitions/new/").context["form"].initial["started"]
    data = {
        "handling_unit": tree.commune.pk, "kind": "feedback", "title": "Đèn đường hỏng",
        "content": "Đèn đường ở thôn Bản Giới hỏng một tháng nay.",
        "petitioner_name": "Lục Thị Hoa", "petitioner_address": "Thôn Bản Giới",
        "petitioner_email": "hoa@example.vn", "started": started, "website": "",
    }  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/portal/petitions/new/", data)
    petition = Petition.objects.get()
    page = client.get(response["Location"]).text
    assert petition.tracking_code in page and "Đèn đường hỏng" in page
    assert petition.due_on is not None and f"{petition.due_on:%d/%m/%Y}" in page
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["hoa@example.vn"]
    body = mail.outbox[0].body
    assert petition.tracking_code in body and f"{petition.due_on:%d/%m/%Y}" in body
    assert f"/portal/petitions/{petition.tracking_code}/" in body


def test_a_linked_repeat_shows_the_progress_of_its_case(reception: User, tree: Tree) -> None:
    from danvan.petitions.casework import services

    first = make_petition(reception, tree.commune)
    again = make_petition(reception, tree.commune, title="Lại đề nghị giải quyết tranh chấp")
    again = services.link_case(again, first, again.version, actor=reception)
    first = classify_within(reception, first)
    first = services.transition(first, "accepted", first.version,
                                on=first.received_on + dt.timedelta(days=3), actor=reception)  # fmt: skip
    info = Petition.objects.get(pk=again.pk).public_status()
    assert info["state"] == "accepted" and info["handled_with_earlier"]
    assert first.tracking_code not in Client().get(f"/portal/petitions/{again.tracking_code}/").text


def test_the_register_offers_registering_only_to_those_who_may(tree: Tree) -> None:
    """An officer reads the register; the form to register a reception would refuse him."""
    from danvan.testing.fixtures import signed_in

    for role, offered in (("officer", False), ("reception_officer", True)):
        client = signed_in(official(role, tree.commune, username=f"xa.{role}"))
        page = client.get("/reception/").content.decode()
        assert ("/reception/new/" in page) is offered, role
        assert client.get("/reception/new/").status_code == (200 if offered else 403), role


def test_portal_asks_for_the_province_before_listing_its_authorities(tree: Tree, settings) -> None:  # type: ignore[no-untyped-def]
    """A national installation lists ≈ 7,000 authorities: the form first asks for the province
    and then lists only that province's authorities; an invalid submission keeps the province."""
    settings.PETITIONS_PORTAL_MIN_FILL_SECONDS = 0
    client = Client()
    first = client.get("/portal/petitions/new/")
    assert first.status_code == 200
    assert first.context["province"] is None
    assert 'name="province"' in first.text and 'name="handling_unit"' not in first.text
    assert tree.other_province.name in first.text

    page = client.get(f"/portal/petitions/new/?province={tree.province.pk}")
    listed = set(page.context["form"].fields["handling_unit"].queryset)
    assert tree.commune in listed and tree.department in listed
    assert tree.other_province not in listed
    assert f'<option value="{tree.commune.pk}"' in page.text
    select = page.text.split('name="handling_unit"', 1)[1].split("</select>", 1)[0]
    assert f'value="{tree.commune.pk}"' in select
    assert f'value="{tree.other_province.pk}"' not in select

    started = page.context["form"].initial["started"]
    data = {
        "province": tree.province.pk,
        "handling_unit": tree.commune.pk,
        "kind": "feedback",
        "title": "",  # missing: the form comes back with the same province's authorities
        "content": "Đèn đường ở thôn Bản Giới hỏng một tháng nay.",
        "petitioner_name": "Lục Thị Hoa",
        "petitioner_address": "Thôn Bản Giới",
        "started": started,
        "website": "",
    }
    invalid = client.post("/portal/petitions/new/", data)
    assert invalid.status_code == 200 and invalid.context["province"] == tree.province
    assert f'<option value="{tree.commune.pk}" selected' in invalid.text
    done = client.post("/portal/petitions/new/", {**data, "title": "Đèn đường hỏng"})
    assert done.status_code == 302
    assert Petition.objects.get().handling_unit == tree.commune

    # A made-up province is no choice: the citizen is asked again.
    again = client.get("/portal/petitions/new/?province=99999999")
    assert again.context["province"] is None


def test_statistics_read_the_petitions_twice(reception: User, tree: Tree) -> None:
    """The total and the breakdowns by kind, source and state come from one grouped pass, the
    units' figures from another: a year of the country's petitions is ≈ 500,000 rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.petitions.stats import compute_statistics

    for i in range(4):
        make_petition(reception, tree.commune, petitioner_id_number=f"00409001{i:04d}")
    day = dt.date(2026, 12, 31)
    with CaptureQueriesContext(connection) as queries:
        stats = compute_statistics(reception, dt.date(2020, 1, 1), day, day)
    reads = [q["sql"] for q in queries.captured_queries if 'FROM "petitions_petition"' in q["sql"]]
    assert len(reads) == 2, reads
    assert stats.total == 4 == sum(n for _label, n in stats.by_kind)
    assert sum(n for _label, n in stats.by_source) == sum(n for _label, n in stats.by_state) == 4
