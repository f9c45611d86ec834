"""The organiser's page of the workbench (/staff/trainings/, /en/staff/trainings/): the sessions
the officer's departments organise, and per session check-in at the door (the camera, or the
code typed), the confirmed registrations and the waiting list, the attendance export, and the
participants' ratings (the training summary, 培训总结).

The sessions, the lists and the rating levels come from the API; every word is here, in both
languages, and reaches the scripts (organiser.js, organiser-scan.js) as data-msg-* attributes."""
from __future__ import annotations

from html import escape

from render_workbench import _UI as WORKBENCH_UI
from render_workbench import signin_form

# The workbench's sign-in words, and the organiser's own.
_SIGNIN = ("signin_title", "signin_hint", "username", "password", "signin", "signout", "signed_out", "expired",
           "idle", "network", "error", "loading")
_UI = {
    "zh": {
        "title": "培训报名与签到", "sessions": "本部门组织的培训",
        "empty": "您的部门目前没有在本网站接受报名的培训。", "workbench": "返回工作台", "back": "返回培训列表",
        "when": "时间", "where": "地点", "sample": "（示例）", "seats_line": "已确认 {taken}/{capacity} 个名额，候补 {waiting} 人",
        "check_in": "现场签到", "code": "签到码",
        "code_help": "扫描参加人的签到二维码，或输入二维码下方的签到码。", "submit": "签到",
        "scan": "用摄像头扫码", "stop_scan": "停止扫码", "scanning": "请将参加人的二维码对准摄像头……",
        "no_camera": "无法使用摄像头（未授权或设备不支持），请输入签到码。",
        "read_only": "您可以查看名单，但只有主办部门的工作人员可以签到。",
        "export": "导出签到表（XLSX）", "exported": "签到表已下载。",
        "confirmed": "已确认的报名", "waiting": "候补名单", "none": "无。",
        "arrival": "序号", "registration_no": "报名编号", "organisation": "单位", "participant": "参加人",
        "mobile": "手机号码", "seats": "人数", "checked_in": "签到", "not_checked_in": "未签到", "position": "候补顺序",
        "summary": "培训总结：参加人评价", "rated": "{rated} 人评价（已签到 {checked_in} 人）", "average": "平均（5 分为非常满意）",
        "level": "评价", "count": "人数", "comments": "意见和建议", "no_comments": "暂无意见和建议。",
        "not_found": "未找到这场培训，或不是您的部门组织的。", "noscript": "签到页面需要启用浏览器的 JavaScript。",
    },
    "en": {
        "title": "Trainings and check-in", "sessions": "Sessions your departments organise",
        "empty": "Your departments have no session taking registrations on this site now.",
        "workbench": "Back to the workbench", "back": "Back to the sessions",
        "when": "When", "where": "Where", "sample": " (sample)",
        "seats_line": "{taken} of {capacity} seats confirmed, {waiting} waiting",
        "check_in": "Check-in at the door", "code": "Check-in code",
        "code_help": "Scan the participant's check-in QR code, or type the code printed below it.", "submit": "Check in",
        "scan": "Scan with the camera", "stop_scan": "Stop scanning", "scanning": "Hold the participant's QR code up to the camera…",
        "no_camera": "The camera cannot be used (not allowed, or not on this device): type the code.",
        "read_only": "You may read the lists; only officers of the organising department check people in.",
        "export": "Export the attendance (XLSX)", "exported": "The attendance sheet has been downloaded.",
        "confirmed": "Confirmed registrations", "waiting": "Waiting list", "none": "None.",
        "arrival": "No.", "registration_no": "Registration no.", "organisation": "Organisation",
        "participant": "Participant", "mobile": "Mobile", "seats": "Seats", "checked_in": "Check-in",
        "not_checked_in": "Not checked in", "position": "Place in line",
        "summary": "Training summary: the participants' ratings", "rated": "{rated} rated (of {checked_in} checked in)",
        "average": "Average (5 is very satisfied)", "level": "Rating", "count": "Participants",
        "comments": "Comments", "no_comments": "No comments yet.",
        "not_found": "No such session, or not one your departments organise.",
        "noscript": "The check-in page needs JavaScript in your browser.",
    },
}
assert _UI["zh"].keys() == _UI["en"].keys(), "every word of the organiser's page in both languages"


def _session(ui: dict) -> str:
    """One session: check-in, export, the two lists and the summary (filled in by organiser.js)."""
    return (
        f'<section class="portal-og-session" aria-labelledby="og-session-title" hidden>\n'
        f'<p><a class="portal-og-back" href="#">{escape(ui["back"])}</a></p>\n'
        f'<h2 id="og-session-title" tabindex="-1"></h2>\n<dl class="portal-og-facts"></dl>\n'
        f'<form class="portal-og-check-in" novalidate aria-labelledby="og-check-in-title">\n'
        f'<h3 id="og-check-in-title">{escape(ui["check_in"])}</h3>\n'
        f'<div class="portal-field"><label for="og-code">{escape(ui["code"])}</label>\n'
        f'<p class="portal-hint" id="og-code-help">{escape(ui["code_help"])}</p>\n'
        f'<input id="og-code" name="code" type="text" inputmode="text" autocomplete="off" autocapitalize="characters" '
        f'spellcheck="false" maxlength="80" required aria-describedby="og-code-help"></div>\n'
        f'<div class="portal-og-buttons"><button type="submit" class="md-button md-button--primary">{escape(ui["submit"])}</button>\n'
        f'<button type="button" class="md-button portal-og-scan" hidden>{escape(ui["scan"])}</button></div>\n'
        f'<video class="portal-og-video" muted playsinline hidden></video>\n'
        f'<p class="portal-og-answer" role="status" aria-live="assertive" tabindex="-1"></p>\n</form>\n'
        f'<p class="portal-og-read-only" hidden>{escape(ui["read_only"])}</p>\n'
        f'<p><button type="button" class="md-button portal-og-export">{escape(ui["export"])}</button></p>\n'
        # The lists scroll sideways on a phone: focusable regions, so a keyboard scrolls them too.
        f'<h3 id="og-confirmed">{escape(ui["confirmed"])}</h3>\n'
        f'<div class="portal-og-confirmed portal-og-table" tabindex="0" role="region" aria-labelledby="og-confirmed"></div>\n'
        f'<h3 id="og-waiting">{escape(ui["waiting"])}</h3>\n'
        f'<div class="portal-og-waiting portal-og-table" tabindex="0" role="region" aria-labelledby="og-waiting"></div>\n'
        f'<h3>{escape(ui["summary"])}</h3>\n<div class="portal-og-summary"></div>\n</section>\n')


def render_organiser(lang: str) -> str:
    ui = {k: WORKBENCH_UI[lang][k] for k in _SIGNIN} | _UI[lang]
    data = " ".join(f'data-msg-{k.replace("_", "-")}="{escape(v)}"' for k, v in ui.items())
    return (
        f'<div class="portal-organiser" data-lang="{lang}" {data}>\n'
        f'<p class="portal-wb-message" role="status" aria-live="polite" tabindex="-1"></p>\n'
        + signin_form(ui) +
        f'<div class="portal-og" hidden>\n'
        f'<div class="portal-wb-bar"><p class="portal-wb-who"></p><a href="../">{escape(ui["workbench"])}</a>'
        f'<button type="button" class="md-button portal-signout">{escape(ui["signout"])}</button></div>\n'
        f'<section class="portal-og-sessions" aria-labelledby="og-sessions-title">\n'
        f'<h2 id="og-sessions-title" tabindex="-1">{escape(ui["sessions"])}</h2>\n'
        f'<p class="portal-og-empty" hidden>{escape(ui["empty"])}</p>\n<ul class="portal-og-list"></ul>\n</section>\n'
        + _session(ui) + '</div>\n'
        f'<noscript><p class="portal-noscript">{escape(ui["noscript"])}</p></noscript>\n</div>\n')
