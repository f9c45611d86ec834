"""Check-in by the camera, in a real browser: Chromium's fake camera films a participant's QR
code (drawn by segno, as the participant's page draws it, into a Y4M video), and the organiser's
page reads it and checks the participant in. Debian's Chromium has no BarcodeDetector on Linux,
so this is the vendored jsQR's path, loaded from this origin under the page's CSP."""
from __future__ import annotations

from pathlib import Path

import pytest
import requests

from tests.e2e.browser import ARGS, CHROMIUM, PHONE, require_chromium
from tests.e2e.test_organiser_api import ON_THE_DAY
from tests.e2e.test_workbench_browser import Watch
from tests.unit.test_registration_flow import _uscc
from tests.unit.test_trainings_api import SESSION, registration

require_chromium()
WIDTH, HEIGHT = 640, 480


def filmed(code: str, path: Path) -> Path:
    """A few frames of a Y4M video (what Chromium's fake camera plays, in a loop) of `code` as
    a QR code on white: the luma plane is the picture, the chroma planes a neutral grey."""
    import segno
    from PIL import Image

    qr = segno.make(code, error="m")
    side = HEIGHT - 80
    modules = qr.symbol_size(scale=1, border=4)[0]
    picture = Image.new("L", (WIDTH, HEIGHT), 255)
    matrix = Image.new("L", (modules, modules), 255)
    for y, row in enumerate(qr.matrix_iter(scale=1, border=4)):
        for x, dark in enumerate(row):
            if dark:
                matrix.putpixel((x, y), 0)
    picture.paste(matrix.resize((side, side), Image.NEAREST), ((WIDTH - side) // 2, 40))
    frame = b"FRAME\n" + picture.tobytes() + bytes([128]) * (WIDTH * HEIGHT // 2)
    path.write_bytes(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode() + frame * 5)
    return path


class Camera:
    """Launches a browser whose fake camera films `video`, once the test has written it."""

    def __init__(self, playwright, video: Path):
        self.playwright, self.video, self.browsers = playwright, video, []

    def launch(self):
        self.browsers.append(self.playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS + [
            "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-video-capture={self.video}"]))
        return self.browsers[-1]


@pytest.fixture
def camera(tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        made = Camera(p, tmp_path / "code.y4m")
        yield made
        for b in made.browsers:
            b.close()


def test_the_camera_reads_the_participants_qr_code_and_checks_them_in(stack, camera):
    from infra.identity import SAMPLE_PASSWORD

    body = registration(mobile="13900000091", uscc=_uscc(91), email=None, participant_name="扫码参加人")
    made = requests.post(f"{stack.url}/api/trainings/{SESSION}/registrations", json=body, timeout=30).json()
    code = requests.get(f"{stack.url}/api/trainings/registrations/{made['registration_no']}", timeout=30,
                        headers={"Authorization": f"Bearer {made['access_token']}"}).json()["check_in"]["code"]
    filmed(code, camera.video)
    requests.post(f"{stack.url}/_local/clock", json={"now": ON_THE_DAY}, timeout=30)
    try:
        page = camera.launch().new_page(viewport=PHONE)
        watch = Watch(page, stack.url)
        page.goto(f"{stack.url}/staff/trainings/#session={SESSION}")
        page.fill("#wb-username", "officer.urban-construction-archives")
        page.fill("#wb-password", SAMPLE_PASSWORD)
        page.click(".portal-signin button[type=submit]")
        page.click(".portal-og-scan")  # shown: the page is a secure context (127.0.0.1) with a camera
        answer = page.wait_for_selector(".portal-og-answer[data-outcome=checked_in]", timeout=60000)
        assert answer.text_content().startswith("签到成功：扫码参加人")
        assert page.input_value("#og-code") == "" and page.locator(".portal-og-video").is_hidden()
        if not page.evaluate("() => 'BarcodeDetector' in window"):
            assert any(u.endswith("/assets/portal/vendor/jsqr-1.4.0.js") for u in watch.urls)
        assert not watch.refused and not watch.foreign(), (watch.refused, watch.foreign())
    finally:
        requests.post(f"{stack.url}/_local/clock", json={"now": None}, timeout=30)
