"""A one-time notice as a PDF (A4): the bureau's header, the notice's number and date, the
officer and department, every item in Chinese with its English rendering, and the sample mark
while documents.yml says the header is a sample. Drawn with reportlab's platypus; the CJK font
(fonts/README.md) is embedded, as a subset, so any reader shows the text as printed and a
reader's search or copy gets the characters back (reportlab writes their ToUnicode map)."""
from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from ..catalog import Catalog
from ..domain.calendar import BEIJING
from ..domain.notices import FORMS, Notice, notice_number, superseded_by
from ..domain.request import ServiceRequest

FONT_FILE = Path(__file__).resolve().parent.parent / "fonts" / "wqy-microhei.ttc"
FONT = "WenQuanYiMicroHei"
RED = "#b00020"
# The labels of the notice's facts and of each item's parts: (zh, en).
LABELS = {
    "number": ("告知单编号", "Notice no."), "tracking_no": ("申请编号", "Tracking no."),
    "date": ("日期", "Date"), "service": ("服务事项", "Service"), "applicant": ("申请单位", "Applicant"),
    "department": ("经办部门", "Department"), "officer": ("经办人", "Officer"),
    "replaces": ("替代", "Replaces"), "superseded": ("已被替代", "Superseded by"),
    "problem": ("缺少或需整改的内容", "What is missing or must be rectified"),
    "basis": ("依据", "Basis"), "provide": ("需提供", "Provide"), "form": ("形式", "Form"),
    "copies": ("份数", "Copies"), "item": ("第 {n} 项", "Item {n}"),
}


@functools.lru_cache(maxsize=1)
def _font() -> str:
    """Registers the embedded font once per process; a clear error if `make setup` has not fetched it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if not FONT_FILE.is_file():
        raise RuntimeError(f"{FONT_FILE} is missing: `make setup` fetches it (fonts/README.md)")
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE), subfontIndex=0))
    return FONT


def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("base", fontName=_font(), fontSize=10.5, leading=15, wordWrap="CJK")
    return {
        "issuer": ParagraphStyle("issuer", base, fontSize=18, leading=24, alignment=1),
        "issuer_en": ParagraphStyle("issuer_en", base, fontSize=11, leading=15, alignment=1),
        "title": ParagraphStyle("title", base, fontSize=22, leading=30, alignment=1, spaceBefore=8),
        "title_en": ParagraphStyle("title_en", base, fontSize=13, leading=18, alignment=1, spaceAfter=6),
        "sample": ParagraphStyle("sample", base, fontSize=10, textColor=RED, alignment=1, spaceAfter=6),
        "body": base, "en": ParagraphStyle("en", base, fontSize=9.5, leading=13, textColor="#333333"),
        "item": ParagraphStyle("item", base, fontSize=12, leading=17, spaceBefore=10, spaceAfter=3),
    }


def _both(zh: str, en: str, st: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import Paragraph

    return [Paragraph(_lines(zh), st["body"]), Paragraph(_lines(en), st["en"])]


def _lines(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def render_notice(request: ServiceRequest, notice: Notice, catalog: Catalog) -> bytes:
    """The notice as PDF bytes; the same notice gives the same bytes (reportlab's invariant mode)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

    st, words, note = _styles(), catalog.documents.notice, catalog.documents.note
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, invariant=1, title=f"{words.title.zh} {notice.number}",
                            subject=f"{words.title.en} {notice.number}", author=words.issuer.en)
    story: list[Any] = [Paragraph(escape(words.issuer.zh), st["issuer"]), Paragraph(escape(words.issuer.en), st["issuer_en"]),
                        Paragraph(escape(words.title.zh), st["title"]), Paragraph(escape(words.title.en), st["title_en"])]
    if note:
        story.append(Paragraph(f"{escape(note.zh)}<br/>{escape(note.en)}", st["sample"]))
    story.append(_facts(request, notice, catalog, st))
    story += [Spacer(1, 4 * mm), *_both(words.lead.zh, words.lead.en, st)]
    for n, item in enumerate(notice.items, 1):
        heading = Paragraph(escape(LABELS["item"][0].format(n=n) + " · " + LABELS["item"][1].format(n=n)), st["item"])
        story.append(KeepTogether([heading, _item(item, st)]))  # an item's heading never ends a page
    story += [Spacer(1, 6 * mm), *_both(words.closing.zh, words.closing.en, st)]
    doc.build(story, onFirstPage=_footer(notice, note), onLaterPages=_footer(notice, note))
    return out.getvalue()


def _table(rows: list[list[Any]], widths: tuple[float, float]) -> Any:
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=widths)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "#999999"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (0, -1), "#f2f2f2")]))
    return table


def _label(key: str, st: dict[str, Any]) -> list[Any]:
    return _both(*LABELS[key], st)


def _facts(request: ServiceRequest, notice: Notice, catalog: Catalog, st: dict[str, Any]) -> Any:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    service, department = catalog.service(request.service), catalog.department(notice.department)
    date = notice.issued_at.astimezone(BEIJING).date().isoformat()
    plain = lambda text: Paragraph(escape(text), st["body"])  # noqa: E731
    rows = [[_label("number", st), plain(notice.number)], [_label("tracking_no", st), plain(request.tracking_no)],
            [_label("date", st), plain(date)], [_label("service", st), _both(service.name.zh, service.name.en, st)],
            [_label("applicant", st), plain(request.form.get("organisation") or "")],
            [_label("department", st), _both(department.name.zh, department.name.en, st)],
            [_label("officer", st), plain(notice.officer_name)]]
    if notice.replaces:
        rows.append([_label("replaces", st), plain(notice_number(request.tracking_no, notice.replaces))])
    later = superseded_by(request, notice)
    if later:
        rows.append([_label("superseded", st), plain(later.number)])
    return _table(rows, (45 * mm, 125 * mm))


def _item(item: Any, st: dict[str, Any]) -> Any:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    form = FORMS[item.form]
    rows = [[_label(part, st), _both(getattr(item, part).zh, getattr(item, part).en, st)]
            for part in ("problem", "basis", "provide")]
    rows += [[_label("form", st), _both(form["zh"], form["en"], st)],
             [_label("copies", st), Paragraph(str(item.copies), st["body"])]]
    return _table(rows, (45 * mm, 125 * mm))


def _footer(notice: Notice, note: Any):
    """Each page's foot: the notice's number and the page (and the sample mark, in red)."""
    def draw(canvas: Any, doc: Any) -> None:
        from reportlab.lib.units import mm

        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.drawString(20 * mm, 10 * mm, f"{notice.number} · {doc.page}")
        if note:
            canvas.setFillColor(RED)
            canvas.drawRightString(190 * mm, 10 * mm, "示例 / Sample")
        canvas.restoreState()
    return draw
