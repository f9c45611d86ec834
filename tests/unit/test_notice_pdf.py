"""The notice's PDF: A4, the embedded CJK font (not a CID font a reader must supply), and its
text, extracted as a reader would, holds every item in both languages, the bureau's header, the
number, the date, the officer, the department and the sample mark."""
import re

import pypdfium2 as pdfium
import pytest

from chalicelib.adapters.notice_pdf import FONT_FILE, render_notice
from tests.unit.test_notices import LEAD, accepted, issue, item


def text_of(pdf: bytes) -> str:
    """The text of every page, as a PDF reader extracts it (PDFium)."""
    doc = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def squeeze(text: str) -> str:
    """Without whitespace: a line may wrap anywhere in the PDF, in a word or between words."""
    return re.sub(r"\s+", "", text)


def pages(pdf: bytes) -> list[tuple[float, float]]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [page.get_size() for page in doc]
    finally:
        doc.close()


def test_the_font_is_the_one_the_makefile_pinned():
    import hashlib

    expected = (FONT_FILE.parent / "SHA256SUMS").read_text().split()[0]
    assert hashlib.sha256(FONT_FILE.read_bytes()).hexdigest() == expected


@pytest.mark.parametrize("count", [1, 12])
def test_every_item_is_in_the_pdf_in_both_languages_with_the_header_and_the_sample_mark(deps, count):
    no = accepted(deps)
    items = [item(n, basis={"zh": f"规范第{n}.2条<&>", "en": f"Clause {n}.2 <&> of the code"}) for n in range(1, count + 1)]
    request, notice = issue(deps, no, items)
    pdf = render_notice(request, notice, deps.catalog)
    assert pdf.startswith(b"%PDF-") and all(abs(w - 595.3) < 1 and abs(h - 841.9) < 1 for w, h in pages(pdf))
    assert len(pages(pdf)) >= (2 if count > 6 else 1)
    assert b"/FontFile2" in pdf and b"STSong" not in pdf  # a TrueType font embedded, no CID font assumed
    text = squeeze(text_of(pdf))
    for i in notice.items:
        for part in (i.problem, i.basis, i.provide):
            assert squeeze(part.zh) in text and squeeze(part.en) in text
    for words in ("沈阳市城乡建设局", "Shenyang Urban-Rural Construction Bureau", "一次性告知单", "One-time notice",
                  notice.number, "2026-11-30", "质量站", "Construction Quality Supervision Station",
                  request.form["organisation"], "纸质原件", "Paper original", "示例 / Sample",
                  deps.catalog.documents.sample_note.zh, deps.catalog.documents.sample_note.en):
        assert squeeze(words) in text, words
    assert squeeze(notice.officer_name) in text and notice.officer == LEAD


def test_a_superseded_notice_says_by_which_and_the_new_one_which_it_replaces(deps):
    no = accepted(deps)
    issue(deps, no, [item(1)])
    request, second = issue(deps, no, [item(2)], replaces=1)
    first_text = squeeze(text_of(render_notice(request, request.notices[0], deps.catalog)))
    second_text = squeeze(text_of(render_notice(request, second, deps.catalog)))
    assert "已被替代" in first_text and second.number in first_text
    assert "Replaces" in second_text and request.notices[0].number in second_text


def test_no_sample_mark_once_the_bureau_confirmed_the_header(deps):
    no = accepted(deps)
    request, notice = issue(deps, no, [item(1)])
    confirmed = deps.catalog.model_copy(update={"documents": deps.catalog.documents.model_copy(update={"sample": False})})
    text = squeeze(text_of(render_notice(request, notice, confirmed)))
    note = deps.catalog.documents.sample_note
    assert squeeze(note.zh) not in text and squeeze(note.en) not in text and "示例/Sample" not in text
    assert notice.number in text
