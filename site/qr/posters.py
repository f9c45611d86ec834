"""One A4 poster per window of the catalog, as SVG and PDF: the bureau, the window's name, the
services it handles (Chinese and English) and a QR code of the window's signed short link.

    .venv/bin/python site/qr/posters.py [OUT_DIR]      (make qr → build/qr/)

The link's origin is the portal's one public base URL (chalicelib.config.site_base_url:
PUBLIC_BASE_URL, which `make deploy` prints for its stage, else the local stack's address on
PORT), and WINDOW_LINK_KEY must match the API's; without it the local stack's default key is
used, so posters made on a laptop work with `make run` on the same PORT."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import segno
from chalicelib.catalog import Catalog, Window, load_catalog
from chalicelib.config import LOCAL_WINDOW_LINK_KEY, site_base_url
from chalicelib.domain import window_links

ROOT = Path(__file__).resolve().parents[2]

BUREAU = ("沈阳市城乡建设局 · 工程建设项目靠前服务", "Shenyang Urban-Rural Construction Bureau · Proactive service")
CALL = ("扫码在线申请", "Scan to apply online")
SAMPLE = ("示例窗口：待市城乡建设局确认后印制", "Sample window: print only once the bureau has confirmed it")


@dataclass(frozen=True)
class Poster:
    window: Window
    link: str
    services: list[tuple[str, str]]  # (zh, en) names

    @property
    def qr(self) -> segno.QRCode:
        return segno.make(self.link, error="m", micro=False)


def posters(catalog: Catalog, base_url: str, key: bytes) -> list[Poster]:
    return [Poster(w, window_links.short_link(base_url, key, w.id, w.stage),
                   [(catalog.service(s).name.zh, catalog.service(s).name.en) for s in w.services])
            for w in catalog.windows]


def settings() -> tuple[str, bytes]:
    """(the links' base URL, the key that signs them), from the environment."""
    return site_base_url(), (os.environ.get("WINDOW_LINK_KEY") or LOCAL_WINDOW_LINK_KEY).encode()


def main(out_dir: Path) -> list[Path]:
    from poster_pdf import write_pdf
    from poster_svg import write_svg

    base, key = settings()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for poster in posters(load_catalog(), base, key):
        written += [write_svg(poster, out_dir / f"{poster.window.id}.svg"),
                    write_pdf(poster, out_dir / f"{poster.window.id}.pdf")]
    return written


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "qr"):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
