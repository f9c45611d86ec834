"""The staff workbench (/staff/, /en/staff/): sign-in, the department's queue in lanes, and one
request with the actions its lead department may take now.

Everything the page lists comes from one place: the filters' options from the catalog, one
hidden form per staff step of the lifecycle's table (chalicelib/domain/lifecycle.py) with the
fields of its model, and the lanes, the officer's departments, the colleagues to assign to and
the actions allowed now from the API. The words are here, in both languages, and reach the
scripts as data-msg-* attributes, so no script holds a sentence or a list."""
from __future__ import annotations

from html import escape

from chalicelib.catalog import Catalog
from chalicelib.domain import lifecycle
from chalicelib.domain.lifecycle import Step
from chalicelib.domain.queue import APPEALS_LABEL, FACETS
from form_ui import UI as FORM_UI
from render_form import field_html
from render_notices import composer_form, notices_section
from ui_common import COLON, SEP

# Words the scripts need (data-msg-*) and words this renderer writes into the page.
_UI = {
    "zh": {
        "signin_title": "工作人员登录", "signin_hint": "仅供市城乡建设局各处室和区县建设行政主管部门的工作人员使用。",
        "username": "用户名", "password": "密码", "signin": "登录", "signout": "退出登录",
        "signed_out": "您已退出登录。", "expired": "登录已失效，请重新登录。",
        "idle": "您已较长时间未操作，为保护申请人的信息，系统已自动退出登录。请重新登录。",
        "network": "网络连接失败，请稍后重试。", "error": "暂时无法完成，请稍后重试。", "loading": "正在加载……",
        "queue": "申请队列", "department": "部门", "lanes": "工作队列", "filters": "筛选", "any": "全部",
        "one_filter": "一次按一项筛选：选择一项会清除其他各项。",
        "service": "服务事项", "stage": "阶段", "district": "区县", "assignee": "服务人员",
        "more": "加载更多", "empty": "此队列中没有申请。", "overdue": "已超期", "paused": "待申请人补正，计时暂停",
        "tracking_no": "申请编号", "organisation": "申请单位", "project": "项目", "submitted": "提交时间",
        "due": "办理期限", "status": "当前状态", "unassigned": "未派单", "back": "返回队列",
        "stages": "所属阶段", "lead": "牵头部门", "cc": "抄送部门", "rating": "申请人评价", "window": "来源窗口",
        "applicant": "申请单位和联系人", "credit_code": "统一社会信用代码", "contact": "联系人",
        "mobile": "手机号码", "email": "电子邮箱", "fields": "申请内容", "timeline": "办理记录",
        "by": "经办", "records": "服务档案", "record_kind": "服务方式", "record_date": "日期",
        "minutes": "分钟", "visible": "申请人可见", "internal": "仅内部可见",
        "info_requests": "补正材料", "asked": "提出时间", "answer": "申请人答复", "answered": "答复时间",
        "no_answer": "申请人尚未答复。", "audit": "审计日志", "audit_at": "时间", "audit_officer": "工作人员",
        "audit_action": "操作", "audit_reason": "原因", "export": "导出审计日志（CSV）",
        "actions": "可办理的操作", "no_actions": "该申请当前没有您可办理的操作。", "done": "已办理。",
        "not_found": "未找到该申请，或您无权查看。", "none": "无",
        "confirm_title": "请确认", "confirm_yes": "确定", "confirm_no": "取消",
        "noscript": "工作台需要启用浏览器的 JavaScript。", "trainings": "培训报名与签到",
        "reply_template": "答复模板", "reply_choose": "选择模板（填入后可修改）", "reply_sample": "示例",
        "parties": "五方责任主体和技术指导意见送达情况", "parties_later": "办结时发送技术指导意见。",
        "review": "差评整改", "verify_by": "回访核实时限", "rectify_by": "整改反馈时限", "verified": "回访核实情况",
        "rectified": "整改情况", "reply": "答复申请人", "rectification_rating": "申请人对整改结果的评价",
        "appeal": "申诉理由", "decision": "申诉决定", "grounds": "决定理由", "not_yet": "尚未办理",
        "dashboard": "绩效考核数据", "appealed_at": "申诉时间",
    },
    "en": {
        "signin_title": "Staff sign-in", "signin_hint": "For staff of the bureau's divisions and of the district construction authorities.",
        "username": "Username", "password": "Password", "signin": "Sign in", "signout": "Sign out",
        "signed_out": "You have signed out.", "expired": "Your session has ended. Sign in again.",
        "idle": "You were signed out after a time without activity, to protect applicants' data. Sign in again.",
        "network": "No connection. Try again shortly.", "error": "This could not be done just now. Try again shortly.",
        "loading": "Loading…",
        "queue": "Requests", "department": "Department", "lanes": "Queues", "filters": "Filter", "any": "All",
        "one_filter": "One filter at a time: choosing one clears the others.",
        "service": "Service", "stage": "Stage", "district": "District", "assignee": "Officer",
        "more": "More", "empty": "No requests in this queue.", "overdue": "Overdue",
        "paused": "Awaiting the applicant: the clock is stopped",
        "tracking_no": "Tracking number", "organisation": "Applicant", "project": "Project", "submitted": "Submitted",
        "due": "Due", "status": "Status", "unassigned": "Not assigned", "back": "Back to the queue",
        "stages": "Stages", "lead": "Lead department", "cc": "Copied to", "rating": "Applicant's rating",
        "window": "Service window",
        "applicant": "Applicant organisation and contact", "credit_code": "Unified social credit code",
        "contact": "Contact person", "mobile": "Mobile", "email": "Email", "fields": "The request",
        "timeline": "Timeline", "by": "By", "records": "Service records", "record_kind": "Kind",
        "record_date": "Date", "minutes": "min", "visible": "Shown to the applicant", "internal": "Internal only",
        "info_requests": "More information", "asked": "Asked", "answer": "Applicant's answer",
        "answered": "Answered", "no_answer": "The applicant has not answered yet.", "audit": "Audit trail",
        "audit_at": "Time", "audit_officer": "Officer", "audit_action": "Action", "audit_reason": "Reason",
        "export": "Export the audit trail (CSV)",
        "actions": "Actions", "no_actions": "There is nothing for you to do on this request now.", "done": "Done.",
        "not_found": "No such request, or not one you may see.", "none": "None",
        "confirm_title": "Please confirm", "confirm_yes": "Confirm", "confirm_no": "Cancel",
        "noscript": "The workbench needs JavaScript in your browser.", "trainings": "Trainings and check-in",
        "reply_template": "Reply template", "reply_choose": "Choose a template (edit it after)", "reply_sample": "sample",
        "parties": "Five responsible parties and delivery of the findings",
        "parties_later": "The findings are sent at completion.",
        "review": "Follow-up of a poor rating", "verify_by": "Call back and verify by",
        "rectify_by": "Rectify and report back by", "verified": "What the call-back found",
        "rectified": "What was put right", "reply": "Reply to the applicant",
        "rectification_rating": "The applicant's rating of the rectification",
        "appeal": "Grounds of the appeal", "decision": "Decision on the appeal", "grounds": "Grounds of the decision",
        "not_yet": "Not yet",
        "dashboard": "Performance figures", "appealed_at": "Appealed",
    },
}
assert _UI["zh"].keys() == _UI["en"].keys(), "every word of the workbench in both languages"


def staff_steps() -> tuple[Step, ...]:
    """The steps a department's officer or head, or a supervisor (a rating's appeal), can take, in
    the table's order: the table knows them, so a step added there gets its form here."""
    staff = {p for p in lifecycle.Party if p.value in ("lead", "head", "supervisor")}
    return tuple(s for s in lifecycle.STEPS if s.by & staff)


def action_form(step: Step, lang: str) -> str:
    """One step as a hidden form: its fields from its model, ids `w-<action>-<field>`; a
    one-time notice has a composer of its numbered items (render_notices.py)."""
    if step.action == "issue_notice":
        return composer_form(step, lang)
    schema = step.params.model_json_schema()
    required = set(schema.get("required", []))
    fields = "\n".join(field_html(name, prop, name in required, lang, prefix=f"w-{step.action}-")
                       for name, prop in schema["properties"].items() if name != "action")
    return (f'<form class="portal-action" data-action="{escape(step.action)}" novalidate hidden>\n'
            f'<h4>{escape(step.label[lang])}</h4>\n'
            f'<p class="portal-error portal-action-error" id="w-{escape(step.action)}-error" role="alert" hidden></p>\n'
            + (f"{fields}\n" if fields else "")
            + f'<button type="submit" class="md-button md-button--primary">{escape(step.label[lang])}</button>\n'
              f'</form>\n')


def _field(fid: str, label: str, control: str) -> str:
    return (f'<div class="portal-field" data-field="{fid.removeprefix("wb-")}">\n<label for="{fid}">{escape(label)}</label>\n'
            f'<p class="portal-error" id="{fid}-error" hidden></p>\n{control}\n</div>')


def _options(pairs, any_label: str | None) -> str:
    empty = f'<option value="">{escape(any_label)}</option>' if any_label is not None else ""
    return empty + "".join(f'<option value="{escape(k)}">{escape(v)}</option>' for k, v in pairs)


# Where the options of each of the queue's facets (domain/queue.py FACETS) come from.
_FACET_OPTIONS = {
    "service": lambda catalog, lang: [(s.id, s.name[lang]) for s in catalog.services],
    "stage": lambda catalog, lang: [(s.id, s.name[lang]) for s in catalog.stages],
    "district": lambda catalog, lang: [(d.district, d.district_name[lang]) for d in catalog.districts],
    "assignee": lambda catalog, lang: [],  # the department's officers, fetched by the script
}


def _filters(catalog: Catalog, ui: dict) -> str:
    """One select per facet the API filters by, in its order; a facet added there without its
    options here fails the build."""
    lang = ui["lang"]
    return "\n".join(_field(f"wb-{name}", ui[name], f'<select id="wb-{name}" name="{name}" '
                            f'aria-describedby="wb-{name}-error">{_options(_FACET_OPTIONS[name](catalog, lang), ui["any"])}</select>')
                     for name in FACETS)


def signin_form(ui: dict) -> str:
    """The staff sign-in form (the workbench's, the organiser's page's): staff-session.js signInForm."""
    def box(name, attrs):
        return _field(f"wb-{name}", ui[name], f'<input id="wb-{name}" name="{name}" {attrs} required '
                                              f'aria-describedby="wb-{name}-error">')
    return (f'<form class="portal-signin" aria-labelledby="wb-signin-title" novalidate hidden>\n'
            f'<h2 id="wb-signin-title">{escape(ui["signin_title"])}</h2>\n'
            f'<p class="portal-hint">{escape(ui["signin_hint"])}</p>\n'
            f'<p class="portal-error portal-signin-error" id="wb-signin-error" role="alert" hidden></p>\n'
            + box("username", 'type="text" autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="128"')
            + "\n" + box("password", 'type="password" autocomplete="current-password" maxlength="256"') + "\n"
            f'<button type="submit" class="md-button md-button--primary">{escape(ui["signin"])}</button>\n</form>\n')


def _queue(catalog: Catalog, ui: dict) -> str:
    departments = [(d.id, d.name[ui["lang"]]) for d in catalog.departments]
    return (
        f'<section class="portal-wb-queue" id="queue" aria-labelledby="wb-queue-title">\n'
        f'<h2 id="wb-queue-title" tabindex="-1">{escape(ui["queue"])}</h2>\n'
        f'<form class="portal-wb-filters" novalidate>\n'
        + _field("wb-department", ui["department"], f'<select id="wb-department" name="department" '
                 f'aria-describedby="wb-department-error">{_options(departments, None)}</select>') + "\n"
        # The API filters by one facet at a time (domain/queue.py FACETS): the script keeps one set.
        f'<fieldset class="portal-wb-filter-set" aria-describedby="wb-one-filter"><legend>{escape(ui["filters"])}</legend>\n'
        f'<p class="portal-hint" id="wb-one-filter">{escape(ui["one_filter"])}</p>\n{_filters(catalog, ui)}\n</fieldset>\n'
        f'</form>\n'
        f'<div class="portal-wb-lanes" role="tablist" aria-label="{escape(ui["lanes"])}"></div>\n'
        f'<div class="portal-wb-panel" id="wb-panel" role="tabpanel" tabindex="-1">\n'
        f'<p class="portal-wb-empty" hidden>{escape(ui["empty"])}</p>\n'
        f'<ol class="portal-wb-items"></ol>\n'
        f'<button type="button" class="md-button portal-wb-more" hidden>{escape(ui["more"])}</button>\n'
        f'</div>\n</section>\n')


def _request(ui: dict) -> str:
    forms = "".join(action_form(s, ui["lang"]) for s in staff_steps())
    return (
        f'<section class="portal-wb-request" aria-labelledby="wb-request-title" hidden>\n'
        f'<p><a class="portal-wb-back" href="#queue">{escape(ui["back"])}</a></p>\n'
        f'<h2 id="wb-request-title" tabindex="-1"></h2>\n'
        f'<div class="portal-wb-request-body"></div>\n'
        + notices_section(ui["lang"], "h3") +
        f'<section class="portal-wb-actions" aria-labelledby="wb-actions-title">\n'
        f'<h3 id="wb-actions-title">{escape(ui["actions"])}</h3>\n'
        f'<p class="portal-wb-done" role="status" aria-live="polite"></p>\n'
        f'<p class="portal-wb-no-actions" hidden>{escape(ui["no_actions"])}</p>\n'
        f'{forms}</section>\n</section>\n')


def _dialog(ui: dict) -> str:
    """Asks before a step whose row has `confirm` words (the API sends them with the action)."""
    return (f'<dialog class="portal-wb-confirm" aria-labelledby="wb-confirm-title" aria-describedby="wb-confirm-text">\n'
            f'<h2 id="wb-confirm-title">{escape(ui["confirm_title"])}</h2>\n<p id="wb-confirm-text"></p>\n'
            f'<div class="portal-wb-confirm-buttons">'
            f'<button type="button" class="md-button" value="cancel">{escape(ui["confirm_no"])}</button>'
            f'<button type="button" class="md-button md-button--primary" value="ok">{escape(ui["confirm_yes"])}</button>'
            f'</div>\n</dialog>\n')


def render_workbench(catalog: Catalog, lang: str) -> str:
    ui = _UI[lang] | {"appeals": getattr(APPEALS_LABEL, lang), "lang": lang, "sep": SEP[lang], "colon": COLON[lang], "yes": FORM_UI[lang]["yes"], "no": FORM_UI[lang]["no"]}
    data = " ".join(f'data-msg-{k.replace("_", "-")}="{escape(v)}"' for k, v in ui.items() if k != "lang")
    return (
        f'<div class="portal-workbench" data-lang="{lang}" {data}>\n'
        f'<p class="portal-wb-message" role="status" aria-live="polite" tabindex="-1"></p>\n'
        + signin_form(ui) +
        f'<div class="portal-wb" hidden>\n'
        f'<div class="portal-wb-bar"><p class="portal-wb-who"></p><a class="portal-wb-trainings" href="trainings/">{escape(ui["trainings"])}</a>'
        f'<a class="portal-wb-dashboard" href="dashboard/">{escape(ui["dashboard"])}</a>'
        f'<button type="button" class="md-button portal-signout">{escape(ui["signout"])}</button></div>\n'
        + _queue(catalog, ui) + _request(ui) + '</div>\n' + _dialog(ui) +
        f'<noscript><p class="portal-noscript">{escape(ui["noscript"])}</p></noscript>\n</div>\n')
