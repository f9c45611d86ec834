"""The public face of the figures (/figures/, /en/figures/): the bureau's monthly figures of
proactive service (requests received and completed, on-time rate, satisfaction rate, first-time
acceptance pass rate), bureau-wide, no department, no officer, no personal data, read by
figures.js from the public JSON of the API (GET /api/figures/public) after the page shows.

The columns are the public answer's figures (functions/chalicelib/api/figures_schemas.py
PublicMonthOut; which figure of a set each is: chalicelib/domain/figure_labels.py PUBLIC), in
the words of the one table of the figures there; a figure added to the answer without its
entry there fails the tests. The page itself says what the figures are (content/*/figures.md).

Where the figures are of trial requests (the local stack, a test stage: the API's answer says
`sample`), the page says so, plainly, above them."""
from __future__ import annotations

from html import escape

from chalicelib.domain.figure_labels import PUBLIC, figure

# (the figure's key in PublicMonthOut, its words, its kind): the public figures (PUBLIC) in the
# words of the one table of the figures.
COLUMNS = tuple((key, figure(path).label.zh, figure(path).label.en, figure(path).kind) for key, path in PUBLIC)
_UI = {
    "zh": {"caption": "靠前服务每月数据（全局）", "month": "月份", "loading": "正在加载数据……",
           "error": "暂时无法加载数据，请稍后再试。", "empty": "暂无数据。", "updated": "数据统计时间：{}",
           "no_value": "“—”表示当月没有可计算的申请。", "noscript": "显示数据需要启用浏览器的 JavaScript。",
           "sample": "示例数据：这是本网站试运行时的数据，由测试和演示的申请产生，不是市城乡建设局的真实办理情况。"},
    "en": {"caption": "Proactive service by month (the whole bureau)", "month": "Month", "loading": "Loading the figures…",
           "error": "The figures cannot be loaded just now. Try again later.", "empty": "No figures yet.",
           "updated": "Figures as of {}", "no_value": "“—”: no request to count that month.",
           "noscript": "The figures need JavaScript in your browser.",
           "sample": "Sample figures: these come from a trial of this site, made by test and demonstration "
                     "requests; they are not the bureau's real figures."},
}
assert _UI["zh"].keys() == _UI["en"].keys(), "every word of the figures page in both languages"


def sample_notice(lang: str) -> str:
    """The warning a page of figures shows above them when the API's answer says they are sample
    (`sample`: the API's SAMPLE_FIGURES); hidden until the answer says so."""
    return f'<p class="portal-figures-sample" hidden><strong>{escape(_UI[lang]["sample"])}</strong></p>\n'


def render_figures(lang: str) -> str:
    ui = _UI[lang]
    data = " ".join(f'data-msg-{k.replace("_", "-")}="{escape(v)}"' for k, v in ui.items() if k != "sample")
    heads = "".join(f'<th scope="col" data-key="{key}" data-format="{fmt}">{escape(zh if lang == "zh" else en)}</th>'
                    for key, zh, en, fmt in COLUMNS)
    return (
        f'<div class="portal-figures" data-lang="{lang}" {data}>\n'
        + sample_notice(lang) +
        f'<p class="portal-figures-status" role="status" aria-live="polite">{escape(ui["loading"])}</p>\n'
        f'<ul class="portal-figures-notes"></ul>\n'
        f'<div class="portal-figures-table" tabindex="0" role="region" aria-labelledby="figures-caption">\n'
        f'<table class="portal-rows"><caption id="figures-caption">{escape(ui["caption"])}</caption>\n'
        f'<thead><tr><th scope="col">{escape(ui["month"])}</th>{heads}</tr></thead>\n<tbody></tbody></table>\n</div>\n'
        f'<p class="portal-hint">{escape(ui["no_value"])}</p>\n'
        f'<p class="portal-figures-updated"></p>\n'
        f'<noscript><p>{escape(ui["noscript"])}</p></noscript>\n</div>\n')
