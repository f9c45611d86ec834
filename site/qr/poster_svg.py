"""The poster as SVG (A4, 210 × 297 mm): text in the CJK fonts the printing machine has."""
from __future__ import annotations

import io
from html import escape
from pathlib import Path

from posters import BUREAU, CALL, SAMPLE, Poster

FONT = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif"


def write_svg(poster: Poster, path: Path) -> Path:
    qr = io.BytesIO()
    size_mm = 120
    poster.qr.save(qr, kind="svg", xmldecl=False, svgns=True, scale=1, border=4, omitsize=True)
    inner = qr.getvalue().decode("utf-8")
    w = poster.window
    lines = [
        _text(105, 22, BUREAU[0], 7), _text(105, 30, BUREAU[1], 4.5),
        _text(105, 52, w.name.zh, 11, bold=True), _text(105, 62, w.name.en, 6),
        _text(105, 78, f"{CALL[0]} · {CALL[1]}", 6.5, bold=True),
        f'<svg x="{(210 - size_mm) / 2}" y="84" width="{size_mm}" height="{size_mm}">{inner}</svg>',
        _text(105, 212, poster.link, 3.6, mono=True),
    ]
    y = 226
    for zh, en in poster.services:
        lines += [_text(105, y, zh, 5.5), _text(105, y + 6, en, 3.8)]
        y += 15
    if w.sample:
        lines.append(_text(105, 288, f"{SAMPLE[0]} · {SAMPLE[1]}", 3.6, colour="#b00020"))
    body = "\n".join(lines)
    path.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297">\n'
        f'<title>{escape(w.name.zh)} / {escape(w.name.en)}</title>\n'
        f'<rect width="210" height="297" fill="#fff"/>\n{body}\n</svg>\n', encoding="utf-8")
    return path


def _text(x: float, y: float, text: str, size: float, bold: bool = False, mono: bool = False,
          colour: str = "#111") -> str:
    family = "monospace" if mono else FONT
    weight = ' font-weight="700"' if bold else ""
    return (f'<text x="{x}" y="{y}" font-family="{family}" font-size="{size}"{weight} fill="{colour}" '
            f'text-anchor="middle">{escape(text)}</text>')
