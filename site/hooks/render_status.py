"""The status page: lookup by tracking number and secret (filled from the link in the SMS), the
timeline, and one small form per step of the lifecycle's table (chalicelib/domain/lifecycle.py)
that the applicant may take (answer, withdraw, rate; departments act in the workbench,
/staff/). Every form starts hidden; status.js shows those the API lists as
allowed now, so this page never decides who may do what."""
from __future__ import annotations

from html import escape

from chalicelib.domain.lifecycle import Party, Step, steps_by
from form_ui import UI
from render_form import field_html
from render_notices import notices_section
from ui_common import DATE_TIME, PAREN, SEP

_UI = {
    "zh": {"no": "申请编号", "token": "查询密钥", "token_help": "见受理短信或邮件中的链接",
           "submit": "查询", "noscript": "查询进度需要启用浏览器的 JavaScript。",
           "not_found": "未找到该申请。请核对申请编号和查询密钥。", "error": "暂时无法查询，请稍后再试。",
           "status": "当前状态", "service": "服务事项", "lead": "牵头部门", "timeline": "办理记录",
           "respond_by": "最迟联系日期", "assignee": "服务人员", "rating": "您的评价", "done": "已更新。",
           "not_allowed": "该申请当前的状态不允许此操作。", "dept": "部门办理", "reach": "联系方式",
           "summary": "办结说明", "records": "服务记录", "info": "需要您补充的内容", "minutes": "分钟",
           "review": "评价回访与整改", "verify_by": "回访核实时限", "rectify_by": "整改反馈时限", "reply": "部门答复",
           "rectification_rating": "您对整改结果的评价", "appeal": "评价复核",
           "appealed": "部门认为该评价属恶意或错误评价，已申请复核，由市城乡建设局考核督查人员决定。"},
    "en": {"no": "Tracking number", "token": "Access key", "token_help": "In the link of your acknowledgement SMS or email",
           "submit": "Look up", "noscript": "Looking up a request needs JavaScript in your browser.",
           "not_found": "No such request. Check the tracking number and the access key.",
           "error": "The lookup is unavailable for a moment; try again shortly.",
           "status": "Status", "service": "Service", "lead": "Lead department", "timeline": "Timeline",
           "respond_by": "Contact you by", "assignee": "Your officer", "rating": "Your rating", "done": "Updated.",
           "not_allowed": "The request's current status does not allow this.", "dept": "Department actions",
           "reach": "How to reach them",
           "summary": "Completion summary", "records": "Service records", "info": "What the department needs from you",
           "minutes": "minutes",
           "review": "Follow-up of your rating", "verify_by": "Call back and verify by",
           "rectify_by": "Rectify and report back by", "reply": "The department's reply",
           "rectification_rating": "Your rating of the rectification", "appeal": "Review of your rating",
           "appealed": "The department believes the rating malicious or mistaken and asked for a review; "
                       "the bureau's assessment office decides."},
}


def action_form(step: Step, lang: str) -> str:
    """The step's fields (from its model, as the request forms render theirs) and its button. A
    step that cannot be undone (`confirm` in the lifecycle's table) asks first: its button opens
    the question, with the fields (an optional reason, say), and only "yes" sends it."""
    schema = step.params.model_json_schema()
    required = set(schema.get("required", []))
    fields = "\n".join(field_html(name, prop, name in required, lang, prefix=f"a-{step.action}-")
                       for name, prop in schema["properties"].items() if name != "action")
    fields = f"{fields}\n" if fields else ""
    words = " ".join(f'data-msg-{k}="{escape(v)}"' for k, v in UI[lang]["messages"].items()) if fields else ""
    head = f'<form class="portal-action" data-action="{escape(step.action)}" novalidate hidden{" " + words if words else ""}>\n'
    if step.confirm is None:
        return head + fields + f'<button type="submit" class="md-button">{escape(step.label[lang])}</button>\n</form>\n'
    ask, c = f"a-{step.action}", step.confirm
    return (head + f'<button type="button" class="md-button portal-ask" aria-expanded="false" aria-controls="{ask}-confirm">'
            f'{escape(step.label[lang])}</button>\n'
            f'<div class="portal-confirm" id="{ask}-confirm" role="group" aria-labelledby="{ask}-question" hidden>\n'
            f'<p class="portal-question" id="{ask}-question" tabindex="-1"><strong>{escape(c.question[lang])}</strong></p>\n'
            + fields + f'<button type="submit" class="md-button md-button--primary">{escape(c.yes[lang])}</button>\n'
            f'<button type="button" class="md-button portal-cancel">{escape(c.no[lang])}</button>\n</div>\n</form>\n')


def render_status(lang: str, root: str = "../") -> str:
    """The lookup form, the answer's box and the action forms; `root` leads back to the site's
    root from the status page (where the lead departments' contacts are: contacts/#<stage>)."""
    ui = _UI[lang] | {"sep": SEP[lang], "paren": PAREN[lang], "date_time": DATE_TIME[lang]}
    data = " ".join(f'data-msg-{k.replace("_", "-")}="{escape(v)}"' for k, v in ui.items())
    applicant = "".join(action_form(s, lang) for s in steps_by(Party.APPLICANT))
    return (
        f'<form class="portal-status-form" data-lang="{lang}" data-contacts="{root}contacts/" {data} hidden>\n'
        f'<div class="portal-field"><label for="s-no">{ui["no"]}</label>\n'
        f'<input id="s-no" name="no" type="text" required autocomplete="off" autocapitalize="characters" spellcheck="false"></div>\n'
        f'<div class="portal-field"><label for="s-token">{ui["token"]}</label>\n'
        f'<p class="portal-hint" id="s-token-help">{ui["token_help"]}</p>\n'
        f'<input id="s-token" name="token" type="password" required autocomplete="off" aria-describedby="s-token-help"></div>\n'
        f'<button type="submit" class="md-button md-button--primary">{ui["submit"]}</button>\n'
        f'</form>\n<div class="portal-status" role="status" aria-live="polite" tabindex="-1"></div>\n'
        + notices_section(lang) +
        f'<div class="portal-next" hidden>\n'
        f'<section class="portal-actions" data-party="applicant" hidden>\n{applicant}</section>\n'
        f'</div>\n'
        f'<noscript><p class="portal-noscript">{ui["noscript"]}</p></noscript>')
