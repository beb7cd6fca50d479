"""Officials change and end their unit's reception schedules from the schedules page; the portal
and the iCalendar feed follow, the history stays, and the leaders' minimum is re-checked."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from danvan.accounts.models import User
from danvan.petitions.models import ReceptionPlace, ReceptionSchedule
from danvan.petitions.reception import services
from danvan.testing.fixtures import Tree, official

THURSDAY, TUESDAY = 3, 1


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def next_on(weekday: int, start: dt.date) -> dt.date:
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


@pytest.fixture
def officer(tree: Tree) -> User:
    return official("reception_officer", tree.commune, username="xa.tiepdan")


@pytest.fixture
def schedule(officer: User, tree: Tree) -> ReceptionSchedule:
    place = services.add_place(tree.commune, "Trụ sở UBND xã", "Thôn Bản Giới", actor=officer)
    created, _warnings = services.save_schedule(
        services.ScheduleInput(
            unit=tree.commune,
            place=place,
            host_role="commune_chairman",
            host_name="Ông Hoàng Văn Chủ, Chủ tịch UBND xã",
            frequency="weekly",
            weekday=THURSDAY,
            valid_from=timezone.localdate() - dt.timedelta(days=60),
        ),
        actor=officer,
    )
    return created


def edit_data(schedule: ReceptionSchedule, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "version": schedule.version,
        "host_role": schedule.host_role,
        "host_name": schedule.host_name,
        "frequency": schedule.frequency,
        "weekday": schedule.weekday,
        "week_of_month": schedule.week_of_month or "",
        "place": schedule.place_id,
        "new_place_name": "",
        "new_place_address": "",
        "valid_from": schedule.valid_from.isoformat(),
        "valid_to": schedule.valid_to.isoformat() if schedule.valid_to else "",
        "is_published": "on" if schedule.is_published else "",
    }
    data.update(changes)
    return data


def ics_days(client: Client) -> set[dt.date]:
    calendar = Calendar.from_ical(client.get("/portal/reception/calendar.ics").content)
    return {event.decoded("dtstart").date() for event in calendar.walk("VEVENT")}


def later_today(monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
    """Pretend the calendar has moved on to ``day`` (the pages read today's date)."""
    real = timezone.localdate

    def localdate(value: Any = None, tz: Any = None) -> dt.date:
        return day if value is None else real(value, tz)

    monkeypatch.setattr(timezone, "localdate", localdate)


def test_officer_changes_the_weekday_and_the_portal_follows(
    officer: User, schedule: ReceptionSchedule
) -> None:
    today = timezone.localdate()
    old_day, new_day = next_on(THURSDAY, today), next_on(TUESDAY, today)
    public = Client()
    assert f"{old_day:%d/%m/%Y}" in public.get("/portal/reception/").text
    client = login(officer)
    listing = client.get("/reception/schedules/")
    assert f"/reception/schedules/{schedule.pk}/edit/" in listing.text
    response = client.post(
        f"/reception/schedules/{schedule.pk}/edit/", edit_data(schedule, weekday=TUESDAY)
    )
    assert response.status_code == 302 and response["Location"] == "/reception/schedules/"
    schedule.refresh_from_db()
    assert schedule.weekday == TUESDAY and schedule.version == 2
    portal = public.get("/portal/reception/").text
    assert f"{new_day:%d/%m/%Y}" in portal and f"{old_day:%d/%m/%Y}" not in portal
    days = ics_days(public)
    assert new_day in days and {d.weekday() for d in days} == {TUESDAY}
    entry = LogEntry.objects.get_for_object(schedule).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == officer and entry.changes_dict["weekday"] == ["3", "1"]


def test_ending_keeps_the_history_and_leaves_the_portal_after_the_last_day(
    officer: User, schedule: ReceptionSchedule, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = timezone.localdate()
    client = login(officer)
    response = client.post(
        f"/reception/schedules/{schedule.pk}/end/",
        {"version": schedule.version, "valid_to": today.isoformat()},
        follow=True,
    )
    assert response.status_code == 200
    schedule.refresh_from_db()
    assert schedule.valid_to == today and schedule.version == 2
    # The commune chairman's weekly day goes: the leaders' minimum warns from tomorrow on.
    tomorrow = today + dt.timedelta(days=1)
    assert f"Từ ngày {tomorrow:%d/%m/%Y}" in response.text
    assert "ít hơn mức tối thiểu" in response.text
    # Its last day is today: still published today …
    assert schedule.host_name in Client().get("/portal/reception/").text
    # … and gone the day after, from the portal and the feed.
    later_today(monkeypatch, tomorrow)
    assert schedule.host_name not in Client().get("/portal/reception/").text
    assert ics_days(Client()) == set()
    page = client.get("/reception/schedules/")
    rows = {row["s"].pk: row for row in page.context["rows"]}
    assert rows[schedule.pk]["ended"] and rows[schedule.pk]["end_form"] is None
    assert f"{today:%d/%m/%Y}" in page.text and f'id="schedule-{schedule.pk}"' in page.text


def test_an_officer_of_another_unit_gets_404(
    schedule: ReceptionSchedule, tree: Tree, officer: User
) -> None:
    other = login(official("reception_officer", tree.other_commune, username="tanlap.tiepdan"))
    url = f"/reception/schedules/{schedule.pk}"
    assert other.get(f"{url}/edit/").status_code == 404
    assert other.post(f"{url}/edit/", edit_data(schedule, weekday=TUESDAY)).status_code == 404
    end = {"version": schedule.version, "valid_to": timezone.localdate().isoformat()}
    assert other.post(f"{url}/end/", end).status_code == 404
    assert f"{url}/edit/" not in other.get("/reception/schedules/").text
    schedule.refresh_from_db()
    assert schedule.weekday == THURSDAY and schedule.valid_to is None and schedule.version == 1


def test_readers_who_may_not_change_see_no_actions(schedule: ReceptionSchedule, tree: Tree) -> None:
    reader = login(official("officer", tree.commune, username="xa.congchuc"))
    page = reader.get("/reception/schedules/")
    assert schedule.host_name in page.text
    assert f"/reception/schedules/{schedule.pk}/edit/" not in page.text
    assert reader.get(f"/reception/schedules/{schedule.pk}/edit/").status_code == 403


def test_an_end_before_the_start_is_refused_and_nothing_is_written(
    officer: User, schedule: ReceptionSchedule
) -> None:
    entries = LogEntry.objects.count()
    before = schedule.valid_from - dt.timedelta(days=1)
    client = login(officer)
    response = client.post(
        f"/reception/schedules/{schedule.pk}/end/",
        {"version": schedule.version, "valid_to": before.isoformat()},
        follow=True,
    )
    assert "không được trước ngày bắt đầu áp dụng" in response.text
    response = client.post(
        f"/reception/schedules/{schedule.pk}/edit/",
        edit_data(schedule, valid_to=before.isoformat(), weekday=TUESDAY),
    )
    assert response.status_code == 400
    assert "không được trước ngày bắt đầu áp dụng" in response.text
    assert "Traceback" not in response.text
    schedule.refresh_from_db()
    assert schedule.valid_to is None and schedule.weekday == THURSDAY and schedule.version == 1
    assert LogEntry.objects.count() == entries


def test_a_stale_page_is_refused(officer: User, schedule: ReceptionSchedule) -> None:
    client = login(officer)
    stale = edit_data(schedule, host_name="Bà Nông Thị Mới, Chủ tịch UBND xã")
    assert (
        client.post(
            f"/reception/schedules/{schedule.pk}/edit/", edit_data(schedule, weekday=TUESDAY)
        ).status_code
        == 302
    )
    response = client.post(f"/reception/schedules/{schedule.pk}/edit/", stale)
    assert response.status_code == 409 and "vừa được người khác cập nhật" in response.text
    schedule.refresh_from_db()
    assert schedule.host_name.startswith("Ông Hoàng") and schedule.weekday == TUESDAY


def test_a_change_below_the_legal_minimum_warns(officer: User, schedule: ReceptionSchedule) -> None:
    response = login(officer).post(
        f"/reception/schedules/{schedule.pk}/edit/",
        edit_data(schedule, frequency="monthly", week_of_month=2),
        follow=True,
    )
    assert "ít hơn mức tối thiểu 1 ngày" in response.text
    schedule.refresh_from_db()
    assert schedule.frequency == "monthly" and schedule.week_of_month == 2


def test_unpublishing_and_moving_to_a_new_place(
    officer: User, schedule: ReceptionSchedule, tree: Tree
) -> None:
    response = login(officer).post(
        f"/reception/schedules/{schedule.pk}/edit/",
        edit_data(
            schedule,
            is_published="",
            new_place_name="Nhà văn hóa thôn Bản Giới",
            new_place_address="Thôn Bản Giới",
        ),
    )
    assert response.status_code == 302
    schedule.refresh_from_db()
    assert not schedule.is_published and schedule.place.name == "Nhà văn hóa thôn Bản Giới"
    assert schedule.host_name not in Client().get("/portal/reception/").text


def test_the_form_says_the_head_receives_himself(
    officer: User, schedule: ReceptionSchedule
) -> None:
    client = login(officer)
    note = 'role="note"'
    assert note in client.get(f"/reception/schedules/{schedule.pk}/edit/").text
    assert note in client.get("/reception/schedules/").text  # the add form starts on a chairman
    assert note not in client.get("/reception/schedules/host-note/?host_role=officers").text
    assert note in client.get("/reception/schedules/host-note/?host_role=agency_head").text
    officers = edit_data(schedule, host_role="officers", host_name="Cán bộ tiếp dân")
    client.post(f"/reception/schedules/{schedule.pk}/edit/", officers)
    assert note not in client.get(f"/reception/schedules/{schedule.pk}/edit/").text


def test_htmx_loads_the_form_into_the_page(officer: User, schedule: ReceptionSchedule) -> None:
    response = login(officer).get(
        f"/reception/schedules/{schedule.pk}/edit/", headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "<html" not in response.text and 'id="schedule-edit"' in response.text
    assert f'action="/reception/schedules/{schedule.pk}/edit/"' in response.text


def test_adding_with_bad_input_writes_no_place(officer: User, tree: Tree) -> None:
    response = login(officer).post(
        "/reception/schedules/",
        {
            "unit": tree.commune.pk,
            "place_name": "Hội trường mới",
            "place_address": "Thôn Bản Giới",
            "host_role": "commune_chairman",
            "host_name": "Chủ tịch UBND xã",
            "frequency": "monthly",
            "weekday": 2,
            "week_of_month": "",
            "valid_from": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 400 and "tuần thứ 1–4" in response.text
    assert not ReceptionPlace.objects.exists() and not ReceptionSchedule.objects.exists()


def test_the_portal_lists_two_weeks_by_unit_and_the_feed_is_bounded_with_its_time_zone(
    schedule: ReceptionSchedule, tree: Tree
) -> None:
    public = Client()
    page = public.get("/portal/reception/").text
    today = timezone.localdate()
    shown = {
        d for d in (today + dt.timedelta(days=n) for n in range(70)) if f"{d:%d/%m/%Y}" in page
    }
    assert shown and max(shown) <= today + dt.timedelta(days=14)
    assert tree.commune.display_name in page  # the chooser
    other = public.get(f"/portal/reception/?unit={tree.other_commune.pk}").text
    assert (
        schedule.host_name not in other.split("Regular schedules")[0].split("Lịch tiếp định kỳ")[0]
    )
    longer = public.get("/portal/reception/?days=62").text
    assert len(longer) >= len(page)
    feed = public.get(f"/portal/reception/calendar.ics?unit={tree.commune.pk}").content
    calendar = Calendar.from_ical(feed)
    starts = [e.decoded("dtstart").date() for e in calendar.walk("VEVENT")]
    assert starts and min(starts) >= today and max(starts) <= today + dt.timedelta(days=92)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    assert not Calendar.from_ical(
        public.get(f"/portal/reception/calendar.ics?unit={tree.other_commune.pk}").content
    ).walk("VEVENT")


def test_the_schedules_page_runs_as_many_queries_for_many_units_as_for_one(
    officer: User, schedule: ReceptionSchedule, tree: Tree
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.core.audit import SYSTEM
    from danvan.testing.factories import OrgUnitFactory

    client = login(official("reception_officer", tree.province, username="tinh.tiepdan"))

    def queries() -> tuple[int, str]:
        client.get("/reception/schedules/")  # new units change the access stamp: read once
        with CaptureQueriesContext(connection) as captured:
            page = client.get("/reception/schedules/").content.decode()
        return len(captured), page

    one, page = queries()
    for n in range(5):
        unit = OrgUnitFactory.create(name=f"Xã Thêm {n}", parent=tree.province)
        services.save_schedule(
            services.ScheduleInput(
                unit=unit, place=None, place_name="Trụ sở", place_address="Thôn 1", host_role="commune_chairman",
                host_name=f"Chủ tịch xã {n}", frequency="monthly", weekday=TUESDAY, week_of_month=1,
                valid_from=timezone.localdate() - dt.timedelta(days=10),
            ),
            actor=SYSTEM,
        )  # fmt: skip
    six, page = queries()
    assert page.count("Chủ tịch xã ") >= 5
    # A monthly day falls short of the chairman's weekly minimum: each new commune is warned.
    assert all(f"Xã Thêm {n}" in page for n in range(5))
    assert six == one


def _feed_built_event_by_event(
    schedules: list[ReceptionSchedule], start: dt.date, end: dt.date, stamp: dt.datetime
) -> bytes:
    """The feed as the iCalendar library writes it with one event object per reception."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Dan Van//Lich tiep cong dan//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Lịch tiếp công dân")
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for s in schedules:
        for day in services.occurrences(s, start, end):
            event = Event()
            event.add("uid", f"reception-{s.pk}-{day:%Y%m%d}@danvan")
            event.add("dtstamp", stamp)
            event.add("dtstart", dt.datetime.combine(day, s.start_time, services.TZ))
            event.add("dtend", dt.datetime.combine(day, s.end_time, services.TZ))
            event.add("summary", f"Tiếp công dân: {s.host_name}")
            event.add("location", f"{s.place.name}, {s.place.address}")
            event.add("description", f"{s.unit.name}. {s.note}".strip())
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def test_the_feed_builds_one_event_object_per_schedule_not_per_day(
    schedule: ReceptionSchedule, tree: Tree, officer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    import icalendar

    from danvan.core.audit import SYSTEM

    services.save_schedule(
        services.ScheduleInput(
            unit=tree.commune, place=None, place_name="Nhà văn hóa; thôn Bản Giới, xã Hòa Bình",
            place_address="Số 1, đường rất dài " * 6, host_role="commune_chairman",
            host_name="Bà Nông Thị Phó, Phó Chủ tịch", frequency="monthly", weekday=TUESDAY,
            week_of_month=-1, valid_from=timezone.localdate() - dt.timedelta(days=3),
        ),
        actor=SYSTEM,
    )  # fmt: skip
    ReceptionSchedule.objects.filter(pk=schedule.pk).update(note="Mang theo\nCCCD, giấy tờ")
    schedules = list(ReceptionSchedule.objects.select_related("unit", "place").order_by("pk"))
    start = timezone.localdate()
    end = start + dt.timedelta(days=92)
    stamp = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: stamp)
    built = []

    class Counted(icalendar.Event):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            built.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(icalendar, "Event", Counted)
    feed = services.icalendar_feed(schedules, start, end)
    assert len(built) <= 2 * len(schedules)  # not one per reception (13 Thursdays alone)
    monkeypatch.undo()
    assert feed == _feed_built_event_by_event(schedules, start, end, stamp)
    assert services.icalendar_feed([], start, end) == _feed_built_event_by_event(
        [], start, end, stamp
    )
