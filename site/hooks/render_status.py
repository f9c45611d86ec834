"""The status page: lookup by tracking number and secret (filled from the link in the SMS), the
timeline, and what the reader may do next: withdraw, rate, or, for a lead department opening
its link, accept / assign / start / complete / reject."""
from __future__ import annotations

from html import escape

from chalicelib.domain.model import RATING_LABELS

_UI = {
    "zh": {"no": "申请编号", "token": "查询密钥", "token_help": "见受理短信或邮件中的链接",
           "submit": "查询", "noscript": "查询进度需要启用浏览器的 JavaScript。",
           "not_found": "未找到该申请。请核对申请编号和查询密钥。", "error": "暂时无法查询，请稍后再试。",
           "status": "当前状态", "service": "服务事项", "lead": "牵头部门", "timeline": "办理记录",
           "respond_by": "最迟联系日期", "assignee": "服务人员", "withdraw": "撤回申请",
           "withdraw_confirm": "确定撤回此申请吗？撤回后部门将停止办理。", "rate": "评价本次服务",
           "rate_level": "您对本次服务的评价", "comment": "意见和建议（选填）", "send_rating": "提交评价",
           "rating": "您的评价", "done": "已更新。", "not_allowed": "该申请当前的状态不允许此操作。",
           "dept": "部门办理", "accept": "受理", "reject": "不予受理", "reason": "不予受理的理由",
           "assign": "派单", "assignee_name": "服务人员（项目管家或联络员）姓名", "start": "开始服务",
           "complete": "办结"},
    "en": {"no": "Tracking number", "token": "Access key", "token_help": "In the link of your acknowledgement SMS or email",
           "submit": "Look up", "noscript": "Looking up a request needs JavaScript in your browser.",
           "not_found": "No such request. Check the tracking number and the access key.",
           "error": "The lookup is unavailable for a moment; try again shortly.",
           "status": "Status", "service": "Service", "lead": "Lead department", "timeline": "Timeline",
           "respond_by": "Contact you by", "assignee": "Your officer", "withdraw": "Withdraw the request",
           "withdraw_confirm": "Withdraw this request? The department will stop working on it.",
           "rate": "Rate the service", "rate_level": "How satisfied are you with the service?",
           "comment": "Comments (optional)", "send_rating": "Send rating", "rating": "Your rating",
           "done": "Updated.", "not_allowed": "The request's current status does not allow this.",
           "dept": "Department actions", "accept": "Accept", "reject": "Reject", "reason": "Reason for rejecting",
           "assign": "Assign", "assignee_name": "Officer's name (steward or liaison)", "start": "Start service",
           "complete": "Complete"},
}


def render_status(lang: str) -> str:
    ui = _UI[lang]
    data = " ".join(f'data-msg-{k.replace("_", "-")}="{escape(v)}"' for k, v in ui.items())
    levels = "".join(
        f'<div class="portal-choice"><input type="radio" id="r-level-{n}" name="level" value="{n}" required>'
        f'<label for="r-level-{n}">{escape(RATING_LABELS[n][0 if lang == "zh" else 1])}</label></div>'
        for n in sorted(RATING_LABELS, reverse=True))
    return (
        f'<form class="portal-status-form" data-lang="{lang}" {data} hidden>\n'
        f'<div class="portal-field"><label for="s-no">{ui["no"]}</label>\n'
        f'<input id="s-no" name="no" type="text" required maxlength="40" autocomplete="off" spellcheck="false"></div>\n'
        f'<div class="portal-field"><label for="s-token">{ui["token"]}</label>\n'
        f'<p class="portal-hint" id="s-token-help">{ui["token_help"]}</p>\n'
        f'<input id="s-token" name="token" type="password" required maxlength="100" autocomplete="off" aria-describedby="s-token-help"></div>\n'
        f'<button type="submit" class="md-button md-button--primary">{ui["submit"]}</button>\n'
        f'</form>\n<div class="portal-status" role="status" aria-live="polite" tabindex="-1"></div>\n'
        f'<div class="portal-next" hidden>\n'
        f'<button type="button" class="md-button portal-withdraw" hidden>{ui["withdraw"]}</button>\n'
        f'<form class="portal-rating" hidden><fieldset class="portal-group"><legend>{ui["rate_level"]}</legend>'
        f'<div class="portal-choices">{levels}</div></fieldset>\n'
        f'<div class="portal-field"><label for="r-comment">{ui["comment"]}</label>'
        f'<textarea id="r-comment" name="comment" maxlength="500" rows="3"></textarea></div>\n'
        f'<button type="submit" class="md-button md-button--primary">{ui["send_rating"]}</button></form>\n'
        f'<form class="portal-dept" hidden><h2>{ui["dept"]}</h2>\n'
        f'<div class="portal-field"><label for="d-assignee">{ui["assignee_name"]}</label>'
        f'<input id="d-assignee" name="assignee" type="text" maxlength="40"></div>\n'
        f'<div class="portal-field"><label for="d-reason">{ui["reason"]}</label>'
        f'<input id="d-reason" name="reason" type="text" maxlength="300"></div>\n'
        + "".join(f'<button type="button" class="md-button" data-action="{a}">{ui[a]}</button> '
                  for a in ("accept", "reject", "assign", "start", "complete"))
        + '</form>\n</div>\n'
        f'<noscript><p class="portal-noscript">{ui["noscript"]}</p></noscript>')
