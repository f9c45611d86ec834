"""Documents as HTTP responses: a notice's PDF, to a reader who asks for one."""
from __future__ import annotations

from chalice import Response

from ..catalog import Catalog
from ..domain.notices import Notice
from ..domain.request import ServiceRequest
from .errors import HttpError

PDF = "application/pdf"


def pdf_response(accept: str | None, request: ServiceRequest, notice: Notice, catalog: Catalog) -> Response:
    """The notice's PDF, never cached (it is personal); 406 in both languages to a client that
    does not accept one (API Gateway returns binary bodies only to those)."""
    from ..adapters.notice_pdf import render_notice

    wanted = [part.split(";")[0].strip().lower() for part in (accept or "").split(",")]
    if not set(wanted) & {PDF, "application/*", "*/*"}:
        raise HttpError("not_acceptable")
    return Response(body=render_notice(request, notice, catalog), status_code=200, headers={
        "Content-Type": PDF, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
        "Content-Disposition": f'attachment; filename="{notice.number}.pdf"'})
