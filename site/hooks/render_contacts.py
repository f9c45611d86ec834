"""The contacts page and the contacts block of each guide: names from the catalog, numbers and hours
from content/data/contacts.yml. Every value of a `sample: true` entry carries a 示例/Sample badge
(and a sample number is never a tel: link), until editors put in the real one."""
from __future__ import annotations

import re
from html import escape

from chalicelib.catalog import Catalog
from content_data import ContentData
from content_models import Contact
from ui_common import COLON, SEP

UI = {
    "zh": {"sample": "示例", "sample_title": "示例数据：编辑替换为真实信息前请勿使用",
           "phone": "电话", "hours": "时间", "address": "地址", "where": "位置", "lead": "牵头部门",
           "district": "属地区县建设行政主管部门也参与（市区联动）：", "districts": "查看13个区县的联系方式",
           "guide": "办事指南", "online": "在线咨询", "online_text": "任何时间都可以提交，周末也可以；我们立即转给所选阶段的牵头部门。",
           "windows_note": "方案提出，窗口“可”放置靠前服务申请二维码（方案四（二）1）；放置了二维码的窗口，扫码即可打开对应的申请表。标有“示例”的窗口尚未由本局确认。",
           "sample_note": "标有“示例”的电话、时间和地址是占位的示例数据，尚未由本局确认，请勿拨打。"
                          "在这些信息公布之前，请通过在线咨询联系我们。"},
    "en": {"sample": "Sample", "sample_title": "Sample data: do not use until editors replace it with the real value",
           "phone": "Phone", "hours": "Hours", "address": "Address", "where": "Where", "lead": "Lead department",
           "district": "The district construction authority of the project's district takes part too (city-district linkage): ",
           "districts": "see the contacts of the 13 districts and counties",
           "guide": "Process guide",
           "online": "Ask online", "online_text": "Submit at any time, weekends included; we pass it at once to the lead department of the stage you choose.",
           "windows_note": "The plan says a window may display the proactive-service QR code (plan 4(2)1); where one does, scan it to open the right request form. Windows marked “Sample” are not yet confirmed by the bureau.",
           "sample_note": "Phone numbers, hours and addresses marked “Sample” are placeholders the bureau has not yet confirmed: "
                          "do not call them. Until they are published, please ask online."},
}


def badge(lang: str) -> str:
    ui = UI[lang]
    return f' <span class="portal-sample" title="{escape(ui["sample_title"])}">{ui["sample"]}</span>'


def sample_note(data: ContentData, catalog: Catalog, lang: str) -> str:
    """The explanation of the badges, shown only while some sample value is left."""
    if not any(c.is_sample() for c in data.contacts) and not any(w.sample for w in catalog.windows):
        return ""
    return f'<p class="portal-sample-note">{badge(lang)} {escape(UI[lang]["sample_note"])}</p>'


def contact_card(c: Contact, catalog: Catalog, lang: str, anchor: str | None = None) -> str:
    ui = UI[lang]

    def mark(field: str) -> str:
        return badge(lang) if c.is_sample(field) else ""

    name = escape(catalog.department(c.department).name[lang])
    if c.desk:
        name += f" · {escape(c.desk[lang])}"
    if c.is_sample("phone"):
        phone = f"{escape(c.phone)}{mark('phone')}"
    else:  # a real number: one tap to call from a phone
        phone = f'<a href="tel:{_tel(c.phone)}">{escape(c.phone)}</a>'
    rows = [(ui["phone"], phone), (ui["hours"], escape(c.hours[lang]) + mark("hours"))]
    if c.window:
        window = catalog.window(c.window)
        rows.append((ui["where"], escape(f"{window.name[lang]} · {window.location[lang]}")
                     + (badge(lang) if window.sample else "")))
    if c.address:
        rows.append((ui["address"], escape(c.address[lang]) + mark("address")))
    body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    note = f'<p class="portal-meta">{escape(c.note[lang])}</p>' if c.note else ""
    ident = f' id="{escape(anchor)}"' if anchor else ""
    return f'<div class="portal-contact"{ident}><p><strong>{name}</strong></p><dl>{body}</dl>{note}</div>'


def _stage_block(catalog: Catalog, data: ContentData, stage_id: str, lang: str, root: str) -> str:
    stage, ui = catalog.stage(stage_id), UI[lang]
    cards = [contact_card(c, catalog, lang) for d in stage.lead_departments for c in data.contacts_of(d)
             if not c.window]  # window staff are listed with the always-open service
    district = ""
    if stage.district_linkage:
        district = f'<p>{escape(ui["district"])}<a href="{root}contacts/#districts">{ui["districts"]}</a></p>'
    return f'<div class="portal-contact-grid">{"".join(cards)}</div>{district}'


def stage_contacts(catalog: Catalog, data: ContentData, stage_id: str, lang: str, root: str) -> str:
    """A guide's `contacts` block: the stage's lead departments with their contacts."""
    return (f'<div class="portal-contacts">{sample_note(data, catalog, lang)}'
            f'{_stage_block(catalog, data, stage_id, lang, root)}</div>')


def contacts_by_stage(catalog: Catalog, data: ContentData, lang: str, root: str) -> str:
    """One Markdown section per stage (anchors = stage ids), so guides can link straight to it."""
    ui, out = UI[lang], [sample_note(data, catalog, lang), ""]
    for n, stage in enumerate(catalog.stages, start=1):
        leads = SEP[lang].join(catalog.department(d).name[lang] for d in stage.lead_departments)
        out += [f"### {n}. {stage.name[lang]} {{#{stage.id}}}", "",
                f'<p class="portal-meta">{ui["lead"]}{COLON[lang]}{escape(leads)} · '
                f'<a href="{root}guides/{stage.id}/">{ui["guide"]}</a></p>', "",
                _stage_block(catalog, data, stage.id, lang, root), ""]
    return "\n".join(out)


def contacts_by_district(catalog: Catalog, data: ContentData, lang: str) -> str:
    """The 13 district construction authorities, in catalog order; anchors = district ids."""
    cards = []
    for dept in catalog.districts:
        for n, c in enumerate(data.contacts_of(dept.id)):
            cards.append(contact_card(c, catalog, lang, anchor=None if n else dept.district))
    return f'<div class="portal-contact-grid">{"".join(cards)}</div>'


def contacts_always_open(catalog: Catalog, data: ContentData, lang: str, root: str) -> str:
    """The always-open consultation: the online form, then every contact marked `always_open`."""
    ui = UI[lang]
    online = (f'<div class="portal-contact"><p><strong><a href="{root}services/consultation/">{ui["online"]}</a>'
              f'</strong></p><p>{escape(ui["online_text"])}</p></div>')
    cards = [contact_card(c, catalog, lang) for c in data.contacts if c.always_open]
    return f'<div class="portal-contact-grid">{online}{"".join(cards)}</div>'


def service_windows(catalog: Catalog, lang: str) -> str:
    """The catalog's service windows (where the QR codes are)."""
    items = [f"<li><strong>{escape(w.name[lang])}</strong>{badge(lang) if w.sample else ''}"
             f'<br><span class="portal-meta">{escape(w.location[lang])}</span></li>' for w in catalog.windows]
    return f'<p>{escape(UI[lang]["windows_note"])}</p><ul class="portal-windows">{"".join(items)}</ul>'


_EXTENSION = re.compile(r"\s*(?:转|ext\.?|x)\s*", re.I)


def _tel(phone: str) -> str:
    """The tel: address of a published number: +86 and its digits, then a pause (,) and the
    extension, which phones dial once the call is answered."""
    main, *extension = _EXTENSION.split(phone, maxsplit=1)
    digits = "".join(ch for ch in main if ch.isdigit() or ch == "+")
    number = digits if digits.startswith("+") else "+86" + digits.lstrip("0")
    ext = "".join(ch for ch in extension[0] if ch.isdigit()) if extension else ""
    return number + (f",{ext}" if ext else "")
