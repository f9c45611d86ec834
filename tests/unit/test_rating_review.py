"""The poor-rating loop (差评整改, issue 15 point 3) through the use cases over the fakes, on a fake
clock across Spring Festival 2026 (15–23 February off; Saturdays 14 and 28 February make-up
working days, which tests/unit/test_reminders.py checks chinese_calendar says): the two timers
of the catalog's sample periods, the department's verification, rectification and reply, the
applicant's rating of it, the one appeal and the supervisor's decision, what each side sees,
the reminders of the two timers, and bad input refused with nothing changed."""
from __future__ import annotations

import json

import pytest

from chalicelib.api import presenters
from chalicelib.domain.errors import InvalidRequest, NotAllowedNow
from chalicelib.domain.queue import Lane, lane_of
from chalicelib.domain.rating_review import review_of
from chalicelib.service_layer import public, staff
from chalicelib.service_layer.reminders import send_reminders
from tests.conftest import consultation, officer
from tests.unit.test_reminders import _reminders, beijing

OFFICER, COLLEAGUE, HEAD, SUPERVISOR = ("officer.quality-station", "officer2.quality-station", "head.quality-station",
                                        "supervisor")
VERIFIED = {"action": "verify_rating", "verification": "电话回访：申请人反映首次答复不够具体。"}
REPORTED = {"action": "report_rectification", "rectification": "已组织经办人员学习答复规范。",
            "reply": "感谢您的意见，我们已补充书面答复并改进答复方式。"}


def act(deps, who, no, body):
    return staff.act(officer(deps, who), no, body, deps)


def applicant(deps, no, body):
    return public.act_as_applicant(no, deps.links.access_token(no), body, deps)[0]


def applicant_view(deps, no) -> dict:
    return presenters.status(*public.open_as_applicant(no, deps.links.access_token(no), deps), deps.catalog)


def staff_view(deps, who, no) -> dict:
    o = officer(deps, who)
    return presenters.status(staff.open_request(o, no, deps), o.viewer(), deps.catalog)


def offered(view: dict) -> list[str]:
    return [a["id"] for a in view["actions"]]


def rated_poorly(deps, clock, day: str = "2026-02-12", level: int = 2, lang: str = "zh", **form) -> str:
    """A consultation served to completion and rated `level` on `day` (Thursday before Spring Festival)."""
    clock.current = beijing("2026-02-09")
    no = public.submit(consultation(**form), deps, lang=lang).request.tracking_no
    act(deps, OFFICER, no, {"action": "accept"})
    act(deps, OFFICER, no, {"action": "assign", "assignee": COLLEAGUE})
    act(deps, COLLEAGUE, no, {"action": "start"})
    act(deps, COLLEAGUE, no, {"action": "complete", "summary": "已现场解答全部问题。"})
    clock.current = beijing(day)
    applicant(deps, no, {"action": "rate", "level": level, "comment": "答复太笼统"})
    return no


def test_the_catalog_periods_are_marked_samples_and_these_tests_assume_five_and_fifteen(catalog):
    s = catalog.standards
    assert s.sample and (s.rating_verify_days("consultation"), s.rating_rectify_days("consultation")) == (5, 15)


def test_a_poor_rating_opens_the_task_with_two_timers_across_the_holiday_and_make_up_saturdays(deps, clock):
    no = rated_poorly(deps, clock)
    r = deps.store.get(no)
    # 5 working days from Thursday 12 February: 13, Saturday 14 (make-up), 24, 25, 26 (15–23 off).
    # 15: … 27, Saturday 28 (make-up), 2, 3, 4, 5, 6, 9, 10, 11 March. Monday–Friday would say 19 Feb / 5 Mar.
    assert (r.verify_by, r.rectify_by) == ("2026-02-26", "2026-03-11")
    (rate,) = [e for e in r.timeline if e.action == "rate"]
    assert rate.details == {"level": 2, "verify_by": "2026-02-26", "rectify_by": "2026-03-11"}  # the shared contract
    assert r.due == "2026-02-26" and lane_of(r) is Lane.POOR_RATING and not r.rating_excluded
    lane = staff.queue(officer(deps, OFFICER), "quality-station", "poor_rating", {}, None, deps).entries
    assert [(e.tracking_no, e.due) for e in lane] == [(no, "2026-02-26")]
    email = deps.store.messages[(no, f"{r.version:03d}-rate.quality-station.email")]
    assert "回访核实时限：2026-02-26；整改反馈时限：2026-03-11" in email.body and "rectify and report back by 2026-03-11" in email.body


def test_a_good_rating_opens_nothing_and_its_steps_answer_not_allowed(deps, clock):
    no = rated_poorly(deps, clock, level=3)
    r = deps.store.get(no)
    assert review_of(r) is None and r.due is None and lane_of(r) is Lane.CLOSED and r.verify_by is None
    assert r.timeline[-1].details == {"level": 3}  # no timers on a rating that is not poor
    assert offered(staff_view(deps, OFFICER, no)) == ["record"]
    for body in (VERIFIED, {"action": "appeal_rating", "reason": "评价与事实不符，申请人未接受服务。"}):
        with pytest.raises(NotAllowedNow):
            act(deps, OFFICER, no, body)
    assert [e.action for e in deps.store.get(no).timeline][-1] == "rate"


def test_verify_then_rectify_then_the_applicant_rates_it_and_the_task_closes(deps, clock):
    no = rated_poorly(deps, clock)
    assert offered(staff_view(deps, OFFICER, no)) == ["record", "verify_rating", "appeal_rating"]
    with pytest.raises(NotAllowedNow):  # the call-back comes first
        act(deps, OFFICER, no, REPORTED)
    clock.current = beijing("2026-02-14")  # the make-up Saturday is a working day
    r = act(deps, COLLEAGUE, no, VERIFIED)
    assert r.due == "2026-03-11" and review_of(r).verification.details == {"verification": VERIFIED["verification"]}
    assert offered(staff_view(deps, OFFICER, no)) == ["record", "report_rectification", "appeal_rating"]
    assert offered(applicant_view(deps, no)) == []  # nothing to rate before the reply
    clock.current = beijing("2026-03-02")
    r = act(deps, COLLEAGUE, no, REPORTED)
    assert r.due is None and lane_of(r) is Lane.CLOSED
    (sms,) = [m for (n, i), m in deps.store.messages.items() if n == no and i.endswith("-report_rectification.applicant.sms")]
    assert deps.links.status_url(no, "zh") in sms.body and "评价整改结果" in sms.body
    seen = applicant_view(deps, no)
    assert offered(seen) == ["rate_rectification"]
    assert seen["rating_review"]["reply"] == REPORTED["reply"] and seen["rating_review"]["rectification"] is None
    assert seen["rating_review"]["verification"] is None and seen["rating_review"]["verified_at"]
    assert [(e["action"], e["label"]["en"]) for e in seen["timeline"][-2:]] == [
        ("rate", "Rated"), ("report_rectification", "Report the rectification")]  # the call-back is internal
    assert VERIFIED["verification"] not in json.dumps(seen, ensure_ascii=False)  # the call-back's record is internal
    r = applicant(deps, no, {"action": "rate_rectification", "level": "basically_satisfied"})
    assert r.timeline[-1].details == {"level": "basically_satisfied"} and r.rating == 2  # the first rating stays
    assert offered(applicant_view(deps, no)) == [] and "rate_rectification" in {
        i.split("-", 1)[1].split(".")[0] for (n, i) in deps.store.messages if n == no}  # the department is told
    assert staff_view(deps, OFFICER, no)["rating_review"]["rectification_rating"]["label"]["en"] == "Basically satisfied"


def test_an_upheld_appeal_excludes_the_rating_keeps_it_and_the_applicant_sees_no_name(deps, clock):
    no = rated_poorly(deps, clock)
    clock.current = beijing("2026-02-13")
    act(deps, COLLEAGUE, no, {"action": "appeal_rating", "reason": "申请人评价针对的是其他单位的事项。"})
    (asked,) = [m for (n, i), m in deps.store.messages.items() if n == no and "-appeal_rating." in i]
    assert asked.recipient == "supervisor@staff.example.org" and asked.audience == "supervisor-1"  # who decides is told
    assert "申请人评价针对的是其他单位的事项。" in asked.body and deps.links.workbench_url(no) in asked.body
    assert "\n" not in asked.subject and "awaits your decision" in asked.subject
    with pytest.raises(NotAllowedNow):  # one appeal per rating
        act(deps, HEAD, no, {"action": "appeal_rating", "reason": "再次申诉，理由同上。"})
    with pytest.raises(NotAllowedNow):  # only the supervisor decides
        act(deps, HEAD, no, {"action": "decide_appeal", "upheld": True, "reason": "自行决定"})
    assert offered(staff_view(deps, SUPERVISOR, no)) == ["decide_appeal"]
    r = act(deps, SUPERVISOR, no, {"action": "decide_appeal", "upheld": True, "reason": "经核实，评价对象有误。"})
    assert r.rating_excluded and r.rating == 2 and r.rating_comment == "答复太笼统"  # excluded, never deleted
    assert r.timeline[-1].details == {"upheld": True} and r.due is None and lane_of(r) is Lane.CLOSED
    assert offered(staff_view(deps, SUPERVISOR, no)) == [] and offered(staff_view(deps, OFFICER, no)) == ["record"]
    seen = applicant_view(deps, no)
    review = seen["rating_review"]
    assert review["appealed_at"] and review["decision"]["id"] == "upheld" and review["rating_excluded"]
    assert review["appeal_reason"] is review["decided_by"] is review["appeal_by"] is review["decision_grounds"] is None
    body = json.dumps(seen, ensure_ascii=False)
    for who in (COLLEAGUE, SUPERVISOR, officer(deps, SUPERVISOR).name, officer(deps, COLLEAGUE).name,
                "申请人评价针对的是其他单位的事项", "经核实，评价对象有误"):
        assert who not in body.replace(seen["assignee"] or "\0", ""), who  # the assignee's name is shown already
    told = {i for (n, i) in deps.store.messages if n == no and "-decide_appeal." in i}
    assert told == {f"{r.version:03d}-decide_appeal.quality-station.email"}
    inside = staff_view(deps, OFFICER, no)["rating_review"]
    assert inside["decided_by"] == officer(deps, SUPERVISOR).name and inside["decision_grounds"] == "经核实，评价对象有误。"


def test_a_rejected_appeal_leaves_the_rating_counted_and_the_task_running(deps, clock):
    no = rated_poorly(deps, clock)
    act(deps, OFFICER, no, {"action": "appeal_rating", "reason": "申请人评价针对的是其他单位的事项。"})
    assert deps.store.get(no).due == "2026-02-26"  # an appeal does not stop the timers
    r = act(deps, SUPERVISOR, no, {"action": "decide_appeal", "upheld": False, "reason": "评价属实。"})
    assert not r.rating_excluded and r.timeline[-1].details == {"upheld": False}
    assert r.due == "2026-02-26" and lane_of(r) is Lane.POOR_RATING and "verify_rating" in offered(staff_view(deps, OFFICER, no))
    assert applicant_view(deps, no)["rating_review"]["decision"]["id"] == "rejected"


def test_the_rated_officer_sees_no_more_of_the_rater_than_the_request_shows(deps, clock):
    no = rated_poorly(deps, clock)
    seen = staff_view(deps, COLLEAGUE, no)
    (rate,) = [e for e in seen["timeline"] if e["action"] == "rate"]
    assert rate["by"] is None and seen["rating"]["level"] == 2


@pytest.mark.parametrize("body, field", [
    ({"action": "verify_rating", "verification": " "}, "verification"),
    ({"action": "verify_rating"}, "verification"),
    ({"action": "appeal_rating", "reason": "短"}, "reason"),
    ({"action": "verify_rating", "verification": "已回访", "by": "x"}, "by"),
])
def test_bad_input_of_the_department_is_refused_in_both_languages_and_changes_nothing(deps, clock, body, field):
    no = rated_poorly(deps, clock)
    before = deps.store.get(no)
    with pytest.raises(InvalidRequest) as info:
        act(deps, OFFICER, no, body)
    (error,) = info.value.errors
    assert error.field == field and error.message.zh and error.message.en and error.message.zh != error.message.en
    assert deps.store.get(no) == before


def test_bad_decisions_and_ratings_of_the_rectification_are_refused(deps, clock):
    no = rated_poorly(deps, clock)
    act(deps, OFFICER, no, {"action": "appeal_rating", "reason": "申请人评价针对的是其他单位的事项。"})
    with pytest.raises(InvalidRequest) as info:
        act(deps, SUPERVISOR, no, {"action": "decide_appeal", "reason": "经核实。"})
    assert [e.field for e in info.value.errors] == ["upheld"]
    act(deps, OFFICER, no, VERIFIED)
    act(deps, OFFICER, no, REPORTED)
    before = deps.store.get(no)
    with pytest.raises(InvalidRequest) as info:
        applicant(deps, no, {"action": "rate_rectification", "level": "very_satisfied"})
    assert [e.field for e in info.value.errors] == ["level"] and deps.store.get(no) == before


def test_the_two_timers_are_reminded_and_escalated_once_each(deps, clock):
    no = rated_poorly(deps, clock)
    clock.current = beijing("2026-02-25")  # the working day before the verification's deadline
    send_reminders(deps)
    (reminder,) = [m for m in _reminders(deps, no)["reminder"]]
    assert "差评回访核实时限" in reminder.body and "2026-02-26" in reminder.body and reminder.audience == "assignee"
    clock.current = beijing("2026-02-27")  # one working day late: the head is told
    send_reminders(deps)
    send_reminders(deps)
    assert len(_reminders(deps, no)["escalation_head"]) == 1
    act(deps, COLLEAGUE, no, VERIFIED)
    clock.current = beijing("2026-03-10")  # the working day before the rectification's deadline
    send_reminders(deps)
    later = [m for m in _reminders(deps, no)["reminder"] if "2026-03-11" in m.body]
    assert len(later) == 1 and "差评整改反馈时限" in later[0].body


def test_the_catalog_refuses_a_rectification_period_shorter_than_the_verification(catalog):
    from pydantic import ValidationError

    from chalicelib.catalog.models import ServiceStandards

    data = catalog.standards.model_dump() | {"rating_rectify_working_days": {"consultation": 2}}
    with pytest.raises(ValidationError, match="rectification period"):
        ServiceStandards.model_validate(data)
    shorter = ServiceStandards.model_validate(data | {"rating_verify_working_days": {"consultation": 1}})
    assert (shorter.rating_verify_days("consultation"), shorter.rating_rectify_days("consultation")) == (1, 2)
    assert shorter.rating_verify_days("pre-acceptance") == 5


def test_an_appeal_waiting_keeps_the_request_in_the_lane_after_the_reply_and_a_rejection_closes_it(deps, clock):
    no = rated_poorly(deps, clock)
    act(deps, OFFICER, no, VERIFIED)
    act(deps, OFFICER, no, REPORTED)
    r = act(deps, OFFICER, no, {"action": "appeal_rating", "reason": "申请人评价针对的是其他单位的事项。"})
    assert r.due is None and lane_of(r) is Lane.POOR_RATING  # nothing owed by the department; the supervisor's turn
    r = act(deps, SUPERVISOR, no, {"action": "decide_appeal", "upheld": False, "reason": "评价属实。"})
    assert lane_of(r) is Lane.CLOSED and not r.rating_excluded


def test_the_loop_reads_only_the_steps_after_the_rating(deps, clock):
    import dataclasses

    no = rated_poorly(deps, clock)
    r = deps.store.get(no)
    stray = dataclasses.replace(r.timeline[-1], seq=0, action="verify_rating")  # before the rating: not this loop's
    review = review_of(dataclasses.replace(r, timeline=(stray,) + r.timeline))
    assert review.verification is None and review.running == "2026-02-26"


def test_two_appeals_at_once_make_one_the_second_judged_against_the_first(deps, clock):
    from chalicelib.service_layer.steps import parse_action, take_step

    no = rated_poorly(deps, clock)
    stale = deps.store.get(no)  # both officers read the request before either writes
    appeal = parse_action({"action": "appeal_rating", "reason": "申请人评价针对的是其他单位的事项。"})
    take_step(stale, appeal, officer(deps, OFFICER).viewer(), deps, deps.store.get)
    with pytest.raises(NotAllowedNow):
        take_step(stale, appeal, officer(deps, HEAD).viewer(), deps, deps.store.get)
    assert [e.action for e in deps.store.get(no).timeline].count("appeal_rating") == 1


def test_the_reply_reaches_the_applicant_in_their_language_by_sms_and_email(deps, clock):
    no = rated_poorly(deps, clock, lang="en", email="zhang@example.com")
    act(deps, OFFICER, no, VERIFIED)
    r = act(deps, OFFICER, no, REPORTED)
    sent = {m.channel.value: m for (n, i), m in deps.store.messages.items()
            if n == no and i.startswith(f"{r.version:03d}-report_rectification.applicant.")}
    assert set(sent) == {"sms", "email"} and "rate the rectification" in sent["sms"].body
    assert REPORTED["reply"] in sent["email"].body and "The department's reply" in sent["email"].body
    assert REPORTED["rectification"] not in sent["email"].body  # the department's own record


def test_timers_running_into_a_year_not_yet_announced_say_they_count_monday_to_friday(deps, clock):
    from chalicelib.domain.notifications import NOT_OFFICIAL

    no = rated_poorly(deps, clock, day="2026-12-21")  # a Monday; 15 working days end in January 2027
    r = deps.store.get(no)
    assert r.verify_by == "2026-12-28" and r.rectify_by == "2027-01-11"  # Monday to Friday (2027 not announced)
    for seen in (applicant_view(deps, no), staff_view(deps, OFFICER, no)):
        note = seen["rating_review"]["deadline_note"]
        assert NOT_OFFICIAL[0] in note["zh"] and NOT_OFFICIAL[1] in note["en"]
        assert deps.catalog.standards.sample_note.zh in note["zh"]  # and the periods are samples
