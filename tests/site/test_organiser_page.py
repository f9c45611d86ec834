"""The organiser's page in the built site (both languages): a staff page (its CSP, noindex, out
of the sitemap), the scripts it runs, and the QR decoder it may load: jsQR 1.4.0 vendored as
published (pinned by its hash, with its licence), served from this origin, loaded only by
organiser-scan.js where the browser has no BarcodeDetector."""
import hashlib
from pathlib import Path

from staff_pages import CSP

VENDOR = Path(__file__).resolve().parents[2] / "site" / "overrides" / "assets" / "portal" / "vendor"
JSQR_SHA256 = "bc40c8a15196236b2314db0856f72ca0b49980cd5413b8c852a7349f5fee0859"  # npm jsqr@1.4.0 dist/jsQR.js


def test_the_organisers_page_is_a_staff_page_in_both_languages(built):
    for prefix in ("", "en/"):
        html = (built / prefix / "staff" / "trainings" / "index.html").read_text(encoding="utf-8")
        assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in html
        assert 'content="noindex, nofollow"' in html and 'class="portal-organiser"' in html
        assert "organiser-scan.js" in html and "organiser.js" in html and "jsqr" not in html.lower()
        assert 'id="og-code"' in html and "/staff/trainings/" not in (built / prefix / "sitemap.xml").read_text()
    assert "签到码" in (built / "staff" / "trainings" / "index.html").read_text(encoding="utf-8")
    assert "Check-in code" in (built / "en" / "staff" / "trainings" / "index.html").read_text(encoding="utf-8")


def test_the_vendored_decoder_is_jsqr_as_published_with_its_licence(built):
    assert hashlib.sha256((VENDOR / "jsqr-1.4.0.js").read_bytes()).hexdigest() == JSQR_SHA256
    assert "Apache License" in (VENDOR / "jsqr-LICENSE.txt").read_text()
    assert (built / "assets" / "portal" / "vendor" / "jsqr-1.4.0.js").read_bytes() == (VENDOR / "jsqr-1.4.0.js").read_bytes()
    scan = (VENDOR.parent / "organiser-scan.js").read_text()
    assert "vendor/jsqr-1.4.0.js" in scan and "BarcodeDetector" in scan


def test_the_manage_page_has_the_rating_form_with_the_five_levels(built):
    for prefix in ("", "en/"):
        html = (built / prefix / "trainings" / "registration" / "index.html").read_text(encoding="utf-8")
        assert 'data-action="rate"' in html and html.count('name="level"') == 5
