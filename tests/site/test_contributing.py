"""The templates in CONTRIBUTING.md / CONTRIBUTING.en.md pass the same checks as the real files,
so the editors' guide cannot drift from the schema."""
from __future__ import annotations

import re

import pytest
import yaml

from chalicelib.catalog import load_catalog
from chalicelib.catalog.trainings import Training
from content_models import Contact, FaqEntry
from pages_check import check_page
from tests.site.conftest import ROOT

TEMPLATE = re.compile(r"<!-- template: (?P<kind>[a-z]+) -->\n```[a-z]*\n(?P<body>.*?)\n```", re.S)
KINDS = {"page", "post", "faq", "training", "contact"}


def _templates(name: str) -> dict[str, str]:
    found = {m["kind"]: m["body"] for m in TEMPLATE.finditer((ROOT / name).read_text(encoding="utf-8"))}
    assert set(found) == KINDS, f"{name} should have one template of each kind"
    return found


@pytest.mark.parametrize("name", ["CONTRIBUTING.md", "CONTRIBUTING.en.md"])
def test_every_template_is_valid(tmp_path, name):
    templates, catalog = _templates(name), load_catalog()
    for kind, rel in (("page", "guides/example.md"), ("post", "news/posts/example.md")):
        path = tmp_path / "content" / "zh" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(templates[kind] + "\n", encoding="utf-8")
        check_page(path, rel)
    faq = FaqEntry.model_validate(yaml.safe_load(templates["faq"])[0])
    training = Training.model_validate(yaml.safe_load(templates["training"])[0])
    contact = Contact.model_validate(yaml.safe_load(templates["contact"])[0])
    stages, departments = {s.id for s in catalog.stages}, {d.id for d in catalog.departments}
    assert faq.stage in stages and set(training.stages) <= stages
    assert training.organiser in departments and contact.department in departments


def test_both_languages_show_the_same_templates():
    zh, en = _templates("CONTRIBUTING.md"), _templates("CONTRIBUTING.en.md")
    for kind in ("faq", "training", "contact"):  # data: identical keys and values, comments aside
        assert yaml.safe_load(zh[kind]) == yaml.safe_load(en[kind]), kind
