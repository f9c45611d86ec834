"""Reminders (催办), escalation (督办) and the follow-up SMS (回访) on a fake clock, over the
fakes: across National Day 2026 (1–7 October off, Saturday 10 October a make-up working day)
and Spring Festival 2026 (15–23 February off, Saturday 14 February a make-up working day), as
chinese_calendar itself says (checked first, so a changed calendar fails loudly here)."""
from __future__ import annotations

import threading
from datetime import date, datetime, timezone

import pytest

from chalicelib.domain.calendar import is_working_day
from chalicelib.domain.lifecycle import Status
from chalicelib.domain.reminders import Kind, Reminder, Thresholds, due_kinds
from chalicelib.service_layer import public, staff
from chalicelib.service_layer.reminders import send_reminders
from tests.conftest import consultation, officer
from tests.fakes_reminders import RacingReminders

OFFICER, COLLEAGUE, HEAD = "officer.quality-station", "officer2.quality-station", "head.quality-station"
DEPT_EMAIL = "quality-station@example.test"  # the address book of tests/conftest.py


def beijing(day: str, hour: int = 10) -> datetime:
    """`day` at `hour` o'clock in Beijing, as the UTC time the clock holds."""
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00+08:00").astimezone(timezone.utc)


def test_the_official_calendar_has_the_days_these_tests_rely_on():
    import chinese_calendar

    for day in ("2026-10-01", "2026-10-07", "2026-02-16", "2026-02-23"):
        assert not chinese_calendar.is_workday(date.fromisoformat(day)), day
    for day in ("2026-10-10", "2026-02-14", "2026-02-28", "2026-09-30", "2026-10-08"):
        assert chinese_calendar.is_workday(date.fromisoformat(day)), day
    assert is_working_day(date(2026, 10, 10)) == (True, True)


def test_due_kinds_count_working_days_across_the_holiday_and_the_make_up_saturday(catalog):
    t = Thresholds(before=1, to_head=1, to_supervisor=3, follow_up=5)
    assert Thresholds.of(catalog.standards) == t  # the catalog's sample values, which these tests assume
    deadline = "2026-10-10"  # the make-up Saturday
    kinds = {d: due_kinds(deadline, date.fromisoformat(d), t) for d in
             ("2026-09-30", "2026-10-05", "2026-10-08", "2026-10-09", "2026-10-10", "2026-10-11", "2026-10-12",
              "2026-10-13", "2026-10-14")}
    assert kinds["2026-09-30"] == kinds["2026-10-05"] == kinds["2026-10-08"] == []  # 3, 2, 2 working days ahead
    assert kinds["2026-10-09"] == kinds["2026-10-10"] == [Kind.REMINDER]  # the working day before, and the day
    assert kinds["2026-10-11"] == []  # Sunday: not a working day late yet
    assert kinds["2026-10-12"] == kinds["2026-10-13"] == [Kind.TO_HEAD]
    assert kinds["2026-10-14"] == [Kind.TO_HEAD, Kind.TO_SUPERVISOR]
    # Over a weekend the reminder comes on Friday for a Monday deadline.
    assert due_kinds("2026-12-07", date(2026, 12, 4), t) == [Kind.REMINDER]


def test_the_sweep_reads_date_ranges_of_the_indexes_never_every_request(deps, reminders, clock):
    clock.current = beijing("2026-10-12")
    send_reminders(deps)
    kinds = {what for what, *_ in reminders.reads}
    assert kinds == {"deadlines", "follow_ups"}
    assert len(reminders.reads) == 2 * len(deps.catalog.departments)  # two queries per department
    (_, _, since, until), = {r for r in reminders.reads if r[0] == "deadlines" and r[1] == "quality-station"}
    assert until == "2026-10-13"  # one working day ahead
    assert since < "2026-10-12" and since > "2026-09-01"


def _serve(deps, clock, day: str, **form) -> str:
    """A consultation submitted on `day`, accepted and assigned to the colleague the same day."""
    clock.current = beijing(day)
    no = public.submit(consultation(**form), deps).request.tracking_no
    staff.act(officer(deps, OFFICER), no, {"action": "accept"}, deps)
    staff.act(officer(deps, OFFICER), no, {"action": "assign", "assignee": COLLEAGUE}, deps)
    return no


def _reminders(deps, no) -> dict[str, list]:
    out: dict[str, list] = {}
    for m in deps.store.messages.values():
        if m.tracking_no == no and m.message_id.startswith("remind."):
            out.setdefault(m.message_id.split(".")[1], []).append(m)
    return out


def test_reminder_then_escalation_to_the_head_then_the_supervisor_each_once(deps, clock):
    no = _serve(deps, clock, "2026-09-28")
    # Five working days of a consultation from Monday 28 September: 29, 30 Sept, 8, 9 Oct and
    # the make-up Saturday 10 October (Monday–Friday would have said 12 October).
    assert deps.store.get(no).complete_by == "2026-10-10"
    for day in ("2026-09-28", "2026-09-30", "2026-10-01", "2026-10-07", "2026-10-08"):
        clock.current = beijing(day)
        send_reminders(deps)
        assert _reminders(deps, no) == {}, day
    clock.current = beijing("2026-10-09")
    assert send_reminders(deps)["reminder"] == 1
    (reminder,) = _reminders(deps, no)["reminder"]
    assert reminder.recipient == f"{COLLEAGUE}@staff.example.org" and reminder.audience == "assignee"
    assert "催办" in reminder.subject and "办结时限" in reminder.subject and "2026-10-10" in reminder.body
    assert "Reminder" in reminder.subject and "completion deadline" in reminder.body  # then English
    assert reminder.body.index("请在到期前办理") < reminder.body.index("please act on it")
    for day in ("2026-10-09", "2026-10-10", "2026-10-11"):  # again, on the day, on Sunday: nothing new
        clock.current = beijing(day, 15)
        assert send_reminders(deps)["reminder"] == 0
    clock.current = beijing("2026-10-12")
    send_reminders(deps)
    (to_head,) = _reminders(deps, no)["escalation_head"]
    assert to_head.recipient == f"{HEAD}@staff.example.org" and "已超期1个工作日" in to_head.body
    clock.current = beijing("2026-10-13")
    assert send_reminders(deps) == {k.value: 0 for k in Kind}
    clock.current = beijing("2026-10-14")
    send_reminders(deps)
    (to_supervisor,) = _reminders(deps, no)["escalation_supervisor"]
    assert to_supervisor.recipient == "supervisor@staff.example.org" and "已超期3个工作日" in to_supervisor.body
    clock.current = beijing("2026-10-20")
    send_reminders(deps)
    assert {k: len(v) for k, v in _reminders(deps, no).items()} == {
        "reminder": 1, "escalation_head": 1, "escalation_supervisor": 1}
    for m in (reminder, to_head, to_supervisor):  # one-line subjects, never the body's first line
        assert "\n" not in m.subject and m.subject not in m.body.splitlines()[0]


def test_a_request_without_assignee_reminds_its_department_by_email_and_sms(deps, clock, addresses):
    clock.current = beijing("2026-09-30")  # Wednesday before National Day: first contact due 8 Oct
    no = public.submit(consultation(), deps).request.tracking_no
    assert deps.store.get(no).respond_by == "2026-10-08"
    for day in ("2026-09-30", "2026-10-07"):  # just notified (a step today); then a holiday: nobody at work
        clock.current = beijing(day)
        send_reminders(deps)
        assert _reminders(deps, no) == {}, day
    clock.current = beijing("2026-10-08", 9)  # the deadline day itself
    send_reminders(deps)
    (email, sms) = sorted(_reminders(deps, no)["reminder"], key=lambda m: m.channel.value)
    assert email.recipient == DEPT_EMAIL and email.audience == "quality-station" and "首次联系时限" in email.body
    assert sms.channel.value == "sms" and sms.recipient == addresses.of("quality-station").mobile
    assert sms.body.startswith("【沈阳市城乡建设局】" + deps.catalog.department("quality-station").name.zh)
    assert "请及时办理" in sms.body and "Reminder" not in sms.body  # a department's SMS is Chinese


def test_a_step_that_moves_the_deadline_leaves_the_old_one_alone(deps, clock):
    clock.current = beijing("2026-09-30")
    no = public.submit(consultation(), deps).request.tracking_no
    staff.act(officer(deps, OFFICER), no, {"action": "ask_for_info", "items": "施工图纸"}, deps)
    send_reminders(deps)  # awaiting the applicant: the clock stopped, nothing is owed
    assert _reminders(deps, no) == {}


def test_a_completed_unrated_request_gets_one_follow_up_sms_across_spring_festival(deps, clock, store, staff_store):
    no = _serve(deps, clock, "2026-02-09", email="zhang@example.com")
    staff.act(officer(deps, COLLEAGUE), no, {"action": "start"}, deps)
    clock.current = beijing("2026-02-12")
    staff.act(officer(deps, COLLEAGUE), no, {"action": "complete", "summary": "已现场解答全部问题。"}, deps)
    # Five working days after Thursday 12 February: 13, the make-up Saturday 14, then 24, 25, 26.
    lane = lambda: [e.tracking_no for e in staff.queue(officer(deps, OFFICER), "quality-station", "follow_up",  # noqa: E731
                                                       {}, None, deps).entries]
    for day in ("2026-02-13", "2026-02-14", "2026-02-20", "2026-02-25"):
        clock.current = beijing(day)
        send_reminders(deps)
        assert _reminders(deps, no) == {} and lane() == [], day
    clock.current = beijing("2026-02-26")
    assert lane() == [no]  # due its follow-up: in the department's follow-up lane
    for _ in range(3):
        send_reminders(deps)
    clock.current = beijing("2026-03-10")
    send_reminders(deps)
    (sms,) = _reminders(deps, no)["follow_up"]  # one SMS, no email, whatever the runs
    assert sms.channel.value == "sms" and sms.recipient == "+8613800138000" and sms.audience == "applicant"
    link = deps.links.status_url(no, "zh")
    assert link in sms.body and "评价" in sms.body
    token = deps.links.access_token(no)
    assert sms.body.index("#") < sms.body.index(token)  # the secret is in the fragment only


def test_the_follow_up_sms_speaks_the_applicants_language_and_stops_once_rated(deps, clock):
    clock.current = beijing("2026-11-02")
    english = public.submit(consultation(), deps, lang="en").request.tracking_no
    rated = public.submit(consultation(), deps).request.tracking_no
    for no in (english, rated):
        for body in ({"action": "accept"}, {"action": "assign", "assignee": COLLEAGUE}, {"action": "start"},
                     {"action": "complete", "summary": "已现场解答全部问题。"}):
            staff.act(officer(deps, OFFICER), no, body, deps)
    public.act_as_applicant(rated, deps.links.access_token(rated), {"action": "rate", "level": 5}, deps)
    clock.current = beijing("2026-11-09")  # five working days later
    send_reminders(deps)
    (sms,) = _reminders(deps, english)["follow_up"]
    assert sms.body.startswith("Shenyang Urban-Rural Construction Bureau") and "rate the service" in sms.body
    assert deps.links.status_url(english, "en") in sms.body
    assert _reminders(deps, rated) == {}
    assert deps.store.get(rated).status is Status.RATED


def test_two_sweeps_that_race_send_each_reminder_once(deps, clock, store, catalog):
    """Both runs read "not sent" before either writes (a barrier in the fake): the conditional
    record lets one of them through per reminder, the other finds it taken and sends nothing."""
    import dataclasses

    no = _serve(deps, clock, "2026-09-28")
    clock.current = beijing("2026-10-09")
    racing = RacingReminders(store, 2, catalog.standards.follow_up_after_working_days)
    d = dataclasses.replace(deps, reminders=racing)
    results: list[dict] = []
    threads = [threading.Thread(target=lambda: results.append(send_reminders(d))) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r["reminder"] for r in results) == [0, 1]
    assert len(_reminders(deps, no)["reminder"]) == 1 and len(racing.records) == 1


def test_reminders_go_out_through_the_dispatcher_once(deps, clock, dispatcher, email):
    no = _serve(deps, clock, "2026-09-28")
    clock.current = beijing("2026-10-09")
    send_reminders(deps)
    send_reminders(deps)
    while dispatcher.dispatch_due():
        pass
    sent = [s for s in email.sent if no in s[1] and "催办" in s[1]]
    assert len(sent) == 1 and sent[0][0] == f"{COLLEAGUE}@staff.example.org"


def test_without_a_directory_escalations_reach_the_lead_department_saying_for_whom(deps, clock):
    import dataclasses

    no = _serve(deps, clock, "2026-09-28")
    clock.current = beijing("2026-10-14")
    send_reminders(dataclasses.replace(deps, directory=None))
    got = _reminders(deps, no)
    assert set(got) == {"escalation_head", "escalation_supervisor"}  # a late run sends both
    head_email = next(m for m in got["escalation_head"] if m.channel.value == "email")
    assert head_email.recipient == DEPT_EMAIL and "请转部门负责人" in head_email.body


def test_unannounced_years_are_counted_monday_to_friday_and_the_message_says_so(deps, clock, caplog):
    no = _serve(deps, clock, "2026-12-28")
    due = deps.store.get(no).complete_by
    assert due.startswith("2027-")  # not announced yet in chinese_calendar 1.11 (this test's premise)
    assert not is_working_day(date.fromisoformat(due))[1]
    clock.current = beijing(due)
    send_reminders(deps)
    (m,) = _reminders(deps, no)["reminder"]
    assert "节假日安排尚未公布，暂按周一至周五计算" in m.body and "holidays not yet announced" in m.body


def test_the_calendar_warns_once_per_unannounced_year(caplog):
    import logging

    from chalicelib.domain import calendar

    calendar._warn_unannounced.cache_clear()
    with caplog.at_level(logging.WARNING, logger="portal.calendar"):
        calendar.add_working_days(date(2099, 1, 2), 10)
    warnings = [r for r in caplog.records if "2099" in r.getMessage()]
    assert len(warnings) == 1 and "Monday to Friday" in warnings[0].getMessage()


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_has_a_key_that_names_it_once(kind):
    r = Reminder("SY261009-ABCDEFGHJK", kind, "2026-10-10")
    assert r.key.startswith(kind.value)
    assert ("2026-10-10" in r.key) == (kind is not Kind.FOLLOW_UP)
    assert kind.label.zh and kind.label.en
