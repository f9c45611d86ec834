"""The one-time notice (一次性告知单): a document an officer of a lead department issues on a
request, listing at once everything that is missing or must be rectified (方案四（六）3).

A notice is not a status: issuing one is a step of the lifecycle's table that keeps the status
(`issue_notice`), and the step attaches the document to the request. Once issued a notice is
final: it is never edited, only superseded by a new notice (the next number) that names the one
it replaces, so at most one notice of a request is in force. Every notice issued is counted on
the request (`notices_issued`): the plan's aim is to tell everything the first time."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from ..i18n import Text
from .actions import ActionParams
from .errors import FieldError, InvalidRequest, NotAllowedNow
from .labels import choices, labelled, one_of
from .text import ManyLines

if TYPE_CHECKING:
    from .request import ServiceRequest, TimelineEvent

MAX_ITEMS = 20
# In which form a material is handed in (the notice's "形式" column).
FORMS = choices(
    paper_original=("纸质原件", "Paper original"),
    paper_copy=("纸质复印件", "Paper copy"),
    electronic=("电子文件", "Electronic file"),
    paper_and_electronic=("纸质和电子文件", "Paper and electronic file"),
)


class NoticeFinal(NotAllowedNow):
    """An issued notice is changed or removed: it cannot be (api/errors.py, notice_final)."""


class Bilingual(BaseModel):
    """One text of an item in Chinese and in its English rendering: the notice is read in both."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    zh: ManyLines = labelled("中文", "Chinese", min_length=1, max_length=500)
    en: ManyLines = labelled("英文", "English", min_length=1, max_length=800)


class NoticeItem(BaseModel):
    """One numbered line of a notice: what is wrong, by which standard or rule, what to hand
    in, in which form and how many copies."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    problem: Bilingual = labelled("缺少或需整改的内容", "What is missing or must be rectified")
    basis: Bilingual = labelled("依据（标准或规定）", "Basis (standard or rule)")
    provide: Bilingual = labelled("需提供的材料", "What to provide")
    form: one_of(FORMS) = labelled("提交形式", "In which form", choices=FORMS)  # type: ignore[valid-type]
    copies: int = Field(ge=1, le=99, json_schema_extra={"x-label": {"zh": "份数", "en": "Copies"}, "x-group": "request"})


class NoticeBody(BaseModel):
    """What an officer composes: the numbered items and, when a notice is in force, the number
    of the one this replaces (the officer says it, so two who compose at once cannot both
    replace the same notice). POST /api/staff/requests/{no}/notices takes it as it is."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    items: list[NoticeItem] = Field(min_length=1, max_length=MAX_ITEMS, json_schema_extra={
        "x-label": {"zh": "告知事项", "en": "Items"}, "x-group": "request"})
    replaces: int | None = Field(default=None, ge=1, le=999, json_schema_extra={
        "x-label": {"zh": "替代的告知单（序号）", "en": "Replaces the notice (its number)"}, "x-group": "request"})


class IssueNoticeIn(ActionParams, NoticeBody):
    """The body of the lifecycle's step `issue_notice`: a NoticeBody with its action."""

    action: Literal["issue_notice"]
    _seq: int = PrivateAttr(default=0)
    _tracking_no: str = PrivateAttr(default="")

    def bind(self, request: "ServiceRequest") -> "IssueNoticeIn":
        """The body judged against the request's notices: the next number, and the notice it
        replaces exists and is the one in force. InvalidRequest otherwise, naming `replaces`."""
        current = request.notices[-1] if request.notices else None
        if self.replaces is None and current is not None:
            _refuse(f"本申请已有生效的告知单 {current.number}。告知单出具后不能修改，请注明新告知单替代哪一份。",
                    f"Notice {current.number} is in force on this request. An issued notice cannot be changed: "
                    f"say which notice the new one replaces.")
        if self.replaces is not None:
            named = next((n for n in request.notices if n.seq == self.replaces), None)
            if named is None:
                _refuse(f"本申请没有第 {self.replaces} 号告知单。", f"This request has no notice number {self.replaces}.")
            if named is not current:
                _refuse(f"告知单 {named.number} 已被 {request.notices[named.seq].number} 替代，不能再次替代。",
                        f"Notice {named.number} was already superseded by {request.notices[named.seq].number}.")
        bound = self.model_copy()
        bound._seq, bound._tracking_no = len(request.notices) + 1, request.tracking_no
        return bound

    @property
    def number(self) -> str:
        return notice_number(self._tracking_no, self._seq)

    def note(self) -> tuple[str, str]:
        tail_zh = f"，替代 {notice_number(self._tracking_no, self.replaces)}" if self.replaces else ""
        tail_en = f", replacing {notice_number(self._tracking_no, self.replaces)}" if self.replaces else ""
        return (f"出具一次性告知单 {self.number}（{len(self.items)} 项）{tail_zh}",
                f"One-time notice {self.number} issued ({len(self.items)} items){tail_en}")

    def effects(self) -> dict[str, Any]:
        return {"notices_issued": self._seq}

    def details(self) -> dict[str, Any]:
        return {"notice": self._seq, "number": self.number, "replaces": self.replaces, "items": len(self.items)}

    def document(self, event: "TimelineEvent") -> "Notice":
        """The notice this step attaches, issued by the event's officer for its department."""
        return Notice(tracking_no=self._tracking_no, seq=self._seq, items=tuple(self.items), issued_at=event.at,
                      officer=event.by or "", officer_name=event.by_name or event.by or "",
                      department=event.department or "", replaces=self.replaces)


def _refuse(zh: str, en: str) -> None:
    raise InvalidRequest([FieldError("replaces", Text(zh=zh, en=en))])


def notice_number(tracking_no: str, seq: int | None) -> str:
    """A notice's number: the request's tracking number and the notice's sequence on it."""
    return f"{tracking_no}-N{seq:02d}" if seq else ""


@dataclass(frozen=True)
class Notice:
    """An issued notice, as the request keeps it (never changed after the write that issued it)."""

    tracking_no: str
    seq: int
    items: tuple[NoticeItem, ...]
    issued_at: datetime
    officer: str
    officer_name: str
    department: str
    replaces: int | None = None

    @property
    def number(self) -> str:
        return notice_number(self.tracking_no, self.seq)


def superseded_by(request: "ServiceRequest", notice: Notice) -> Notice | None:
    """The notice that replaced `notice`, if one did."""
    return next((n for n in request.notices if n.replaces == notice.seq), None)


def notice_of(request: "ServiceRequest", seq: str | int) -> Notice:
    """The request's notice of that number; NotFound (like an unknown request) otherwise."""
    from .errors import NotFound

    found = next((n for n in request.notices if str(n.seq) == str(seq)), None)
    if found is None:
        raise NotFound()
    return found
