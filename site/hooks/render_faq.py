"""The problem list and solution list (content/data/faq.yml), grouped by stage in catalog order.

Each question is a Markdown heading, so the search index holds it as its own section: searching for
words of a question (in either language) lands on that question, not just on the page."""
from __future__ import annotations

import re
from html import escape

from chalicelib.catalog import Catalog
from content_data import ContentData
from ui_common import COLON

_NUM = {c: str(i) for i, c in enumerate("一二三四五六", start=1)}
_ZH = re.compile(r"([一二三四五六])（([一二三四五六])）(\d)?")
_EN = re.compile(r"(\d)\((\d)\)(\d)?")
UI = {"zh": {"source": "依据", "guide": "办事指南", "count": "{n} 个问题"},
      "en": {"source": "Source", "guide": "Process guide", "count": "{n} questions"}}


def policy_anchor(source: str) -> str | None:
    """`方案四（一）3` / `Plan 4(1)3` → `part-4-1-3`, the policy page's anchor of that clause."""
    if m := _ZH.search(source):
        parts = [_NUM[m[1]], _NUM[m[2]], m[3]]
    elif m := _EN.search(source):
        parts = [m[1], m[2], m[3]]
    else:
        return None
    return "part-" + "-".join(p for p in parts if p)


def faq(catalog: Catalog, data: ContentData, lang: str, root: str, stage_id: str | None = None) -> str:
    ui, out = UI[lang], []
    stages = [catalog.stage(stage_id)] if stage_id else list(catalog.stages)
    for n, stage in enumerate(catalog.stages, start=1):
        if stage not in stages:
            continue
        entries = [e for e in data.faq if e.stage == stage.id]
        if not stage_id:  # the full list: one section per stage
            out += [f"## {n}. {stage.name[lang]} {{#{stage.id}}}", "",
                    f'<p class="portal-meta">{ui["count"].format(n=len(entries))} · '
                    f'<a href="{root}guides/{stage.id}/">{ui["guide"]}</a></p>', ""]
        for e in entries:
            anchor = policy_anchor(e.source[lang])
            source = escape(e.source[lang])
            if anchor:
                source = f'<a href="{root}policy/#{anchor}">{source}</a>'
            out += [f"### {e.question[lang]} {{#{e.id}}}", "", escape(e.answer[lang]), "",
                    f'<p class="portal-meta">{ui["source"]}{COLON[lang]}{source}</p>', ""]
    return "\n".join(out)
