"""Each training's own page, in both languages: its registration form rendered from the API's
model with the session's own seat limit, the sample terms marked, the seats line that seats.js
fills in after the page renders; no inline script and no words in the scripts; the calendar
links each session to its page; the participant's page."""
from __future__ import annotations

import re

import pytest

from chalicelib.catalog.trainings import load_trainings
from chalicelib.domain.registration_form import RegistrationForm
from tests.site.conftest import ROOT

SESSIONS = load_trainings()
ASSETS = ROOT / "site" / "overrides" / "assets" / "portal"


def _page(built, lang, path):
    return (built / ("en/" if lang == "en" else "") / path / "index.html").read_text(encoding="utf-8")


def _article(html: str) -> str:
    start = html.index('<article class="md-content__inner')
    return html[start:html.index("</article>", start)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_open_session_has_the_models_form_with_its_own_limit(built, lang):
    t = next(t for t in SESSIONS if t.id == "archive-training-2027-03")
    html = _page(built, lang, f"trainings/{t.id}")
    (form,) = re.findall(r'<form class="portal-form portal-registration-form"[^>]*>', html)
    assert f'action="/api/trainings/{t.id}/registrations"' in form and 'data-confirm="registration"' in form
    names = set(re.findall(r'<input[^>]*\bname="([a-z_]+)"', html.split(form, 1)[1].split("</form>", 1)[0]))
    assert names == set(RegistrationForm.model_fields)  # the honeypot included, hidden from people
    (seats,) = re.findall(r'<input[^>]*name="seats"[^>]*>', html)
    assert f'max="{t.registration.max_seats_per_organisation}"' in seats and 'min="1"' in seats
    assert 'class="portal-seats"' in html and 'data-training="archive-training-2027-03"' in html
    sample = "示例" if lang == "zh" else "Sample"
    terms = html.split('id="register"', 1)[1]
    assert f"{t.registration.capacity}" in terms and sample in terms.split("<form", 1)[0]
    assert "<script" not in _article(html)  # the page's own scripts come from assets/portal/ only


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sessions_without_open_registration_have_no_form(built, lang):
    for t in SESSIONS:
        if t.registration is None or not t.registration.open:
            html = _page(built, lang, f"trainings/{t.id}")
            assert "portal-registration-form" not in html and t.title[lang] in html
            assert ("portal-seats" in html) == (t.registration is not None)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_calendar_links_every_session_to_its_page_and_shows_seats_where_registration_is_here(built, lang):
    html = _page(built, lang, "trainings")
    for t in SESSIONS:
        assert f'href="../trainings/{t.id}/"' in html
        assert (f'data-training="{t.id}"' in html) == (t.registration is not None)
    full = "名额已满，可以报名候补" if lang == "zh" else "Full — join the waiting list"
    assert f'data-msg-full="{full}"' in html


def test_the_participants_page_looks_the_registration_up_from_its_link(built):
    for lang in ("zh", "en"):
        html = _page(built, lang, "trainings/registration")
        assert '<form class="portal-registration-lookup"' in html and 'data-action="cancel"' in html
        assert 'class="portal-qr"' in html and "<script" not in _article(html)


def test_the_scripts_hold_no_words_of_either_language():
    for name in ("seats.js", "registration.js"):
        text = ASSETS.joinpath(name).read_text(encoding="utf-8")
        assert not re.search(r"[\u4e00-\u9fff]", text), name
        for english in ("seats left", "waiting list", "Cancel", "Registered"):
            assert english not in re.sub(r"/\*.*?\*/", "", text, flags=re.S), (name, english)
