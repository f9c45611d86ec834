"""MkDocs hook: replaces `<!-- portal:… -->` directives in pages with blocks generated from
the catalog, the editors' data files and the API's models, so the site never repeats a list by hand;
validates front matter, data files and translations; writes the iCalendar feeds; sets the
build's address from the one public base URL and writes the sitemap index (sitemaps.py).

    <!-- portal:form SERVICE_ID -->         the request form of a service
    <!-- portal:services stage=STAGE_ID --> the services of a stage, linked to their forms
    <!-- portal:contacts stage=STAGE_ID --> the stage's lead department(s) with their contacts
    <!-- portal:stages -->                  the six stages at a glance
    <!-- portal:status -->                  the status lookup
    <!-- portal:contacts-by-stage -->       contacts page: every stage's lead departments
    <!-- portal:contacts-by-district -->    contacts page: the 13 district construction authorities
    <!-- portal:contacts-always-open -->    contacts page: the always-open consultation
    <!-- portal:windows -->                 the service windows with the QR code
    <!-- portal:trainings -->               the training calendar, by month, filterable by stage
    <!-- portal:training-feeds -->          links to the iCalendar feeds (all, one per stage)
    <!-- portal:training ID -->             a session's page: details, seats left, registration form
    <!-- portal:training-registration -->   the participant's page of a registration (manage link)
    <!-- portal:faq [stage=STAGE_ID] -->    the problem list and solution list
    <!-- portal:news -->                    the latest policy news posts
    <!-- portal:findings -->                a responsible party's findings (fire-acceptance service)
    <!-- portal:workbench -->               the staff workbench (generated page staff/)
    <!-- portal:organiser -->               the organiser's page of the workbench (staff/trainings/)
    <!-- portal:dashboard -->               the assessment figures of the workbench (staff/dashboard/)
    <!-- portal:figures -->                 the public page of the bureau's monthly figures (figures.md)
"""
from __future__ import annotations

import re
from pathlib import Path

# Sibling modules import by name: MkDocs puts this folder on sys.path while it loads a hook.
import ical_feed
import render_contacts as rc
import sitemaps
import translations
from chalicelib.catalog import CatalogError, load_catalog
from content_data import ContentError, load_content
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from pages_check import check_all
from render_catalog import online_services, stage_services, stages_overview
from render_faq import faq
from render_findings import render_findings
from render_form import render_form
from render_news import drop_empty_feed_image, latest_news
from render_status import render_status
from render_registration import manage_page
from render_training_page import session_page
from render_trainings import feed_links, trainings
from render_organiser import render_organiser
from render_dashboard import render_dashboard
from render_figures import render_figures
from render_workbench import render_workbench

DIRECTIVE = re.compile(r"^<!--\s*portal:(?P<kind>[a-z][a-z-]*)(?P<args>[^>]*?)\s*-->\s*$", re.M)
_STATE: dict = {}  # what on_config read for this build: catalog, data, borrowed pages


@event_priority(100)  # first: the RSS plugin reads site_url in its own on_config
def on_config(config):
    config["site_url"] = sitemaps.site_url(config)  # the one public base URL, not mkdocs.yml's
    lang = config["extra"]["portal_lang"]
    docs_dir = Path(config["docs_dir"])
    other_dir = translations.other_docs_dir(docs_dir, lang)
    load_catalog.cache_clear()  # `make preview` rebuilds in one process: re-read an edited catalog
    try:
        catalog = load_catalog()
        data = load_content(docs_dir.parent / "data", catalog)
        borrowed = check_all(docs_dir, other_dir)
    except (CatalogError, ContentError) as exc:
        raise PluginError(str(exc)) from None
    _STATE.update(lang=lang, docs_dir=docs_dir, other_dir=other_dir, catalog=catalog, data=data,
                  borrowed=borrowed)
    return config


@event_priority(-10)  # after generated_pages.py adds the service pages, before the blog (-50) reads posts
def on_files(files, config):
    _STATE["borrowed_uris"] = translations.borrow(files, _STATE["borrowed"], _STATE["other_dir"], config)
    pages = {f.src_uri.removeprefix("services/").removesuffix(".md") for f in files.documentation_pages()
             if f.src_uri.startswith("services/")}
    _STATE["online"] = online_services(pages)
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    lang, catalog, data = _STATE["lang"], _STATE["catalog"], _STATE["data"]
    if page.file.src_uri in _STATE["borrowed_uris"]:
        translations.mark(page, lang)
    root = "../" * page.url.count("/")

    def replace(match: re.Match) -> str:
        kind, args = match["kind"], match["args"].strip()
        opts = dict(a.split("=", 1) for a in args.split() if "=" in a)
        where = f"{page.file.src_uri}: <!-- portal:{kind} {args} -->"
        blocks = {
            "form": lambda: render_form(args, lang),
            "services": lambda: stage_services(catalog, opts["stage"], lang, root, _STATE["online"]),
            "contacts": lambda: rc.stage_contacts(catalog, data, opts["stage"], lang, root),
            "stages": lambda: stages_overview(catalog, lang, root),
            "status": lambda: render_status(lang, root),
            "contacts-by-stage": lambda: rc.contacts_by_stage(catalog, data, lang, root),
            "contacts-by-district": lambda: rc.contacts_by_district(catalog, data, lang),
            "contacts-always-open": lambda: rc.contacts_always_open(catalog, data, lang, root),
            "windows": lambda: rc.service_windows(catalog, lang),
            "trainings": lambda: trainings(catalog, data, lang, root, _STATE["online"]),
            "training-feeds": lambda: feed_links(catalog, lang, root),
            "training": lambda: session_page(_training(data, args), catalog, lang, root, _STATE["online"]),
            "training-registration": lambda: manage_page(lang),
            "faq": lambda: faq(catalog, data, lang, root, opts.get("stage")),
            "news": lambda: latest_news(_STATE["docs_dir"], lang, page.file.src_uri, root),
            "findings": lambda: render_findings(lang),
            "workbench": lambda: render_workbench(catalog, lang),
            "organiser": lambda: render_organiser(lang),
            "dashboard": lambda: render_dashboard(catalog, lang),
            "figures": lambda: render_figures(lang),
        }
        if kind not in blocks:
            raise PluginError(f"{where}: unknown directive `{kind}`")
        try:
            return blocks[kind]()
        except KeyError as exc:
            raise PluginError(f"{where}: unknown id {exc}") from None
        except ContentError as exc:
            raise PluginError(f"{where}: {exc}") from None

    return DIRECTIVE.sub(replace, markdown)


def _training(data, training_id: str):
    for t in data.trainings:
        if t.id == training_id:
            return t
    raise KeyError(training_id)


def on_post_build(config):
    drop_empty_feed_image(Path(config["site_dir"]))
    ical_feed.write_feeds(Path(config["site_dir"]), _STATE["data"], _STATE["catalog"], _STATE["lang"],
                          config["site_url"])
    sitemaps.write_root_files(config, Path(config["site_dir"]))


def on_serve(server, config, builder):
    """`make preview`: rebuild when the catalog, the data files or the other language change."""
    content = Path(config["docs_dir"]).parent
    for path in (content / "data", content / "catalog", _STATE["other_dir"]):
        server.watch(str(path))
    return server
