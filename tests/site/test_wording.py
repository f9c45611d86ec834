"""The site says what the plan says: every glossary term of content/data/terms.yml comes with its one
English rendering, and no phrase of content/data/overstatements.yml comes back (issue 13).
What a machine cannot judge (whether a sentence is faithful to the plan) stays with the reviewer."""
from __future__ import annotations

import pytest
import yaml
from pydantic import ValidationError

from chalicelib.catalog import load_catalog
from tests.site import wording


def test_the_terms_file_is_valid():
    terms = wording.load_terms()
    assert {"现场勘验", "市营商局", "同一规划条件", "停缓建", "大体建筑面积"} <= {t.zh for t in terms}


def test_the_overstatements_file_is_valid_and_each_pattern_matches_its_example():
    entries = wording.load_overstatements()  # the model refuses a pattern that misses its example
    assert len({o.id for o in entries}) == len(entries) >= 10


@pytest.mark.skipif(not wording.GLOSSARY.is_file(), reason="../shared/GLOSSARY.md is not beside this checkout (CI)")
def test_the_terms_say_what_the_glossary_says():
    rows = wording.glossary_rows()
    for term in wording.load_terms():
        if term.glossary:
            assert term.zh in rows, f"{term.zh} is marked `glossary: true` but GLOSSARY.md has no such row"
            official = rows[term.zh]
            assert term.en == official or official.startswith(term.en + " ("), \
                f"terms.yml renders {term.zh} as “{term.en}”, GLOSSARY.md as “{official}”"
        else:
            assert rows.get(term.zh) in (None, term.en), f"{term.zh} is in GLOSSARY.md now: mark it `glossary: true`"


def test_every_chinese_term_comes_with_its_english_rendering():
    findings = wording.missing_renderings(wording.load_terms(), list(wording.mirrors()))
    assert not findings, "\n".join(["One term, one rendering (content/data/terms.yml):", *findings])


def test_no_overstatement_of_the_plan_is_left():
    findings = wording.overstatements_found(wording.load_overstatements(), wording.lines())
    assert not findings, "\n".join(["Wording the plan does not back (content/data/overstatements.yml):", *findings])


def test_the_weekend_window_is_not_listed_under_a_bureau_division(content_data):
    """Plan 4(1)5 sets the weekend window up at 市营商局, which is none of the catalog's departments."""
    catalog = load_catalog()
    for contact in content_data.contacts:
        if contact.window:
            where = catalog.window(contact.window).location.zh
            assert "市营商局" not in where, (f"content/data/contacts.yml: {contact.id} lists the window at 市营商局 "
                                         f"under {catalog.department(contact.department).name.zh}")


# ---- the check catches what it should --------------------------------------------------------

def test_a_term_left_out_of_the_english_is_named():
    terms = [wording.Term(zh="现场勘验", en="site survey", glossary=True)]
    found = wording.missing_renderings(terms, [wording.Mirror("x.md", "现场勘验", "a site visit"),
                                               wording.Mirror("y.md", "现场勘验", "Site surveys")])
    assert found == ["x.md: 现场勘验 appears in Chinese but the English has no “site survey”"]


def test_an_overstatement_is_named_with_file_line_and_reason():
    [entry] = [o for o in wording.load_overstatements() if o.id == "floor-area-without-daiti"]
    found = wording.overstatements_found([entry], [("a.md", 3, "大体建筑面积超过8万平方米"), ("b.md", 7, "建筑面积超过8万平方米")])
    assert len(found) == 1 and found[0].startswith("b.md:7: “建筑面积超过8万” (floor-area-without-daiti): ")


def test_the_plans_own_words_on_the_policy_page_are_not_searched():
    quoted = [line for where, _, line in wording.lines() if where == "content/zh/policy.md"]
    assert quoted and not any(line.startswith(">") for line in quoted)


@pytest.mark.parametrize("entry, message", [
    ({"id": "x", "pattern": "(abc", "example": "abc", "why": {"zh": "因为", "en": "because"}}, "not a valid regular expression"),
    ({"id": "x", "pattern": "abc", "example": "xyz", "why": {"zh": "因为", "en": "because"}}, "does not match its own"),
    ({"id": "X Y", "pattern": "abc", "example": "abc", "why": {"zh": "因为", "en": "because"}}, "pattern"),
])
def test_a_broken_overstatement_entry_is_refused(tmp_path, entry, message):
    path = tmp_path / "overstatements.yml"
    path.write_text(yaml.safe_dump({"overstatements": [entry]}, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValidationError, match=message):
        wording.load_overstatements(path)


def test_a_term_outside_the_glossary_needs_its_source():
    with pytest.raises(ValidationError, match="needs `source` and `note`"):
        wording.Term(zh="大体建筑面积", en="approximate floor area", glossary=False)
