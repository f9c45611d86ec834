"""One origin for the whole portal: the built site, the API under /api/, the outbox under /_local/."""
from __future__ import annotations

import json
import mimetypes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

READ_LIMIT = 1024 * 1024  # larger bodies are refused before they are read (the API caps at 32 KB)
_NOT_FOUND = {"error": {"code": "not_found", "message": {"zh": "没有这个接口。", "en": "No such endpoint."}}}
_TOO_LARGE = {"error": {"code": "too_large", "message": {"zh": "请求内容过大（上限 32 KB）。",
                                                          "en": "The request body is too large (limit 32 KB)."}}}


def make_server(port: int, site_dir: Path, gateway: Any, outbox: Any) -> ThreadingHTTPServer:
    class Handler(_PortalHandler):
        pass

    Handler.site_dir, Handler.gateway, Handler.outbox = site_dir.resolve(), gateway, outbox
    Handler.faults = None
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    return server


class _PortalHandler(BaseHTTPRequestHandler):
    site_dir: Path
    gateway: Any
    outbox: Any
    faults: Any
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt: str, *args: Any) -> None:
        # The path only: query strings and fragments can carry tracking numbers and tokens.
        print(f"{self.command} {urlsplit(self.path).path} {args[1] if len(args) > 1 else ''}")

    def do_GET(self) -> None:
        self._dispatch()

    def do_HEAD(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def do_PATCH(self) -> None:
        self._dispatch()

    def __getattr__(self, name: str) -> Any:
        # Any other method (OPTIONS, TRACE, QUERY, …) is a clear 405, not http.server's 501.
        if name.startswith("do_"):
            return self._not_allowed
        raise AttributeError(name)

    def _not_allowed(self) -> None:
        body = {"error": {"code": "method_not_allowed", "message": {"zh": "不支持此请求方法。", "en": "This method is not allowed."}}}
        self._send(405, json.dumps(body, ensure_ascii=False).encode(), "application/json; charset=utf-8",
                   {"Allow": "GET, HEAD, POST"})

    def _dispatch(self) -> None:
        path = urlsplit(self.path).path
        if path.startswith("/api/"):
            self._api()
        elif path == "/_local/outbox.json":
            self._send(200, json.dumps(self._outbox_json(), ensure_ascii=False).encode(), "application/json; charset=utf-8")
        elif path == "/_local/faults":
            self._faults()
        elif path in ("/_local/outbox", "/_local/outbox/"):
            self._send(200, self.outbox.as_html().encode(), "text/html; charset=utf-8")
        elif self.command in ("GET", "HEAD"):
            self._static(path)
        else:
            self._send(405, b"Method Not Allowed", "text/plain")

    def _api(self) -> None:
        from chalice.local import LocalGatewayException

        length = int(self.headers.get("Content-Length") or 0)
        if length > READ_LIMIT:
            self._drain(length)
            self.close_connection = True
            return self._send(413, json.dumps(_TOO_LARGE, ensure_ascii=False).encode(), "application/json; charset=utf-8")
        body = self.rfile.read(length) if length else None
        headers = {k.lower(): v for k, v in self.headers.items()}
        try:
            res = self.gateway.handle_request(self.command, self.path, headers, body)
        except LocalGatewayException as exc:  # unknown route: API Gateway's 403, shown as 404
            return self._send(404 if exc.CODE == 403 else exc.CODE,
                              json.dumps(_NOT_FOUND, ensure_ascii=False).encode(), "application/json; charset=utf-8")
        payload = res.get("body") or b""
        if isinstance(payload, str):
            payload = payload.encode("utf-8")
        out_headers = dict(res.get("headers") or {})
        self._send(res["statusCode"], payload, out_headers.pop("Content-Type", "application/json"), out_headers)

    def _outbox_json(self) -> dict:
        """?after=N&wait=S: answer once more than N were recorded, or after S seconds."""
        query = parse_qs(urlsplit(self.path).query)
        try:
            after = int(query["after"][0]) if "after" in query else None
            wait = float(query.get("wait", ["10"])[0])
        except ValueError:
            after, wait = None, 0.0
        return self.outbox.as_json(after, wait)

    def _faults(self) -> None:
        if self.command == "POST":
            length = min(int(self.headers.get("Content-Length") or 0), 4096)
            try:
                modes = self.faults.set(json.loads(self.rfile.read(length) or b"{}"))
            except (ValueError, AttributeError) as exc:
                return self._send(400, json.dumps({"error": str(exc)}).encode(), "application/json")
        else:
            modes = self.faults.modes
        self._send(200, json.dumps(modes).encode(), "application/json")

    def _drain(self, length: int, cap: int = 8 * READ_LIMIT) -> None:
        """Read (and drop) a refused body, so the client sees the 413 rather than a reset."""
        remaining = min(length, cap)
        while remaining > 0:
            chunk = self.rfile.read(min(remaining, 65536))
            if not chunk:
                break
            remaining -= len(chunk)

    def _static(self, path: str) -> None:
        target = (self.site_dir / unquote(path).lstrip("/")).resolve()
        if not target.is_relative_to(self.site_dir):
            return self._send(404, b"Not Found", "text/plain")
        if target.is_dir():
            if not path.endswith("/"):
                return self._send(301, b"", "text/plain", {"Location": path + "/"})
            target = target / "index.html"
        if not target.is_file():
            page = self._not_found_page(path)
            return self._send(404, page.read_bytes() if page else b"Not Found", "text/html; charset=utf-8")
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json", "image/svg+xml"):
            ctype += "; charset=utf-8"
        self._send(200, target.read_bytes(), ctype)

    def _not_found_page(self, path: str) -> Path | None:
        for candidate in (("en/404.html",) if path.startswith("/en/") else ()) + ("404.html",):
            if (self.site_dir / candidate).is_file():
                return self.site_dir / candidate
        return None

    def _send(self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
