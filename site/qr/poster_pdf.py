"""The poster as PDF (A4), drawn with reportlab: Chinese in the standard CID font STSong-Light,
which every PDF reader supplies, and the QR code as vector squares from segno's matrix."""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from posters import BUREAU, CALL, SAMPLE, Poster

CJK = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(CJK))


def write_pdf(poster: Poster, path: Path) -> Path:
    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)  # invariant: same bytes for the same poster
    c.setTitle(f"{poster.window.name.zh} / {poster.window.name.en}")
    w = poster.window

    def line(y_mm: float, text: str, size: float, font: str = CJK) -> None:
        c.setFont(font, size)
        c.drawCentredString(width / 2, height - y_mm * mm, text)

    line(22, BUREAU[0], 20)
    line(30, BUREAU[1], 12, "Helvetica")
    line(52, w.name.zh, 30)
    line(62, w.name.en, 16, "Helvetica-Bold")
    line(78, CALL[0], 18)
    line(84, CALL[1], 12, "Helvetica")
    _qr(c, poster, x=(width - 120 * mm) / 2, top=height - 88 * mm, size=120 * mm)
    line(214, poster.link, 9, "Courier")
    y = 228
    for zh, en in poster.services:
        line(y, zh, 15)
        line(y + 6, en, 10, "Helvetica")
        y += 15
    if w.sample:
        c.setFillColorRGB(0.69, 0, 0.13)
        line(288, SAMPLE[0], 10)
        line(293, SAMPLE[1], 8, "Helvetica")
    c.showPage()
    c.save()
    return path


def _qr(c: canvas.Canvas, poster: Poster, x: float, top: float, size: float) -> None:
    matrix = [list(row) for row in poster.qr.matrix]
    border = 4
    modules = len(matrix) + 2 * border
    cell = size / modules
    c.setFillColorRGB(0, 0, 0)
    for r, row in enumerate(matrix):
        for col, dark in enumerate(row):
            if dark:
                c.rect(x + (col + border) * cell, top - (r + border + 1) * cell, cell, cell, stroke=0, fill=1)
