"""The one-time notice's life without I/O: composed as numbered items, issued once with its
messages, final after issue, superseded only by the next number naming the one in force,
counted on the request, read by the applicant and the departments that see the request."""
import pytest

from chalicelib.domain.errors import InvalidRequest, NotAllowedNow, NotFound
from chalicelib.domain.lifecycle import Status
from chalicelib.domain.notices import MAX_ITEMS, NoticeFinal, superseded_by
from chalicelib.service_layer import notices, public, staff
from tests.conftest import consultation, officer

LEAD = "officer.quality-station"


def item(n: int = 1, **changes) -> dict:
    """A valid item of a notice; keyword arguments replace its parts."""
    body = {"problem": {"zh": f"缺少竣工图第{n}册", "en": f"As-built drawings volume {n} missing"},
            "basis": {"zh": "《建设工程文件归档规范》GB/T 50328", "en": "Code for filing construction documents GB/T 50328"},
            "provide": {"zh": f"竣工图第{n}册", "en": f"As-built drawings, volume {n}"},
            "form": "paper-original", "copies": 2}
    return body | changes


def accepted(deps, **changes) -> str:
    no = public.submit(consultation(**changes), deps).request.tracking_no
    staff.act(officer(deps, LEAD), no, {"action": "accept"}, deps)
    return no


def issue(deps, no, items, who=LEAD, **extra):
    return notices.issue(officer(deps, who), no, {"items": items} | extra, deps)


def test_a_notice_is_issued_once_with_its_number_event_count_and_the_applicants_messages(deps):
    no = accepted(deps)
    before = deps.store.writes
    request, notice = issue(deps, no, [item(1), item(2)])
    assert deps.store.writes == before + 1  # the notice, its event and its messages: one write
    assert notice.number == f"{no}-N01" and notice.seq == 1 and [i.copies for i in notice.items] == [2, 2]
    assert (notice.officer, notice.department, notice.replaces) == (LEAD, "quality-station", None)
    stored = deps.store.get(no)
    assert stored.notices == (notice,) and stored.notices_issued == 1
    assert stored.status is Status.ACCEPTED  # a document, not a state
    event = stored.timeline[-1]
    assert event.action == "issue_notice" and event.by == LEAD and notice.number in event.note_zh
    assert event.details == {"notice": 1, "number": notice.number, "replaces": None, "items": 2}
    sent = {m.message_id.split(".", 1)[1]: m for m in deps.store.messages.values()
            if m.tracking_no == no and "-issue_notice." in m.message_id}
    assert set(sent) == {"applicant.sms"}  # the consultation body gives no email
    link = deps.links.status_url(no, "zh") + "&notice=1"
    assert link in sent["applicant.sms"].body and notice.number in sent["applicant.sms"].body


def test_the_email_lists_every_item_in_the_applicants_language(deps):
    no = accepted(deps, email="zhang@example.test")
    issue(deps, no, [item(1), item(2, copies=1, form="electronic")])
    (mail,) = [m for m in deps.store.messages.values() if m.message_id.endswith("-issue_notice.applicant.email")]
    assert "1. 缺少竣工图第1册" in mail.body and "2. 缺少竣工图第2册" in mail.body
    assert "电子文件，1 份" in mail.body and deps.links.status_url(no, "zh") + "&notice=1" in mail.body


def test_a_second_notice_must_replace_the_one_in_force_and_is_counted(deps):
    no = accepted(deps)
    issue(deps, no, [item(1)])
    with pytest.raises(InvalidRequest) as info:
        issue(deps, no, [item(3)])  # one is in force: the new one must say it replaces it
    assert info.value.errors[0].field == "replaces" and f"{no}-N01" in info.value.errors[0].message.en
    request, second = issue(deps, no, [item(1), item(3)], replaces=1)
    assert second.number == f"{no}-N02" and second.replaces == 1
    assert request.notices_issued == 2 and superseded_by(request, request.notices[0]) == second
    assert superseded_by(request, second) is None
    for replaces, words in ((1, "already superseded"), (7, "no notice number 7")):
        with pytest.raises(InvalidRequest) as info:
            issue(deps, no, [item(4)], replaces=replaces)
        assert words in info.value.errors[0].message.en and info.value.errors[0].message.zh
    assert deps.store.get(no).notices_issued == 2  # the refusals changed nothing


@pytest.mark.parametrize("items, field", [
    ([], "items"),
    ([item(n) for n in range(MAX_ITEMS + 1)], "items"),
    ([item(problem={"zh": "缺" * 501, "en": "x"})], "items.0.problem.zh"),
    ([item(problem={"zh": "缺少", "en": ""})], "items.0.problem.en"),
    ([item(basis={"zh": "规范"})], "items.0.basis.en"),
    ([item(copies=0)], "items.0.copies"),
    ([item(form="fax")], "items.0.form"),
    ([item(provide={"zh": "\u202e图纸", "en": "drawings"})], "items.0.provide.zh"),
])
def test_bad_items_are_refused_in_both_languages_and_change_nothing(deps, items, field):
    no = accepted(deps)
    before = deps.store.get(no)
    with pytest.raises(InvalidRequest) as info:
        issue(deps, no, items)
    assert field in [e.field for e in info.value.errors]
    assert all(e.message.zh and e.message.en for e in info.value.errors)
    assert deps.store.get(no) == before


def test_only_a_lead_department_issues_other_departments_do_not_see_and_supervisors_only_read(deps):
    no = accepted(deps)
    with pytest.raises(NotFound):
        issue(deps, no, [item()], who="officer.fire-design-division")
    with pytest.raises(NotAllowedNow):
        issue(deps, no, [item()], who="supervisor")
    _, notice = issue(deps, no, [item()])
    assert notices.for_staff(officer(deps, "supervisor"), no, "1", deps)[1] == notice
    assert notices.for_staff(officer(deps, "head.quality-station"), no, "1", deps)[1] == notice
    for who, seq in (("officer.fire-design-division", "1"), (LEAD, "2"), (LEAD, "x")):
        with pytest.raises(NotFound):
            notices.for_staff(officer(deps, who), no, seq, deps)
    trail = deps.staff_store.audit(no)
    assert [a.action for a in trail].count("download_notice") == 2


def test_a_notice_is_not_issued_on_a_new_or_closed_request(deps):
    no = public.submit(consultation(), deps).request.tracking_no
    with pytest.raises(NotAllowedNow):
        issue(deps, no, [item()])
    staff.act(officer(deps, LEAD), no, {"action": "reject", "reason_code": "duplicate"}, deps)
    with pytest.raises(NotAllowedNow):
        issue(deps, no, [item()])


def test_an_issued_notice_cannot_be_changed_and_the_applicant_reads_it_with_the_secret(deps):
    no = accepted(deps)
    _, notice = issue(deps, no, [item()])
    with pytest.raises(NoticeFinal):
        notices.refuse_change(officer(deps, LEAD), no, "1", deps)
    with pytest.raises(NotFound):
        notices.refuse_change(officer(deps, "officer.fire-design-division"), no, "1", deps)
    assert notices.for_applicant(no, deps.links.access_token(no), "1", deps)[1] == notice
    with pytest.raises(NotFound):
        notices.for_applicant(no, "wrong-secret", "1", deps)
    with pytest.raises(NotFound):
        notices.for_applicant(no, deps.links.access_token(no), "2", deps)


def test_the_actions_route_issues_a_notice_the_same_way(deps):
    no = accepted(deps)
    request = staff.act(officer(deps, LEAD), no, {"action": "issue_notice", "items": [item()]}, deps)
    assert request.notices[0].number == f"{no}-N01" and deps.store.get(no).notices == request.notices
