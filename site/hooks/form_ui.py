"""The words of the generated forms that are not about a field: sections, buttons, messages.
The messages the server also gives (required, too short, too long) are the server's own words
(chalicelib/domain/errors.py), {placeholders} and all: form.js fills them in as the server does."""
from __future__ import annotations

from chalicelib.domain.errors import message


def _server(kind: str) -> dict[str, str]:
    zh, en = message(kind)
    return {"zh": zh, "en": en}


_SAME = {"required": _server("missing"), "short": _server("string_too_short"), "long": _server("string_too_long")}

GROUPS = {
    "request": {"zh": "申请内容", "en": "Your request"},
    "project": {"zh": "项目信息", "en": "The project"},
    "applicant": {"zh": "申请单位和联系人", "en": "Your organisation and contact"},
}

UI: dict[str, dict] = {
    "zh": {
        # Optional fields say so in their label (GOV.UK style); required ones carry no mark.
        "choose": "请选择", "submit": "提交申请", "yes": "是", "no": "否", "summary": "请更正以下内容",
        "noscript": "在线提交需要启用浏览器的 JavaScript。您也可以通过“联系方式”页面中的电话或服务窗口提出申请。",
        # The confirmation shown once the API answers 201; its values come from the answer.
        "confirmation": {"title": "申请已提交", "tracking_no": "申请编号：", "lead": "牵头部门：",
                         "status_link": "查看办理进度",
                         "keep_link": "请保存此链接：它含有您的查询密钥，我们也已通过短信发送给您。"},
        "messages": {**{k: v["zh"] for k, v in _SAME.items()}, "pattern": "格式不正确，请核对。",
                     "limit": "最多 {max_length} 个字符。", "count": "已输入 {length} 个字符，最多 {max_length} 个。",
                     "range": "数值超出允许范围。", "choose": "请至少选择一项。",
                     "network": "网络连接失败，申请未提交，请稍后重试。", "failed": "提交失败，请稍后重试。"},
    },
    "en": {
        "choose": "Choose…", "submit": "Submit request", "yes": "Yes", "no": "No", "summary": "Please correct the following",
        "noscript": "Submitting online needs JavaScript in your browser. You can also ask by phone or at a service window: see the Contacts page.",
        "confirmation": {"title": "Request submitted", "tracking_no": "Tracking number: ", "lead": "Lead department: ",
                         "status_link": "Follow your request",
                         "keep_link": "Keep this link: it holds your access key. We have also sent it to you by SMS."},
        "messages": {**{k: v["en"] for k, v in _SAME.items()}, "pattern": "The format is not valid; please check it.",
                     "limit": "Up to {max_length} characters.", "count": "{length} of {max_length} characters.",
                     "range": "This number is out of range.",
                     "choose": "Choose at least one.", "network": "No connection: nothing was submitted. Please try again.",
                     "failed": "Submitting failed; please try again."},
    },
}
