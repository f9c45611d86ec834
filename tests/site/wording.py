"""The wording check: the site says what the plan says, in one set of words.

Two lists that editors maintain, both in content/data/:

- terms.yml: a Chinese term of the glossary, wherever it appears, comes with its one English
  rendering in the English counterpart of that text;
- overstatements.yml: phrases that promise more than the plan (or something else) appear nowhere
  outside the plan's own words quoted on the Chinese policy page.

The texts: the pages (content/zh/ and content/en/ at the same path), every {zh, en} pair of
content/catalog/ and content/data/, the labels, help and choices of every form, and the message
templates. It reads the repository alone, so it runs the same on a clean clone."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
DATA = CONTENT / "data"
TERMS_FILE = DATA / "terms.yml"
OVERSTATEMENTS_FILE = DATA / "overstatements.yml"
# The project's glossary lives beside the repository (../shared/GLOSSARY.md); CI clones only the
# repository, so terms.yml is the copy the check uses, compared with the glossary where it exists.
GLOSSARY = ROOT.parent / "shared" / "GLOSSARY.md"
CJK = re.compile(r"[\u4e00-\u9fff]")
# The plan's own words, quoted verbatim on the Chinese policy page, are what they are.
VERBATIM_QUOTES = {CONTENT / "zh" / "policy.md"}
# Site texts that are neither pages nor data: where the overstatements are looked for too.
CODE_TEXTS = ("functions/chalicelib/domain/forms/*.py", "functions/chalicelib/templates/*.j2",
              "site/hooks/*.py", "site/qr/*.py")
_OWN_FILES = {TERMS_FILE, OVERSTATEMENTS_FILE}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Pair(_Strict):
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


class Term(_Strict):
    zh: str = Field(min_length=2)
    en: str = Field(min_length=2)
    also: tuple[str, ...] = ()
    glossary: bool
    source: Pair | None = None
    note: str | None = None

    @field_validator("zh")
    @classmethod
    def _chinese(cls, value: str) -> str:
        if not CJK.search(value):
            raise ValueError("should be the Chinese term")
        return value

    @field_validator("en", "also")
    @classmethod
    def _english(cls, value):
        for text in (value,) if isinstance(value, str) else value:
            if CJK.search(text):
                raise ValueError("should be English, without Chinese characters")
        return value

    @model_validator(mode="after")
    def _sourced(self) -> "Term":
        if not self.glossary and not (self.source and self.note):
            raise ValueError("a term that is not in the glossary needs `source` and `note`")
        return self

    def rendered_in(self, english: str) -> bool:
        text = english.lower()
        return any(form.lower() in text for form in (self.en, *self.also))


class Overstatement(_Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    pattern: str = Field(min_length=3)
    example: str = Field(min_length=3)
    why: Pair

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"is not a valid regular expression: {exc}") from None
        return value

    @model_validator(mode="after")
    def _matches_its_example(self) -> "Overstatement":
        if not self.regex.search(self.example):
            raise ValueError("`pattern` does not match its own `example`")
        return self

    @property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern, re.IGNORECASE)


class TermsFile(_Strict):
    terms: tuple[Term, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> "TermsFile":
        seen = [t.zh for t in self.terms]
        if dupes := sorted({z for z in seen if seen.count(z) > 1}):
            raise ValueError(f"terms appear twice: {', '.join(dupes)}")
        return self


class OverstatementsFile(_Strict):
    overstatements: tuple[Overstatement, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> "OverstatementsFile":
        seen = [o.id for o in self.overstatements]
        if dupes := sorted({i for i in seen if seen.count(i) > 1}):
            raise ValueError(f"ids appear twice: {', '.join(dupes)}")
        return self


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def load_terms(path: Path = TERMS_FILE) -> tuple[Term, ...]:
    return TermsFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8"))).terms


def load_overstatements(path: Path = OVERSTATEMENTS_FILE) -> tuple[Overstatement, ...]:
    return OverstatementsFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8"))).overstatements


def glossary_rows(path: Path = GLOSSARY) -> dict[str, str]:
    """中文 → English of GLOSSARY.md's table ("土建 / 装修 | civil works / fit-out" gives two rows)."""
    rows: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not CJK.search(cells[0]) or cells[0] == "中文":
            continue
        zhs, ens = [z.strip() for z in cells[0].split(" / ")], [e.strip() for e in cells[1].split(" / ")]
        rows.update(zip(zhs, ens) if len(zhs) == len(ens) else [(cells[0], cells[1])])
    return rows


# ---- the texts -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Mirror:
    """One text and its counterpart in the other language."""
    where: str
    zh: str
    en: str


def mirrors(root: Path = ROOT) -> Iterator[Mirror]:
    content = root / "content"
    for zh in sorted((content / "zh").rglob("*.md")):
        en = content / "en" / zh.relative_to(content / "zh")
        if en.is_file():  # a page without its translation is the pages check's business
            yield Mirror(zh.relative_to(root).as_posix(), zh.read_text(encoding="utf-8"), en.read_text(encoding="utf-8"))
    for path in sorted([*(content / "catalog").glob("*.yml"), *(content / "data").glob("*.yml")]):
        if path in _OWN_FILES:
            continue
        yield from _pairs(yaml.safe_load(path.read_text(encoding="utf-8")), path.relative_to(root).as_posix())
    yield from _form_texts()
    templates = root / "functions" / "chalicelib" / "templates"
    for zh in sorted(templates.glob("*.zh.*.j2")):
        en = zh.with_name(zh.name.replace(".zh.", ".en."))
        yield Mirror(zh.relative_to(root).as_posix(), zh.read_text(encoding="utf-8"), en.read_text(encoding="utf-8"))
    for both in sorted(templates.glob("*.j2")):  # one file, Chinese first, then "——" and English
        text = both.read_text(encoding="utf-8")
        if ".zh." not in both.name and ".en." not in both.name and "\n——\n" in text:
            zh, en = text.split("\n——\n", 1)
            yield Mirror(both.relative_to(root).as_posix(), zh, en)


def _pairs(node, where: str) -> Iterator[Mirror]:
    if isinstance(node, dict):
        if set(node) == {"zh", "en"} and all(isinstance(v, str) for v in node.values()):
            yield Mirror(where, node["zh"], node["en"])
            return
        for key, value in node.items():
            yield from _pairs(value, f"{where}: {key}" if ": " not in where else f"{where}.{key}")
    elif isinstance(node, list):
        for n, item in enumerate(node):
            ident = item.get("id") if isinstance(item, dict) else None
            yield from _pairs(item, f"{where}[{ident or n}]")


def _form_texts() -> Iterator[Mirror]:
    from chalicelib.domain.forms import FORMS

    for service_id in FORMS:
        for name, prop in FORMS[service_id].model_json_schema()["properties"].items():
            where = f"form {service_id}: field `{name}`"
            for key in ("x-label", "x-help"):
                if key in prop:
                    yield Mirror(f"{where} {key}", prop[key]["zh"], prop[key]["en"])
            options = prop.get("x-choices") or prop.get("items", {}).get("x-choices") or {}
            for option, text in options.items():
                yield Mirror(f"{where} choice `{option}`", text["zh"], text["en"])


def lines(root: Path = ROOT) -> Iterator[tuple[str, int, str]]:
    """(file, line number, line) of every text the overstatements are looked for in."""
    content = root / "content"
    files = [*sorted((content / "zh").rglob("*.md")), *sorted((content / "en").rglob("*.md")),
             *sorted((content / "catalog").glob("*.yml")), *sorted((content / "data").glob("*.yml"))]
    for pattern in CODE_TEXTS:
        files += sorted(root.glob(pattern))
    for path in files:
        if path in _OWN_FILES:
            continue
        verbatim = path in VERBATIM_QUOTES
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if verbatim and line.lstrip().startswith(">"):
                continue
            yield path.relative_to(root).as_posix(), n, line


# ---- the findings ----------------------------------------------------------------------------

def missing_renderings(terms, texts) -> list[str]:
    """`where: 现场勘验 without “site survey” in English` for each term left untranslated."""
    return [f"{m.where}: {t.zh} appears in Chinese but the English has no “{t.en}”"
            for m in texts for t in terms if t.zh in m.zh and not t.rendered_in(m.en)]


def overstatements_found(entries, found_lines) -> list[str]:
    out = []
    for where, n, line in found_lines:
        for o in entries:
            if match := o.regex.search(line):
                out.append(f"{where}:{n}: “{match.group(0)}” ({o.id}): {o.why.en} / {o.why.zh}")
    return out
