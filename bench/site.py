"""Site benchmark: builds the site and prints figures against the goals of issue 3 / DESIGN §4.

    .venv/bin/python -m bench.site            (or: make bench-site)

1. build time of each language (mkdocs build --strict), pages per language;
2. first-load weight of a guide page: its HTML + the CSS and JS it references, gzip-compressed
   (goal ≤ 80 KB), and what its scripts fetch next (search worker, search index); the same for the
   staff dashboard, the one page with the charting library (goal ≤ 250 KB);
3. search-index size per language;
4. Lighthouse (mobile) for the home page, a guide and a form, when Chromium and Node are present
   (npx lighthouse@12.2.3, CHROME_PATH=/usr/bin/chromium; goals: performance ≥ 0.95,
   accessibility 1.00, SEO ≥ 0.95), median of BENCH_LH_RUNS runs (3). The site is served from a
   local http.server that gzips like the production CDN does; without Chromium or npx this part
   is skipped with the reason. Lighthouse's benchmarkIndex (the machine's speed; it calls results
   below ~1000 unreliable) is printed beside the scores;
5. Lighthouse never touches a page, so it never sees Material's bundle run (it runs on the first
   interaction, site/overrides/partials/deferred-bundle.html): bench/site_interaction.py times
   what that costs, a phone's first search made at once against one made after the bundle ran."""
from __future__ import annotations

import contextlib
import functools
import gzip
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

from bench.site_interaction import first_search

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "build" / "site"
GUIDE = "guides/quality-supervision/index.html"
DASHBOARD = "staff/dashboard/index.html"  # the only page with the charting library (issue 16: ≤ 250 KB)
LIGHTHOUSE_PAGES = {"home": "/", "guide": "/guides/quality-supervision/", "form": "/services/consultation/",
                    "guide (en)": "/en/guides/quality-supervision/"}
GOALS = {"performance": 0.95, "accessibility": 1.0, "seo": 0.95}
CHROMIUM = "/usr/bin/chromium"
RUNS = int(os.environ.get("BENCH_LH_RUNS", "3"))  # Lighthouse varies run to run: report the median


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))  # what a CDN's on-the-fly gzip roughly gives


def build() -> dict[str, float]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    times = {}
    for lang, config in (("zh", "mkdocs.yml"), ("en", "mkdocs.en.yml")):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config],
                       cwd=ROOT, env=env, check=True)
        times[lang] = time.perf_counter() - start
    return times


def pages() -> dict[str, int]:
    def count(root: Path, skip_en: bool) -> int:
        return sum(1 for p in root.rglob("*.html")
                   if p.name != "404.html" and "assets" not in p.relative_to(root).parts
                   and not (skip_en and p.relative_to(root).parts[0] == "en"))
    return {"zh": count(SITE, True), "en": count(SITE / "en", False)}


def first_load(page: str) -> dict[str, int]:
    """gzip bytes of the page's HTML, stylesheets and scripts (as referenced by the HTML)."""
    path = SITE / page
    html = path.read_bytes()
    text = html.decode("utf-8")
    # Material's bundle is prefetched and run on first interaction (partials/deferred-bundle.html):
    # nearly every visit downloads it, so it counts as first load too.
    refs = (re.findall(r'<link rel="stylesheet" href="([^"]+)"', text) + re.findall(r'<script src="([^"]+)"', text)
            + re.findall(r'<link rel="prefetch" href="([^"]+)" as="script"', text))
    sizes = {"html": gz(html), "css": 0, "js": 0}
    for ref in refs:
        target = (path.parent / ref).resolve()
        sizes["css" if ref.endswith(".css") else "js"] += gz(target.read_bytes())
    worker = re.search(r'"search": "([^"]+)"', text)
    sizes["then: search worker"] = gz((path.parent / worker[1]).resolve().read_bytes()) if worker else 0
    sizes["then: search index"] = gz((SITE / "search" / "search_index.json").read_bytes())
    return sizes


class _GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the client accepts it (as CloudFront does)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() \
                or path.suffix not in (".html", ".css", ".js", ".json", ".svg", ".xml"):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve() -> Iterator[str]:
    """The built site over HTTP with gzip, as the CDN serves it; yields its origin."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def lighthouse(origin: str) -> dict[str, dict] | str:
    if not shutil.which("npx"):
        return "skipped: npx (Node.js) not found"
    flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync"
    results: dict[str, dict] = {}
    for name, path in LIGHTHOUSE_PAGES.items():
        reports = []
        for _ in range(RUNS):
            run = subprocess.run(["npx", "--yes", "lighthouse@12.2.3", origin + path, "--output=json",
                                  "--output-path=stdout", "--quiet", f"--chrome-flags={flags}",
                                  "--only-categories=performance,accessibility,seo"],
                                 capture_output=True, text=True, env=dict(os.environ, CHROME_PATH=CHROMIUM),
                                 timeout=300)
            if run.returncode != 0:
                return f"skipped: lighthouse failed on {path}: {run.stderr.strip().splitlines()[-1:]}"
            reports.append(json.loads(run.stdout))
        results[name] = {c: statistics.median(r["categories"][c]["score"] for r in reports) for c in GOALS}
        results[name]["bench"] = statistics.median(r["environment"]["benchmarkIndex"] for r in reports)
        results[name]["tbt"] = statistics.median(r["audits"]["total-blocking-time"]["numericValue"] for r in reports)
        results[name]["failing"] = sorted({a for r in reports for a, v in r["audits"].items()
                                           if v.get("score") is not None and v["score"] < 0.9
                                           and v.get("scoreDisplayMode") in ("binary", "numeric")})
    return results


def report_browser() -> None:
    if not Path(CHROMIUM).exists():
        print(f"lighthouse and first search: skipped: {CHROMIUM} not found (make browser installs it)")
        return
    with serve() as origin:
        scores = lighthouse(origin)
        searches = first_search(origin, CHROMIUM)
    if isinstance(scores, str):
        print(f"lighthouse: {scores}")
    else:
        for name, s in scores.items():
            verdict = all(s[c] >= goal for c, goal in GOALS.items())
            line = ", ".join(f"{c} {s[c]:.2f}" for c in GOALS)
            print(f"lighthouse {name}: {line} ({'meets goals' if verdict else 'BELOW GOAL'}; total blocking time "
                  f"{s['tbt']:.0f} ms; benchmarkIndex {s['bench']:.0f})"
                  + (f"; audits below 0.9: {', '.join(s['failing'])}" if s["failing"] else ""))
    for name, (ms, blocking) in searches.items():
        print(f"first search on a phone (4x CPU), {name}: first result {ms:.0f} ms after the tap, "
              f"blocking time after the tap {blocking:.0f} ms")


def main() -> None:
    times = build()
    print(f"build: zh {times['zh']:.1f} s, en {times['en']:.1f} s, total {sum(times.values()):.1f} s")
    print("pages: " + ", ".join(f"{lang} {n}" for lang, n in pages().items()))
    sizes = first_load(GUIDE)
    first = sizes["html"] + sizes["css"] + sizes["js"]
    print(f"guide first load ({GUIDE}, gzip): html {sizes['html'] / 1024:.1f} KB + css {sizes['css'] / 1024:.1f} KB"
          f" + js {sizes['js'] / 1024:.1f} KB = {first / 1024:.1f} KB (goal ≤ 80 KB: {'ok' if first <= 80 * 1024 else 'MISSED'})")
    board = first_load(DASHBOARD)
    board_total = board["html"] + board["css"] + board["js"]
    print(f"dashboard first load ({DASHBOARD}, gzip): html {board['html'] / 1024:.1f} KB + css {board['css'] / 1024:.1f} KB"
          f" + js {board['js'] / 1024:.1f} KB = {board_total / 1024:.1f} KB "
          f"(goal ≤ 250 KB: {'ok' if board_total <= 250 * 1024 else 'MISSED'})")
    print(f"  fetched when the bundle runs: search worker {sizes['then: search worker'] / 1024:.1f} KB, "
          f"search index {sizes['then: search index'] / 1024:.1f} KB (gzip)")
    for lang, prefix in (("zh", ""), ("en", "en/")):
        index = (SITE / prefix / "search" / "search_index.json").read_bytes()
        docs = len(json.loads(index)["docs"])
        print(f"search index {lang}: {len(index) / 1024:.0f} KB raw, {gz(index) / 1024:.0f} KB gzip, {docs} entries")
    report_browser()


if __name__ == "__main__":
    main()
