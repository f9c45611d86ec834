"""One origin for the whole portal: the built site, the API under /api/, the outbox under /_local/.

A WSGI application served by waitress (a well-kept production WSGI server): it reads every
request body before the application sees it (so a refused request can never desync the
connection), answers a malformed or oversized request itself, times out idle and slow clients,
and queues parallel connections instead of resetting them."""
from __future__ import annotations

import base64
import html
import json
import logging
import mimetypes
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable
from urllib.parse import parse_qs

log = logging.getLogger("local_stack.http")
# The API refuses bodies over 32 KB with its bilingual 413; waitress reads up to this much first, so
# that refusal can be sent, and answers a larger one itself, as API Gateway does beyond 10 MB.
READ_LIMIT = 16 * 1024 * 1024
_NOT_FOUND = {"error": {"code": "not_found", "message": {"zh": "没有这个接口。", "en": "No such endpoint."}}}
_TOO_LARGE = {"error": {"code": "too_large", "message": {"zh": "请求内容过大（上限 32 KB）。",
                                                          "en": "The request body is too large (limit 32 KB)."}}}
API_BODY_LIMIT = 32 * 1024
_NOT_ALLOWED = {"error": {"code": "method_not_allowed", "message": {"zh": "不支持此请求方法。",
                                                                    "en": "This method is not allowed."}}}
JSON = "application/json; charset=utf-8"
# A page's own Content-Security-Policy (the staff pages carry one: site/hooks/staff_pages.py).
_CSP_META = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
Respond = Callable[[str, list[tuple[str, str]]], Any]
_REASONS = {200: "OK", 201: "Created", 301: "Moved Permanently", 400: "Bad Request", 404: "Not Found",
            405: "Method Not Allowed", 409: "Conflict", 413: "Payload Too Large", 415: "Unsupported Media Type",
            422: "Unprocessable Entity", 429: "Too Many Requests", 500: "Internal Server Error",
            503: "Service Unavailable"}


@dataclass
class PortalApp:
    """The WSGI application; `gateway` (Chalice's LocalGateway), `outbox` and `faults` are set
    once the stack has built them."""

    site_dir: Path
    gateway: Any = None
    outbox: Any = None
    faults: Any = None
    clock: Any = None  # infra/local_clock.py: tests move it through /_local/clock

    def __call__(self, environ: dict[str, Any], start_response: Respond) -> Iterable[bytes]:
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO") or "/"
        status, headers, body = self._route(method, path, environ)
        headers = [("Content-Length", str(len(body))), ("X-Content-Type-Options", "nosniff"), *headers]
        start_response(f"{status} {_REASONS.get(status, 'Status')}", headers)
        # The path only: a query string could one day carry something personal.
        log.info("%s %s %d", method, path, status)
        return [] if method == "HEAD" else [body]

    def _route(self, method: str, path: str, environ: dict[str, Any]) -> tuple[int, list, bytes]:
        if path.startswith("/api/"):
            return self._api(method, path, environ)
        if path == "/_local/outbox.json":
            return _json(200, self._outbox_json(environ))
        if path == "/_local/faults":
            return self._faults(method, environ)
        if path == "/_local/clock":
            return self._clock(method, environ)
        if path in ("/_local/outbox", "/_local/outbox/"):
            return 200, [("Content-Type", "text/html; charset=utf-8")], self.outbox.as_html().encode()
        if method in ("GET", "HEAD"):
            return self._static(path)
        return _json(405, _NOT_ALLOWED, [("Allow", "GET, HEAD")])

    def _api(self, method: str, path: str, environ: dict[str, Any]) -> tuple[int, list, bytes]:
        from chalice.local import LocalGatewayException

        if method not in ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"):
            return _json(405, _NOT_ALLOWED, [("Allow", "GET, HEAD, POST")])
        length = int(environ.get("CONTENT_LENGTH") or 0)  # waitress has checked and read it
        if length > API_BODY_LIMIT:  # as API Gateway's payload limit would, before the function runs
            return _json(413, _TOO_LARGE)
        body = environ["wsgi.input"].read(length) if length else None
        headers = {k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")}
        # As CloudFront does in front of the API: the viewer's own address, whatever was sent.
        headers["cloudfront-viewer-address"] = f"{environ.get('REMOTE_ADDR', '127.0.0.1')}:{environ.get('REMOTE_PORT', '0')}"
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        # The path as sent (still %-encoded), as API Gateway routes it: a decoded %23 or %2F
        # would otherwise end the path or split a tracking number into two segments.
        raw = environ.get("REQUEST_URI") or path
        try:
            res = self.gateway.handle_request(method, raw, headers, body)
        except LocalGatewayException as exc:  # unknown route: API Gateway's 403, shown as 404
            return _json(404 if exc.CODE == 403 else exc.CODE, _NOT_FOUND)
        if res["statusCode"] == 405:  # a method the route does not have: our words, not Chalice's
            return _json(405, _NOT_ALLOWED, [("Allow", res.get("headers", {}).get("Allow", ""))])
        payload = res.get("body") or b""
        if res.get("isBase64Encoded"):  # a binary body (a notice's PDF, the attendance XLSX), as API Gateway decodes it
            payload = base64.b64decode(payload)
        elif isinstance(payload, str):
            payload = payload.encode("utf-8")
        out = dict(res.get("headers") or {})
        return res["statusCode"], [("Content-Type", out.pop("Content-Type", "application/json")), *out.items()], payload

    def _outbox_json(self, environ: dict[str, Any]) -> dict:
        """?after=N&wait=S: answer once more than N were recorded, or after S seconds."""
        query = parse_qs(environ.get("QUERY_STRING", ""))
        try:
            after = int(query["after"][0]) if "after" in query else None
            wait = float(query.get("wait", ["10"])[0])
        except ValueError:
            after, wait = None, 0.0
        return self.outbox.as_json(after, wait)

    def _clock(self, method: str, environ: dict[str, Any]) -> tuple[int, list, bytes]:
        if method != "POST":
            return _json(200, {"now": self.clock.now().isoformat()})
        length = min(int(environ.get("CONTENT_LENGTH") or 0), 4096)
        try:
            return _json(200, self.clock.set(json.loads(environ["wsgi.input"].read(length) or b"{}").get("now")))
        except (ValueError, AttributeError) as exc:
            return _json(400, {"error": str(exc)})

    def _faults(self, method: str, environ: dict[str, Any]) -> tuple[int, list, bytes]:
        if method == "POST":
            length = min(int(environ.get("CONTENT_LENGTH") or 0), 4096)
            try:
                return _json(200, self.faults.set(json.loads(environ["wsgi.input"].read(length) or b"{}")))
            except (ValueError, AttributeError) as exc:
                return _json(400, {"error": str(exc)})
        return _json(200, self.faults.modes)

    def _static(self, path: str) -> tuple[int, list, bytes]:
        target = (self.site_dir / path.lstrip("/")).resolve()
        if not target.is_relative_to(self.site_dir):
            return 404, [("Content-Type", "text/plain")], b"Not Found"
        if target.is_dir():
            if not path.endswith("/"):
                return 301, [("Location", path + "/"), ("Content-Type", "text/plain")], b""
            target = target / "index.html"
        if not target.is_file():
            page = self._not_found_page(path)
            return 404, [("Content-Type", "text/html; charset=utf-8")], page.read_bytes() if page else b"Not Found"
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json", "image/svg+xml"):
            ctype += "; charset=utf-8"
        body = target.read_bytes()
        return 200, [("Content-Type", ctype), *(_page_policy(body) if ctype.startswith("text/html") else [])], body

    def _not_found_page(self, path: str) -> Path | None:
        for candidate in (("en/404.html",) if path.startswith("/en/") else ()) + ("404.html",):
            if (self.site_dir / candidate).is_file():
                return self.site_dir / candidate
        return None


def _page_policy(page: bytes) -> list[tuple[str, str]]:
    """A page's Content-Security-Policy <meta>, sent as a header too, so the policy is written
    once (in the page) and what only a header can enforce (frame-ancestors) is enforced here."""
    found = _CSP_META.search(page, 0, 4096)  # it is among the first tags of the <head>
    return [("Content-Security-Policy", html.unescape(found[1].decode()))] if found else []


def _json(status: int, body: Any, headers: list[tuple[str, str]] | None = None) -> tuple[int, list, bytes]:
    return status, [("Content-Type", JSON), *(headers or [])], json.dumps(body, ensure_ascii=False).encode()


class LocalServer:
    """waitress on loopback, in a thread of its own; `stop()` closes it and its workers."""

    def __init__(self, app: PortalApp, port: int, threads: int = 8):
        from waitress.server import create_server

        self.app = app
        self._server = create_server(
            app, host="127.0.0.1", port=port, threads=threads, backlog=1024, ident="proactive-service-local",
            channel_timeout=30,  # seconds an idle or slow client may hold a connection
            max_request_body_size=READ_LIMIT, max_request_header_size=64 * 1024,
            clear_untrusted_proxy_headers=True)
        self.port = self._server.effective_port
        self._thread = threading.Thread(target=self._server.run, name="http", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        from waitress import wasyncore

        server = self._server
        server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))  # ends the loop, in its thread
        self._thread.join(timeout=10)
        server.task_dispatcher.shutdown(timeout=10)
