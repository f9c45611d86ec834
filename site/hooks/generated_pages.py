"""MkDocs hook: pages generated from the catalog, in both languages, with nothing to edit by
hand: one request-form page per service (services/<id>/), one landing page per service
window (w/<id>/), the page a window's QR code opens, and the staff workbench (staff/), which is
kept out of the nav, the search and the sitemap (site/hooks/staff_pages.py)."""
from __future__ import annotations

from chalicelib.catalog import Catalog, Service, load_catalog
from mkdocs.structure.files import File, Files

_WORDS = {
    "zh": {"stage": "所属阶段", "any": "任何阶段", "clause": "依据", "apply": "在线申请",
           "window": "您正在使用“{}”的二维码。请选择要申请的服务：", "sample": "示例窗口，待市城乡建设局确认。",
           "window_desc": "{}：扫码在线申请靠前服务。", "guide": "办事指南",
           "staff": "工作人员工作台", "staff_desc": "市城乡建设局和区县建设行政主管部门工作人员办理靠前服务申请。",
           "organiser": "培训报名与签到", "organiser_desc": "培训主办部门的工作人员查看报名和候补名单、现场签到、导出签到表、查看参加人评价。",
           "dashboard": "绩效考核数据", "dashboard_desc": "考核督查人员和部门负责人查看靠前服务的办理量、按时率、评价和一次验收通过率。"},
    "en": {"stage": "Stage", "any": "Any stage", "clause": "Basis", "apply": "Apply online",
           "window": "You scanned the QR code of “{}”. Choose the service you need:", "sample": "Sample window, to be confirmed by the bureau.",
           "window_desc": "{}: scan to request proactive service online.", "guide": "Process guide",
           "staff": "Staff workbench", "staff_desc": "Where the bureau's and the districts' officers serve proactive-service requests.",
           "organiser": "Trainings and check-in", "organiser_desc": "Where the organising department's officers see the registrations and the waiting list, check participants in, export the attendance and read the ratings.",
           "dashboard": "Performance assessment figures", "dashboard_desc": "Where supervisors and department heads read proactive service's volumes, on-time rates, ratings and first-time acceptance pass rate."},
}
STAFF_PAGE = "staff/index.md"
ORGANISER_PAGE = "staff/trainings/index.md"  # under staff/: the same headers, robots and sitemap rules
DASHBOARD_PAGE = "staff/dashboard/index.md"  # the assessment figures (render_dashboard.py)


def on_files(files: Files, config) -> Files:
    lang = config["extra"]["portal_lang"]
    catalog = load_catalog()
    for service in catalog.services:
        uri = f"services/{service.id}.md"
        if files.get_file_from_path(uri) is None:  # an editor's own page for a service wins
            files.append(File.generated(config, uri, content=service_page(catalog, service, lang)))
    if files.get_file_from_path("services/index.md") is None:
        files.append(File.generated(config, "services/index.md", content=services_index(catalog, lang)))
    for window in catalog.windows:
        files.append(File.generated(config, f"w/{window.id}.md", content=window_page(catalog, window.id, lang)))
    files.append(File.generated(config, STAFF_PAGE, content=staff_page(lang)))
    files.append(File.generated(config, ORGANISER_PAGE, content=staff_page(lang, "organiser")))
    files.append(File.generated(config, DASHBOARD_PAGE, content=staff_page(lang, "dashboard")))
    return files


def service_page(catalog: Catalog, service: Service, lang: str) -> str:
    w = _WORDS[lang]
    stages = catalog.stages_of(service)
    stage_links = w["any"] if service.stages == "any" else ("、" if lang == "zh" else ", ").join(
        f"[{s.name[lang]}](../guides/{s.id}.md)" for s in stages)
    return (f"---\ntitle: \"{service.name[lang]}\"\ndescription: \"{service.summary[lang]}\"\n---\n\n"
            f"# {service.name[lang]}\n\n{service.summary[lang]}\n\n"
            f"**{w['stage']}**: {stage_links} · **{w['clause']}**: {service.plan_clause[lang]}\n\n"
            f"<!-- portal:form {service.id} -->\n")


def services_index(catalog: Catalog, lang: str) -> str:
    """Every service, by stage, each linked to its form; the always-open consultation first."""
    title = "在线申请" if lang == "zh" else "Apply online"
    intro = ("选择您需要的服务，填写在线申请。提交后立即获得申请编号，牵头部门会收到通知并与您联系。"
             if lang == "zh" else "Choose the service you need and fill in the online request. You get a tracking "
             "number at once; the lead department is notified and contacts you.")
    lines = [f"---\ntitle: \"{title}\"\ndescription: \"{intro}\"\n---\n", f"# {title}\n", intro, ""]
    anywhere = [s for s in catalog.services if s.stages == "any"]
    for service in anywhere:
        lines.append(f"- **[{service.name[lang]}]({service.id}.md)** — {service.summary[lang]}")
    for stage in catalog.stages:
        lines += ["", f"## {stage.name[lang]}", ""]
        lines += [f"- [{s.name[lang]}]({s.id}.md) — {s.summary[lang]}" for s in catalog.services
                  if s.stages != "any" and stage.id in s.stages]
    return "\n".join(lines) + "\n"


def window_page(catalog: Catalog, window_id: str, lang: str) -> str:
    w, window = _WORDS[lang], catalog.window(window_id)
    links = "\n".join(
        f'<li><a class="portal-window-service" data-service="{s}" data-stage="{window.stage}" '
        f'href="../../services/{s}/?window={window.id}&amp;stage={window.stage}">{catalog.service(s).name[lang]}</a></li>'
        for s in window.services)
    sample = f'\n!!! warning "{w["sample"]}"\n' if window.sample else ""
    return (f"---\ntitle: \"{window.name[lang]}\"\ndescription: \"{w['window_desc'].format(window.name[lang])}\"\n"
            f"search:\n  exclude: true\n---\n\n# {window.name[lang]}\n{sample}\n{w['window'].format(window.name[lang])}\n\n"
            f'<ul class="portal-window" data-window="{window.id}">\n{links}\n</ul>\n')


def staff_page(lang: str, page: str = "workbench") -> str:
    """A staff page (the workbench, the organiser's): its own template (no inline script,
    site/overrides/staff.html), never searched."""
    w, key = _WORDS[lang], "staff" if page == "workbench" else page
    return (f"---\ntitle: \"{w[key]}\"\ndescription: \"{w[key + '_desc']}\"\ntemplate: staff.html\n"
            f"search:\n  exclude: true\n---\n\n# {w[key]}\n\n<!-- portal:{page} -->\n")
