"""Training registration in a real browser on a 360-px phone, against the local stack: the
session's page shows the seats left once the API answers, an enterprise registers, its
confirmation SMS arrives in the local outbox with the manage link, the link opens the
registration with its check-in QR code, and the enterprise cancels, which frees its seat.
Secrets stay in the link's fragment and the Authorization header; nothing leaves the origin."""
import re

from tests.e2e.browser import PHONE, axe_serious, require_chromium, shot

require_chromium()

SESSION = "archive-training-2027-03"  # 30 seats (sample terms)


def _tap(page, selector):
    """Tap what `selector` finds with no field focused and the page at rest. A tap that also
    takes the focus from a field can make the page scroll back while the finger is down, so
    that the tap lands beside the button (seen here one run in three; it is issue 12's point 3,
    a tap on Submit lost, fixed beside this work): this test is about registering, not that."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    target = page.locator(selector)
    target.scroll_into_view_if_needed()
    page.evaluate("""() => new Promise(done => { let last = -1, still = 0;
        (function frame() { still = scrollY === last ? still + 1 : 0; last = scrollY;
          still >= 3 ? done() : requestAnimationFrame(frame); })(); })""")
    target.click()


def _seats(page):
    line = page.locator(f".portal-seats[data-training='{SESSION}']")
    line.wait_for(state="visible")
    return line.inner_text()


def test_an_enterprise_registers_gets_its_sms_and_cancels_on_a_phone(stack, new_page, outbox):
    page = new_page(viewport=PHONE, locale="zh-CN")
    urls, foreign = [], []
    page.on("request", lambda r: (urls.append(r.url), foreign.append(r.url) if not r.url.startswith(
        (stack.url, "data:")) else None))
    page.goto(f"{stack.url}/trainings/{SESSION}/")
    assert _seats(page) == "剩余 30 个名额"
    page.wait_for_selector("form.portal-registration-form[data-ready]")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert not axe_serious(page), axe_serious(page)
    page.fill("#f-organisation", "沈阳示例建设有限公司")
    page.fill("#f-uscc", "91210100ma0y9kqx13")
    page.fill("#f-participant_name", "张工")
    page.fill("#f-mobile", "139 0013 9017")
    page.fill("#f-seats", "2")
    shot(page, "training-1-form")
    with page.expect_response(lambda r: r.url.endswith("/registrations?lang=zh")) as answer:
        _tap(page, "form.portal-registration-form button[type=submit]")
    assert answer.value.status == 201, answer.value.text()
    confirmation = page.locator(".portal-confirmation")
    confirmation.wait_for()
    assert "报名成功" in confirmation.inner_text()
    number = page.locator("[data-slot=registration_no]").inner_text()
    manage = page.locator("[data-slot=manage_url]").get_attribute("href")
    shot(page, "training-2-confirmed")
    page.reload()
    assert _seats(page) == "剩余 28 个名额"  # the page is static; the seats are the API's, now

    (sms,) = outbox.mine(number, channel="sms", to="+8613900139017")
    assert "您已报名" in sms["body"] and "2人" in sms["body"]
    link = re.search(r"https?://\S+#no=\S+&token=\S+", sms["body"]).group(0)
    assert link == manage and link.startswith(f"{stack.url}/trainings/registration/#no={number}&token=")

    page.goto(link)
    qr = page.locator("section.portal-check-in img.portal-qr")
    qr.wait_for(state="visible")
    assert qr.get_attribute("src").startswith("data:image/svg+xml")
    assert number in page.locator("section.portal-check-in code").inner_text()
    facts = page.locator(".portal-registration").inner_text()
    assert "已确认" in facts and "城建档案编制标准专项培训" in facts and "（示例）" in facts
    assert not axe_serious(page), axe_serious(page)
    shot(page, "training-3-registration")
    asked = []
    page.on("dialog", lambda d: (asked.append(d.message), d.accept()))
    with page.expect_response(lambda r: r.url.split("?")[0].endswith("/actions")) as cancelled:
        _tap(page, "form.portal-action[data-action=cancel] button")
    assert cancelled.value.status == 200
    page.wait_for_selector(".portal-registration:not([aria-busy])", state="attached")
    assert "已取消" in page.locator(".portal-registration").inner_text()
    assert asked and "候补名单" in asked[0]
    for gone in ("section.portal-check-in", "form.portal-action[data-action=cancel]", "form.portal-rating"):
        assert page.locator(gone).is_hidden(), gone
    shot(page, "training-4-cancelled")

    assert outbox.mine(number, channel="sms", to="+8613900139017", count=2)  # and the cancellation's
    page.goto(f"{stack.url}/en/trainings/{SESSION}/")
    assert _seats(page) == "30 seats left"  # the seats are free again
    token = link.split("token=")[1]
    assert not [u for u in urls if token in u], "the secret stays in the fragment and the header"
    assert not foreign, foreign
    page.close()
