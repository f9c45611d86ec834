"""Training registration on the site: the seats line (filled in by seats.js from the API once the
page has rendered), the registration form of a session, generated from the API's own model
(chalicelib/domain/registration_form.py) as the request forms are, and the participant's page
reached from the manage link (registration.js). Every word here; only values come from the API."""
from __future__ import annotations

from html import escape

from chalicelib.catalog.trainings import MONTHS_EN, RegistrationTerms, Training
from chalicelib.domain.registration import CANCEL, CANCEL_LABEL
from chalicelib.domain.registration_form import RegistrationForm
from chalicelib.domain.training_rating import RATE, RATE_LABEL, TrainingRatingIn
from form_ui import UI as FORM_UI
from render_contacts import badge
from render_form import field_html

UI = {
    "zh": {"left": "剩余 {n} 个名额", "full": "名额已满，可以报名候补", "closed": "本网站的报名已截止或未开放",
           "register": "在线报名", "capacity": "名额", "deadline": "报名截止", "most": "每个单位最多",
           "people": "{n} 人", "legend": "报名信息", "submit": "报名", "terms": "报名",
           "sample_terms": "名额和报名截止时间为本网站的示例数据，以主办部门的通知为准。",
           "not_open": "这场培训暂不在本网站接受报名；参加方式见上文。",
           "none": "这场培训不在本网站报名；参加方式见上文。", "back": "返回培训安排",
           "confirmed": "报名成功", "waitlisted": "名额已满，您已进入候补名单",
           "number": "报名编号：", "position": "您在候补名单上排第 {n} 位；有名额空出时按报名顺序递补，并以短信通知您。",
           "manage": "查看报名、签到码或取消报名",
           "keep": "请保存此链接：它含有您的报名密钥，我们也已通过短信发送给您。",
           "no_sms": "一小时内发往这个手机号码的短信已达上限，这次不发短信；请保存此链接。",
           # The participant's page
           "no": "报名编号", "key": "报名密钥", "key_help": "见报名确认短信或邮件中的链接", "look_up": "查看",
           "training": "培训", "when": "时间", "where": "地点", "status": "状态", "seats": "人数",
           "organisation": "单位", "participant": "参加人", "queue": "候补第 {n} 位",
           "check_in": "签到码", "check_in_help": "签到时请向工作人员出示这个二维码；也可以报出下面的签到码。",
           "qr_alt": "签到二维码", "sample": "（示例）", "checked_in": "已签到", "not_found": "未找到该报名。请核对报名编号和报名密钥。",
           "error": "暂时无法查看，请稍后再试。", "not_allowed": "该报名当前的状态不允许此操作。",
           "noscript": "查看报名需要启用浏览器的 JavaScript。",
           "rate_help": "培训已经开始，您已签到：欢迎评价本次培训，主办部门会看到您的评价和意见（每个报名评价一次）。",
           "rated": "感谢您的评价。", "your_rating": "您的评价"},
    "en": {"left": "{n} seats left", "full": "Full — join the waiting list", "closed": "Registration on this site is closed or not open",
           "register": "Register online", "capacity": "Seats", "deadline": "Register by", "most": "At most per organisation",
           "people": "{n}", "legend": "Your registration", "submit": "Register", "terms": "Registration",
           "sample_terms": "The number of seats and the registration deadline are this site's sample values; the organiser's notice counts.",
           "not_open": "This session takes no registrations on this site for now; see above how to take part.",
           "none": "This session takes no registrations on this site; see above how to take part.",
           "back": "Back to the trainings", "confirmed": "You are registered",
           "waitlisted": "The session is full: you are on the waiting list", "number": "Registration number: ",
           "position": "You are number {n} on the waiting list; when a seat frees up, the list moves up in the order of registration and we tell you by SMS.",
           "manage": "Your registration, check-in code, or cancelling",
           "keep": "Keep this link: it holds your registration's key. We have also sent it to you by SMS.",
           "no_sms": "This mobile number has had its SMS for this hour, so none is sent this time; keep this link.",
           "no": "Registration number", "key": "Registration key", "key_help": "In the link of your confirmation SMS or email",
           "look_up": "Look up", "training": "Training", "when": "When", "where": "Where", "status": "Status",
           "seats": "Seats", "organisation": "Organisation", "participant": "Participant", "queue": "Number {n} on the waiting list",
           "check_in": "Check-in code", "check_in_help": "At the door, show this QR code to the staff, or read out the code below.",
           "qr_alt": "Check-in QR code", "sample": " (sample)", "checked_in": "Checked in", "not_found": "No such registration. Check the registration number and the key.",
           "error": "The registration cannot be shown for a moment; try again shortly.",
           "not_allowed": "The registration's current state does not allow this.",
           "noscript": "Seeing your registration needs JavaScript in your browser.",
           "rate_help": "The session has started and you were checked in: please rate it. The organising department reads your rating and comments (one rating per registration).",
           "rated": "Thank you for your rating.", "your_rating": "Your rating"},
}


def _data(keys: tuple[str, ...], lang: str) -> str:
    return " ".join(f'data-msg-{k.replace("_", "-")}="{escape(UI[lang][k])}"' for k in keys)


def seats_line(t: Training, lang: str) -> str:
    """Seats left, filled in after the page renders; empty (hidden) without the script or the API."""
    return (f'<p class="portal-seats" data-training="{t.id}" {_data(("left", "full", "closed"), lang)} '
            f'aria-live="polite" hidden></p>')


def registration_line(t: Training, lang: str, page: str) -> str:
    """The calendar's line for a session that takes registrations here: seats and the link."""
    if t.registration is None:
        return ""
    link = f'<a href="{page}#register">{escape(UI[lang]["register"])}</a>' if t.registration.open else ""
    return f'<div class="portal-registration-line">{seats_line(t, lang)}{link}</div>'


def _day(terms: RegistrationTerms, lang: str) -> str:
    d = terms.deadline
    return f"{d.year}年{d.month}月{d.day}日 {d:%H:%M}" if lang == "zh" else f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}, {d:%H:%M}"


def terms_facts(terms: RegistrationTerms, lang: str) -> str:
    ui, mark = UI[lang], badge(lang) if terms.sample else ""
    rows = [(ui["capacity"], escape(ui["people"].format(n=terms.capacity)) + mark),
            (ui["deadline"], escape(_day(terms, lang)) + mark),
            (ui["most"], escape(ui["people"].format(n=terms.max_seats_per_organisation)))]
    note = f'<p class="portal-sample-note">{badge(lang)} {escape(ui["sample_terms"])}</p>' if terms.sample else ""
    return note + '<div class="portal-event"><dl>' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl></div>"


def registration_form(t: Training, lang: str) -> str:
    """The session's form: the model's fields, the session's own seat limit, a confirmation
    template whose words are the build's and whose values form.js and registration.js fill in."""
    assert t.registration is not None
    ui, words, most = UI[lang], FORM_UI[lang], t.registration.max_seats_per_organisation
    schema = RegistrationForm.model_json_schema()
    required = set(schema.get("required", []))
    props = {n: p for n, p in schema["properties"].items() if not p.get("x-honeypot")}
    props["seats"] = props["seats"] | {"maximum": most, "x-help": {
        k: f"{v}（本场每个单位最多 {most} 人）" if k == "zh" else f"{v}; at most {most} per organisation for this session"
        for k, v in props["seats"]["x-help"].items()}}
    fields = "\n".join(field_html(n, p, n in required, lang) for n, p in props.items())
    data = " ".join(f'data-msg-{k}="{escape(v)}"' for k, v in words["messages"].items())
    return (
        f'<form class="portal-form portal-registration-form" data-training="{t.id}" data-lang="{lang}" '
        f'data-confirm="registration" method="post" action="/api/trainings/{t.id}/registrations" novalidate {data}>\n'
        f'<div class="portal-summary" role="alert" tabindex="-1" hidden><h2>{escape(words["summary"])}</h2><ul></ul></div>\n'
        f'<div class="portal-hp" aria-hidden="true"><label for="f-website">Website</label>'
        f'<input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off"></div>\n'
        f'<fieldset class="portal-section"><legend>{escape(ui["legend"])}</legend>\n{fields}\n</fieldset>\n'
        f'<button type="submit" class="md-button md-button--primary">{escape(ui["submit"])}</button>\n'
        f'</form>\n<div class="portal-result" role="status" aria-live="polite"></div>\n'
        f'<template class="portal-registration-confirmation" {_data(("confirmed", "waitlisted", "position", "keep", "no_sms"), lang)}>'
        f'<div class="admonition success portal-confirmation" tabindex="-1"><h2 class="admonition-title" data-slot="title"></h2>'
        f'<p>{escape(ui["number"])}<strong data-slot="registration_no"></strong></p>'
        f'<p data-slot="position" hidden></p><p><a data-slot="manage_url" href="#">{escape(ui["manage"])}</a></p>'
        f'<p class="portal-hint" data-slot="keep"></p></div></template>\n'
        f'<noscript><p class="portal-noscript">{escape(words["noscript"])}</p>'
        f'<style>.portal-form button[type=submit]{{display:none}}</style></noscript>')


def manage_page(lang: str) -> str:
    """The participant's page: opened from the manage link (#no=…&token=…), it shows the
    registration, its check-in QR code while confirmed, and the cancel button when the API
    lists cancelling as allowed now."""
    ui = UI[lang]
    keys = ("no", "training", "when", "where", "status", "seats", "organisation", "participant", "queue",
            "checked_in", "not_found", "error", "not_allowed", "sample", "rated", "your_rating")
    return (
        f'<form class="portal-registration-lookup" data-lang="{lang}" {_data(keys, lang)} hidden>\n'
        f'<div class="portal-field"><label for="r-no">{ui["no"]}</label>\n'
        f'<input id="r-no" name="no" type="text" required maxlength="40" autocomplete="off" spellcheck="false"></div>\n'
        f'<div class="portal-field"><label for="r-token">{ui["key"]}</label>\n'
        f'<p class="portal-hint" id="r-token-help">{ui["key_help"]}</p>\n'
        f'<input id="r-token" name="token" type="password" required maxlength="100" autocomplete="off" '
        f'aria-describedby="r-token-help"></div>\n'
        f'<button type="submit" class="md-button md-button--primary">{ui["look_up"]}</button>\n</form>\n'
        f'<div class="portal-registration" role="status" aria-live="polite" tabindex="-1"></div>\n'
        f'<section class="portal-check-in" hidden><h2>{ui["check_in"]}</h2><p>{ui["check_in_help"]}</p>'
        f'<img class="portal-qr" alt="{ui["qr_alt"]}" width="240" height="240"><p><code data-slot="code"></code></p></section>\n'
        f'<form class="portal-action" data-action="{CANCEL}" novalidate hidden>'
        f'<button type="submit" class="md-button">{escape(CANCEL_LABEL[lang])}</button></form>\n'
        + rating_form(lang) +
        f'<noscript><p class="portal-noscript">{ui["noscript"]}</p></noscript>')


def rating_form(lang: str) -> str:
    """The participant's rating of the session (shown when the API lists `rate` as allowed now):
    the fields of the API's own model (the five levels of every rating, a comment)."""
    schema = TrainingRatingIn.model_json_schema()
    required = set(schema.get("required", []))
    fields = "\n".join(field_html(n, p, n in required, lang, prefix=f"r-{RATE}-")
                       for n, p in schema["properties"].items() if n != "action")
    words = " ".join(f'data-msg-{k}="{escape(v)}"' for k, v in FORM_UI[lang]["messages"].items())  # fields.js
    return (f'<form class="portal-action portal-rating" data-action="{RATE}" novalidate hidden {words}>\n'
            f'<h2>{escape(RATE_LABEL[lang])}</h2>\n<p class="portal-hint">{escape(UI[lang]["rate_help"])}</p>\n'
            f'<p class="portal-error" id="r-{RATE}-error" role="alert" hidden></p>\n{fields}\n'
            f'<button type="submit" class="md-button md-button--primary">{escape(RATE_LABEL[lang])}</button>\n</form>\n')
