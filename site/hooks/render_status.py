"""The status lookup block: tracking number + access key, filled from the link in the SMS."""
from __future__ import annotations

_UI = {
    "zh": {"no": "申请编号", "token": "查询密钥", "token_help": "见受理短信或邮件中的链接",
           "submit": "查询", "noscript": "查询进度需要启用浏览器的 JavaScript。",
           "not_found": "未找到该申请。请核对申请编号和查询密钥。", "error": "暂时无法查询，请稍后再试。",
           "status": "当前状态", "service": "服务事项", "lead": "牵头部门", "timeline": "办理记录"},
    "en": {"no": "Tracking number", "token": "Access key", "token_help": "In the link of your acknowledgement SMS or email",
           "submit": "Look up", "noscript": "Looking up a request needs JavaScript in your browser.",
           "not_found": "No such request. Check the tracking number and the access key.",
           "error": "The lookup is unavailable for a moment; try again shortly.",
           "status": "Status", "service": "Service", "lead": "Lead department", "timeline": "Timeline"},
}


def render_status(lang: str) -> str:
    ui = _UI[lang]
    data = " ".join(f'data-msg-{k.replace("_", "-")}="{v}"' for k, v in ui.items())
    return (
        f'<form class="portal-status-form" data-lang="{lang}" {data} hidden>\n'
        f'<div class="portal-field"><label for="s-no">{ui["no"]}</label>\n'
        f'<input id="s-no" name="no" type="text" required maxlength="40" autocomplete="off" spellcheck="false"></div>\n'
        f'<div class="portal-field"><label for="s-token">{ui["token"]}</label>\n'
        f'<p class="portal-hint" id="s-token-help">{ui["token_help"]}</p>\n'
        f'<input id="s-token" name="token" type="password" required maxlength="100" autocomplete="off" aria-describedby="s-token-help"></div>\n'
        f'<button type="submit" class="md-button md-button--primary">{ui["submit"]}</button>\n'
        f'</form>\n<div class="portal-status" role="status" aria-live="polite"></div>\n'
        f'<noscript><p class="portal-noscript">{ui["noscript"]}</p></noscript>')
