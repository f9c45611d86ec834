"""The one-time notices on the pages: the section where the status page and the workbench list a
request's notices (each with its PDF download and a print button), and the workbench's composer
of a new notice, a numbered list of items (chalicelib/domain/notices.py).

The composer's parts, their labels, limits and the forms' choices come from the item's model
(NoticeItem's JSON schema), so nothing here repeats them; the words are below, in both
languages, and reach notices.js as data-msg-* attributes."""
from __future__ import annotations

from html import escape
from typing import Any

from chalicelib.domain.lifecycle import Step
from chalicelib.domain.notices import MAX_ITEMS, NoticeItem

_UI = {
    "zh": {"notices": "一次性告知单", "number": "告知单编号", "date": "日期", "department": "经办部门",
           "officer": "经办人", "replaces": "替代", "superseded_by": "已被替代，新告知单", "in_force": "有效",
           "superseded": "已被替代", "items": "告知事项", "basis": "依据", "provide": "需提供", "form": "形式",
           "copies": "份数", "copies_unit": "份", "pdf": "下载 PDF", "print": "打印", "item": "第 {n} 项",
           "add": "添加一项", "remove": "删除此项", "composer_hint":
           "逐项写明缺少或需整改的内容、依据的标准或规定、需提供的材料、提交形式和份数，每项用中文并附英文译文。"
           "一次告知全部事项：出具后不能修改，只能出具新告知单替代。",
           "replacing": "新告知单将替代：", "max_items": f"最多 {MAX_ITEMS} 项。",
           "download_error": "暂时无法下载，请稍后重试。"},
    "en": {"notices": "One-time notices", "number": "Notice no.", "date": "Date", "department": "Department",
           "officer": "Officer", "replaces": "Replaces", "superseded_by": "Superseded by", "in_force": "In force",
           "superseded": "Superseded", "items": "Items", "basis": "Basis", "provide": "Provide", "form": "Form",
           "copies": "Copies", "copies_unit": "copies", "pdf": "Download the PDF", "print": "Print", "item": "Item {n}",
           "add": "Add an item", "remove": "Remove this item", "composer_hint":
           "For each item say what is missing or must be rectified, the standard or rule it rests on, what to "
           "provide, in which form and how many copies, in Chinese with its English rendering. Tell everything "
           "at once: an issued notice cannot be changed, only replaced by a new one.",
           "replacing": "The new notice replaces: ", "max_items": f"At most {MAX_ITEMS} items.",
           "download_error": "The download failed; try again shortly."},
}
assert _UI["zh"].keys() == _UI["en"].keys(), "every word of the notices in both languages"


def _data(lang: str) -> str:
    return " ".join(f'data-msg-{k.replace("_", "-")}="{escape(v)}"' for k, v in _UI[lang].items())


def notices_section(lang: str, heading: str = "h2") -> str:
    """Where a request's notices are listed (notices.js fills it; hidden while there are none)."""
    return (f'<section class="portal-notices" data-lang="{lang}" {_data(lang)} hidden>\n'
            f'<{heading} class="portal-notices-title">{escape(_UI[lang]["notices"])}</{heading}>\n'
            f'<ol class="portal-notice-list"></ol>\n</section>\n')


def _schema() -> tuple[dict[str, Any], dict[str, Any]]:
    schema = NoticeItem.model_json_schema()
    return schema["properties"], schema["$defs"]["Bilingual"]["properties"]


def _bilingual(part: str, prop: dict[str, Any], texts: dict[str, Any], lang: str) -> str:
    """One part of an item (problem, basis, provide): a box for the Chinese and one for the English."""
    boxes = "".join(
        f'<div class="portal-field" data-part="{part}" data-text="{t}">'
        f'<label data-for="{part}.{t}">{escape(texts[t]["x-label"][lang])}</label>'
        f'<p class="portal-error" data-error="{part}.{t}" hidden></p>'
        f'<textarea data-name="{part}.{t}" rows="2" data-max="{texts[t]["maxLength"]}"></textarea></div>'
        for t in ("zh", "en"))
    return f'<fieldset class="portal-notice-part"><legend>{escape(prop["x-label"][lang])}</legend>{boxes}</fieldset>'


def _item_template(lang: str) -> str:
    props, texts = _schema()
    parts = "".join(_bilingual(p, props[p], texts, lang) for p in ("problem", "basis", "provide"))
    choices = props["form"]["x-choices"]
    order = props["form"].get("enum") or list(choices)  # the model's order (the schema sorts x-choices)
    options = "".join(f'<option value="{escape(k)}">{escape(choices[k][lang])}</option>' for k in order)
    copies = props["copies"]
    return (
        f'<template class="portal-notice-item-template"><li class="portal-notice-draft">'
        f'<fieldset><legend class="portal-notice-n"></legend>{parts}'
        f'<div class="portal-field" data-part="form"><label data-for="form">{escape(props["form"]["x-label"][lang])}</label>'
        f'<p class="portal-error" data-error="form" hidden></p><select data-name="form">{options}</select></div>'
        f'<div class="portal-field" data-part="copies"><label data-for="copies">{escape(copies["x-label"][lang])}</label>'
        f'<p class="portal-error" data-error="copies" hidden></p><input type="number" inputmode="numeric" '
        f'data-name="copies" min="{copies["minimum"]}" max="{copies["maximum"]}" step="1" value="1"></div>'
        f'<button type="button" class="md-button portal-notice-remove">{escape(_UI[lang]["remove"])}</button>'
        f'</fieldset></li></template>')


def composer_form(step: Step, lang: str) -> str:
    """The step `issue_notice` as the workbench's composer: the items (one to start), a button
    to add one, the notice it replaces (set by notices.js from the notice in force), and the
    step's own button, which asks first (the table's `confirm`)."""
    ui, a = _UI[lang], escape(step.action)
    return (
        f'<form class="portal-action portal-notice-composer" data-action="{a}" data-path="notices" '
        f'data-max-items="{MAX_ITEMS}" {_data(lang)} novalidate hidden>\n'
        f'<h4>{escape(step.label[lang])}</h4>\n<p class="portal-hint">{escape(ui["composer_hint"])}</p>\n'
        f'<p class="portal-error portal-action-error" id="w-{a}-error" role="alert" tabindex="-1" hidden></p>\n'
        f'<p class="portal-notice-replacing" hidden>{escape(ui["replacing"])}<strong></strong></p>\n'
        f'<input type="hidden" name="replaces" id="w-{a}-replaces">\n'
        f'<p class="portal-error" id="w-{a}-replaces-error" role="alert" tabindex="-1" hidden></p>\n'
        f'<p class="portal-error" id="w-{a}-items-error" role="alert" tabindex="-1" hidden></p>\n'
        f'<ol class="portal-notice-drafts"></ol>\n{_item_template(lang)}\n'
        f'<p><button type="button" class="md-button portal-notice-add">{escape(ui["add"])}</button> '
        f'<span class="portal-hint">{escape(ui["max_items"])}</span></p>\n'
        f'<button type="submit" class="md-button md-button--primary">{escape(step.label[lang])}</button>\n</form>\n')
