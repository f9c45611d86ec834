"""What the local stack 'sent': every email and SMS that reached moto's SES and SNS.

The dispatcher's senders are wrapped so each send, and each failed attempt, is recorded with its
time; an entry is `confirmed` when moto's own SES/SNS backend held the same message id as it
was sent. With a log (infra/local_state.OutboxLog) the records survive a restart."""
from __future__ import annotations

import html
import threading
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Any

PAGE = 200  # the newest messages the page shows (the JSON has all)


@dataclass(frozen=True)
class SentMessage:
    channel: str
    to: str
    subject: str
    body: str
    time: str
    provider_id: str
    outcome: str = "sent"  # or the provider's error code of a failed attempt
    confirmed: bool = False
    attachments: tuple = ()  # ({filename, content_type, content}, …) of an email


class Outbox:
    MAX_WAIT = 30.0  # seconds a long poll may hold its request

    def __init__(self, log: Any = None) -> None:
        self._changed = threading.Condition()
        self._log = log
        self._items: list[SentMessage] = [SentMessage(**r) for r in log.load()] if log else []

    def record(self, channel: str, to: str, subject: str, body: str, provider_id: str,
               outcome: str = "sent", attachments: tuple = ()) -> None:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        files = tuple({"filename": a.filename, "content_type": a.content_type, "content": a.content} for a in attachments)
        message = SentMessage(channel, to, subject, body, now, provider_id, outcome,
                              outcome == "sent" and _held_by_moto(channel, provider_id), files)
        with self._changed:
            if self._log:
                self._log.append(asdict(message))
            self._items.append(message)
            self._changed.notify_all()

    def as_json(self, after: int | None = None, wait: float = 0.0) -> dict:
        """Sent messages (`messages`) and failed attempts (`failed_attempts`), newest first.
        With `after`, first wait (up to `wait` seconds) until more than `after` were recorded:
        a long poll, so a tool sees a message the moment it is sent instead of polling."""
        with self._changed:
            if after is not None:
                self._changed.wait_for(lambda: len(self._items) > after, timeout=min(wait, self.MAX_WAIT))
            items = list(self._items)
        sent = [asdict(m) for m in reversed(items) if m.outcome == "sent"]
        failed = [asdict(m) for m in reversed(items) if m.outcome != "sent"]
        return {"messages": sent, "failed_attempts": failed,
                "counts": {"sent": len(sent), "failed_attempts": len(failed), "recorded": len(items)}}

    def as_html(self) -> str:
        snapshot = self.as_json()
        rows = "".join(
            f"<article><h2>{'✉️ Email' if m['channel'] == 'email' else '📱 SMS'} → "
            f"{html.escape(m['to'])}</h2><p><time>{html.escape(m['time'])}</time>"
            f"{' · confirmed by moto' if m['confirmed'] else ''}</p>"
            + (f"<h3>{html.escape(m['subject'])}</h3>" if m["subject"] else "")
            + f"<pre>{html.escape(m['body'])}</pre>"
            + "".join(f"<p>📎 {html.escape(a['filename'])}</p>" for a in m.get("attachments") or ()) + "</article>"
            for m in snapshot["messages"][:PAGE])
        failures = "".join(f"<li><time>{html.escape(m['time'])}</time> {html.escape(m['channel'])} → "
                           f"{html.escape(m['to'])}: {html.escape(m['outcome'])}</li>"
                           for m in snapshot["failed_attempts"])
        return (
            "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width,initial-scale=1'>"
            "<meta http-equiv='refresh' content='5'><title>本地发件箱 Local outbox</title>"
            "<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:auto;padding:1rem}"
            "article{border:1px solid #ccc;border-radius:6px;padding:0 1rem;margin:1rem 0}"
            "pre{white-space:pre-wrap;word-break:break-word}</style></head><body>"
            "<h1>本地发件箱 · Local outbox</h1><p>本地环境中“已发送”的邮件和短信（不会真正发出）。"
            " Emails and SMS the local stack 'sent' (nothing leaves this machine). "
            "<a href='/_local/outbox.json'>JSON</a></p>"
            + (f"<h2>发送失败的尝试 · Failed attempts (retried unless refused)</h2><ul>{failures}</ul>" if failures else "")
            + (rows or "<p>尚无消息。No messages yet.</p>") + "</body></html>")


class RecordingEmail:
    def __init__(self, inner, outbox: Outbox):
        self._inner, self._outbox = inner, outbox

    def send_email(self, to: str, subject: str, body: str, attachments=()) -> str:
        try:
            provider_id = self._inner.send_email(to, subject, body, *([attachments] if attachments else []))
        except Exception as exc:
            self._outbox.record("email", to, subject, body, "", f"failed: {exc}", attachments)
            raise
        self._outbox.record("email", to, subject, body, provider_id, attachments=attachments)
        return provider_id


class RecordingSms:
    def __init__(self, inner, outbox: Outbox):
        self._inner, self._outbox = inner, outbox

    def send_sms(self, phone_e164: str, body: str) -> str:
        try:
            provider_id = self._inner.send_sms(phone_e164, body)
        except Exception as exc:
            self._outbox.record("sms", phone_e164, "", body, "", f"failed: {exc}")
            raise
        self._outbox.record("sms", phone_e164, "", body, provider_id)
        return provider_id


def _held_by_moto(channel: str, provider_id: str) -> bool:
    """Whether moto's SES or SNS holds the message just sent under this id."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends
    from moto.sns.models import sns_backends

    from .local_aws import REGION

    if channel == "sms":
        return provider_id in sns_backends[DEFAULT_ACCOUNT_ID][REGION].sms_messages
    sent = ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages
    return any(m.id == provider_id for m in sent[-20:])  # the newest: it was just appended
