"""The request lifecycle, modelled on the 12345-hotline work order that users know: its statuses,
its actions, and ONE table (`STEPS`) of which action moves which status, taken by whom.

The request aggregate (request.py) checks every change against this table and answers which
actions a viewer may take now; the API returns those, and the site renders its buttons from
this table, so no script or template repeats a status or an action list."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..i18n import Text
from . import acceptance as acc
from . import actions as a
from . import notices as n
from . import staff_actions as sa


class Status(str, Enum):
    SUBMITTED = "submitted"
    NOTIFIED = "notified"  # a lead department's notification has gone out
    ACCEPTED = "accepted"
    ASSIGNED = "assigned"
    IN_SERVICE = "in_service"
    AWAITING_APPLICANT = "awaiting_applicant"  # 待补正: the clock stops until the applicant answers
    COMPLETED = "completed"
    RATED = "rated"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> Text:
        return STATUS_LABELS[self]


STATUS_LABELS: dict[Status, Text] = {
    Status.SUBMITTED: Text(zh="已提交", en="Submitted"),
    Status.NOTIFIED: Text(zh="已通知部门", en="Department notified"),
    Status.ACCEPTED: Text(zh="已受理", en="Accepted"),
    Status.ASSIGNED: Text(zh="已派单", en="Assigned"),
    Status.IN_SERVICE: Text(zh="服务中", en="In service"),
    Status.AWAITING_APPLICANT: Text(zh="待补正", en="More information needed"),
    Status.COMPLETED: Text(zh="已办结", en="Completed"),
    Status.RATED: Text(zh="已评价", en="Rated"),
    Status.REJECTED: Text(zh="不予受理", en="Rejected"),
    Status.WITHDRAWN: Text(zh="已撤回", en="Withdrawn"),
}

# Until a department has made first contact, the applicant is shown the date it is due by.
AWAITING_FIRST_CONTACT = frozenset({Status.SUBMITTED, Status.NOTIFIED, Status.ACCEPTED})
_NEW = frozenset({Status.SUBMITTED, Status.NOTIFIED})  # not yet taken up by a department


class Party(str, Enum):
    """How a viewer stands to one request (the aggregate derives it from the viewer)."""

    APPLICANT = "applicant"
    LEAD = "lead"              # an officer of a lead department: acts on it
    HEAD = "head"              # the head of a lead department: acts, and reassigns
    COPIED = "copied"          # an officer of a department that is copied: reads it
    SUPERVISOR = "supervisor"  # the assessment office: reads every request, acts on none
    SYSTEM = "system"          # the portal itself: records that a department was notified


class Audience(str, Enum):
    """Who is told when a step is taken."""

    APPLICANT = "applicant"
    LEADS = "leads"        # the lead departments (after the step: a transfer's new one)
    ASSIGNEE = "assignee"  # the officer the step assigned


class Keep(str, Enum):
    """Targets that are not a status: the step leaves the status as it is (a service record),
    or returns to the status the request was paused from (the applicant's answer)."""

    SAME = "same"
    RESUME = "resume"


@dataclass(frozen=True)
class Confirm:
    """What the page asks before it sends a step that cannot be undone: the question, and the
    words of the two answers (the reader's own step, not a browser dialog a page may not show)."""

    question: Text
    yes: Text
    no: Text


@dataclass(frozen=True)
class Step:
    """One row of the table: `action` moves a request from any of `sources` to `target`, taken
    by one of `by`, with a body of `params`; `notify` says who is told, `confirm` that the page
    asks before sending (a step no one can undo)."""

    action: str
    label: Text
    sources: frozenset[Status]
    target: Status | Keep
    by: frozenset[Party]
    params: type[a.ActionParams]
    notify: frozenset[Audience] = frozenset()
    confirm: Confirm | None = None
    services: frozenset[str] | None = None  # only requests of these services (None: every one)

    def applies_to(self, service: str) -> bool:
        return self.services is None or service in self.services


_S, _P, _A, _K = Status, Party, Audience, Keep
_LEADS = frozenset({_P.LEAD, _P.HEAD})
_SERVING = frozenset({_S.ACCEPTED, _S.ASSIGNED, _S.IN_SERVICE})
STEPS: tuple[Step, ...] = (
    # Once a lead department's email or SMS has actually gone out (the dispatcher records it).
    Step("notify", Text(zh="通知部门", en="Notify the department"), frozenset({_S.SUBMITTED}), _S.NOTIFIED,
         frozenset({_P.SYSTEM}), a.NotifyIn),
    Step("accept", Text(zh="受理", en="Accept"), _NEW, _S.ACCEPTED, _LEADS, sa.AcceptIn),
    Step("reject", Text(zh="不予受理", en="Reject"), _NEW, _S.REJECTED, _LEADS, sa.RejectIn,
         frozenset({_A.APPLICANT}), confirm=Confirm(
             Text(zh="确定不予受理此申请吗？申请人会收到短信和邮件。", en="Reject this request? The applicant is told by SMS and email."),
             Text(zh="确定不予受理", en="Yes, reject it"), Text(zh="返回", en="Go back"))),
    # 退回/转派, within two working days of arrival (request.TRANSFER_WITHIN); the clock restarts.
    Step("transfer", Text(zh="转派其他部门", en="Transfer to another department"), _NEW | {_S.ACCEPTED},
         _S.SUBMITTED, _LEADS, sa.TransferIn, frozenset({_A.LEADS, _A.APPLICANT}),
         confirm=Confirm(Text(zh="确定转派吗？本部门将不再看到此申请。",
                              en="Transfer this request? Your department will no longer see it."),
                         Text(zh="确定转派", en="Yes, transfer it"), Text(zh="返回", en="Go back"))),
    # 补正: the working-day clock stops while the request waits for the applicant.
    Step("ask_for_info", Text(zh="要求补正", en="Ask for more information"), _NEW | _SERVING,
         _S.AWAITING_APPLICANT, _LEADS, sa.AskInfoIn, frozenset({_A.APPLICANT})),
    Step("answer", Text(zh="提交补正", en="Send the information"), frozenset({_S.AWAITING_APPLICANT}), _K.RESUME,
         frozenset({_P.APPLICANT}), a.AnswerIn, frozenset({_A.LEADS})),
    # First-contact responsibility: a request is assigned once, and its officer keeps it; only
    # the department's head reassigns, with a reason.
    Step("assign", Text(zh="派单", en="Assign"), frozenset({_S.ACCEPTED}), _S.ASSIGNED,
         _LEADS, sa.AssignIn, frozenset({_A.APPLICANT, _A.ASSIGNEE})),
    Step("reassign", Text(zh="改派", en="Reassign"), frozenset({_S.ASSIGNED, _S.IN_SERVICE, _S.AWAITING_APPLICANT}),
         _K.SAME, frozenset({_P.HEAD}), sa.ReassignIn, frozenset({_A.APPLICANT, _A.ASSIGNEE})),
    Step("start", Text(zh="开始服务", en="Start service"), frozenset({_S.ASSIGNED}), _S.IN_SERVICE,
         _LEADS, sa.StartIn),
    Step("record", Text(zh="添加服务记录", en="Add a service record"),
         _SERVING | {_S.AWAITING_APPLICANT, _S.COMPLETED, _S.RATED}, _K.SAME, _LEADS, sa.RecordIn),
    # 一次性告知: a document attached to the request, final once issued (domain/notices.py).
    Step("issue_notice", Text(zh="出具一次性告知单", en="Issue a one-time notice"), _SERVING | {_S.AWAITING_APPLICANT},
         _K.SAME, _LEADS, n.IssueNoticeIn, frozenset({_A.APPLICANT}),
         confirm=Confirm(Text(zh="确定出具此告知单吗？出具后不能修改，只能出具新告知单替代；申请人会收到短信和邮件。",
                              en="Issue this notice? Once issued it cannot be changed, only replaced by a new notice; "
                                 "the applicant is told by SMS and email."),
                         Text(zh="确定出具", en="Yes, issue it"), Text(zh="返回修改", en="Go back"))),
    Step("complete", Text(zh="办结", en="Complete"), frozenset({_S.IN_SERVICE}), _S.COMPLETED,
         _LEADS, sa.CompleteIn, frozenset({_A.APPLICANT}),
         confirm=Confirm(Text(zh="确定办结此申请吗？申请人会收到办结说明并可以评价，办结后不能撤销。",
                              en="Complete this request? The applicant receives the summary and can rate the service; "
                                 "it cannot be undone."),
                         Text(zh="确定办结", en="Yes, complete it"), Text(zh="暂不办结", en="Not yet"))),
    # Side exit for the applicant, until an officer has been assigned.
    Step("withdraw", Text(zh="撤回申请", en="Withdraw the request"), _NEW | {_S.ACCEPTED},
         _S.WITHDRAWN, frozenset({_P.APPLICANT}), a.WithdrawIn, frozenset({_A.LEADS}),
         confirm=Confirm(Text(zh="确定撤回此申请吗？撤回后部门将停止办理，撤回不能撤销。",
                              en="Withdraw this request? The department will stop working on it, and this cannot be undone."),
                         Text(zh="确定撤回", en="Yes, withdraw it"), Text(zh="不撤回", en="No, keep my request"))),
    Step("rate", Text(zh="评价本次服务", en="Rate the service"), frozenset({_S.COMPLETED}), _S.RATED,
         frozenset({_P.APPLICANT}), a.RateIn),
    # 一次验收通过率: the formal acceptance's outcome after an acceptance-related service (again as it changes).
    Step("record_acceptance_outcome", Text(zh="登记正式验收结果", en="Record the formal acceptance outcome"),
         frozenset({_S.COMPLETED, _S.RATED}), _K.SAME, _LEADS, acc.AcceptanceOutcomeIn,
         services=acc.ACCEPTANCE_SERVICES),
)

# The steps a person takes (through the API); the portal's own are taken by the service layer.
ASKED_STEPS: tuple[Step, ...] = tuple(s for s in STEPS if s.by != {Party.SYSTEM})
_BY_ACTION = {s.action: s for s in STEPS}
assert len(_BY_ACTION) == len(STEPS), "an action appears twice in STEPS"


def step(action: str) -> Step:
    """The row of `action`; KeyError for an unknown one."""
    return _BY_ACTION[action]


def steps_by(party: Party) -> tuple[Step, ...]:
    """Every step `party` can ever take, in table order (the site renders their controls)."""
    return tuple(s for s in STEPS if party in s.by)
