"""What deferring Material's bundle costs the reader (site/overrides/partials/deferred-bundle.html).

Lighthouse never touches the page, so its scores do not see the bundle run. This measures the
interaction that pays for it: on a 360-px phone with the CPU slowed 4x (Lighthouse's mobile
setting), a reader taps the search button at once and searches; the time from the tap to the
first result, and the blocking time (long-task time over 50 ms) after the tap, are compared with
the same search made once the bundle has already run (as it would had it loaded with the page)."""
from __future__ import annotations

import statistics

PAGE = "/guides/quality-supervision/"
QUERY = "项目管家"
RUNS = 5
_WATCH = """() => {
  window.__longTasks = [];
  new PerformanceObserver(list => list.getEntries().forEach(e => __longTasks.push([e.startTime, e.duration])))
    .observe({type: "longtask", buffered: true});
  new MutationObserver((_, observer) => {
    if (document.querySelector(".md-search-result__item")) { window.__result = performance.now(); observer.disconnect(); }
  }).observe(document.body, {childList: true, subtree: true});
  window.__tap = performance.now();
}"""


def _search_once(browser, origin: str, bundle_ready: bool) -> tuple[float, float]:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    try:
        page.goto(origin + PAGE, wait_until="load")
        if bundle_ready:
            page.evaluate("dispatchEvent(new Event('scroll'))")  # any interaction starts the bundle
            page.wait_for_function("window.component$ !== undefined")
            page.wait_for_timeout(4000)  # and its search index is loaded
        page.evaluate(_WATCH)
        page.tap("label.md-header__button[for=__search]")
        box = page.locator("input.md-search__input")
        box.fill(QUERY)
        box.press("End")  # Material searches on key events
        page.wait_for_function("window.__result !== undefined", timeout=30000)
        tap, result, tasks = page.evaluate("[__tap, __result, __longTasks]")
        blocking = sum(max(0.0, duration - 50) for start, duration in tasks if start >= tap)
        return result - tap, blocking
    finally:
        context.close()


def first_search(origin: str, chromium: str) -> dict[str, tuple[float, float]]:
    """{"cold tap": (ms to first result, blocking ms), "bundle already run": (…)}, medians."""
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            for name, ready in (("cold tap", False), ("bundle already run", True)):
                runs = [_search_once(browser, origin, ready) for _ in range(RUNS)]
                results[name] = (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
        finally:
            browser.close()
    return results
