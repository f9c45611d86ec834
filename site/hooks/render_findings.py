"""The findings page (/findings/): a responsible party's link (#no=…&party=…&token=…, sent at
the completion of a fire-acceptance service) opens the findings there. The secret stays in the
fragment and goes to the API in the Authorization header only (findings.js). The words that the
findings are technical advice come from the API's answer (domain/parties.py), in this page's language."""
from __future__ import annotations

from html import escape

from ui_common import SEP

_UI = {
    "zh": {"no": "申请编号", "service": "服务事项", "project": "项目名称", "lead": "出具部门", "completed": "办结日期",
           "party": "责任主体", "organisation": "单位", "findings": "技术指导意见", "loading": "正在读取……",
           "missing": "请使用办结通知中的链接打开本页。",
           "not_found": "未找到该意见。请使用短信或邮件中的完整链接。", "error": "暂时无法读取，请稍后再试。",
           "print": "打印", "noscript": "查看意见需要启用浏览器的 JavaScript。"},
    "en": {"no": "Tracking number", "service": "Service", "project": "Project", "lead": "Issued by",
           "completed": "Completed on", "party": "Responsible party", "organisation": "Organisation",
           "findings": "Findings", "loading": "Loading…", "missing": "Open this page with the link of the completion message.",
           "not_found": "No such findings. Use the whole link of the SMS or email.",
           "error": "The findings cannot be read for a moment; try again shortly.", "print": "Print",
           "noscript": "Reading the findings needs JavaScript in your browser."},
}


def render_findings(lang: str) -> str:
    ui = _UI[lang] | {"sep": SEP[lang]}
    data = " ".join(f'data-msg-{k.replace("_", "-")}="{escape(v)}"' for k, v in ui.items())
    return (f'<div class="portal-findings" data-lang="{lang}" {data}>\n'
            f'<div class="portal-findings-body" role="status" aria-live="polite" tabindex="-1"></div>\n'
            f'<noscript><p class="portal-noscript">{escape(ui["noscript"])}</p></noscript>\n</div>')
