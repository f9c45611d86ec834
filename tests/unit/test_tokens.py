"""Tracking and registration numbers, secrets and links, pinned to their exact forms: a link
the SMS carries must keep working after any change, and a secret must never reach a server."""
import hashlib
import hmac
import re
from datetime import datetime, timezone

import pytest

from chalicelib.domain import tokens
from chalicelib.domain.tokens import Links

KEY = b"known-answer-key-0123456789abcdef"
LINKS = Links("https://p.example/", KEY)
NOW = datetime(2026, 12, 2, 2, 0, tzinfo=timezone.utc)


def test_numbers_carry_the_date_and_ten_unambiguous_characters():
    request, registration = tokens.new_tracking_no(NOW), tokens.new_registration_no(NOW)
    assert re.fullmatch(r"SY261202-[0-9A-HJKMNP-TV-Z]{10}", request)
    assert re.fullmatch(r"TR261202-[0-9A-HJKMNP-TV-Z]{10}", registration)
    assert len({tokens.new_tracking_no(NOW) for _ in range(20)}) == 20
    assert tokens.is_registration_no(registration) and not tokens.is_registration_no(request)


def test_a_secret_opens_only_its_own_request_and_unknown_takes_the_same_work():
    secret = LINKS.access_token("SY261202-AAAAAAAAAA")
    assert tokens.hash_token(secret) == hashlib.sha256(secret.encode()).hexdigest()
    digest = tokens.hash_token(secret)
    assert tokens.opens(secret, digest)
    assert not tokens.opens(secret + "x", digest) and not tokens.opens(None, digest) and not tokens.opens("", digest)
    assert not tokens.opens(secret, None) and not tokens.token_matches(secret, "")
    assert not tokens.opens("no such request", None)  # the stand-in hash opens nothing


def test_secrets_are_derived_per_purpose_and_number():
    mac = hmac.new(KEY, b"access|SY261202-AAAAAAAAAA", hashlib.sha256).digest()
    import base64

    assert LINKS.access_token("SY261202-AAAAAAAAAA") == base64.urlsafe_b64encode(mac[:24]).decode()
    assert len(LINKS.access_token("SY261202-AAAAAAAAAA")) == 32
    assert LINKS.registration_token("TR261202-AAAAAAAAAA") != LINKS.access_token("TR261202-AAAAAAAAAA")
    assert LINKS.pseudonym("sms", "+8613800138000") == hmac.new(
        KEY, b"limit|sms|+8613800138000", hashlib.sha256).hexdigest()[:32]
    assert LINKS.pseudonym("sms", "x") != LINKS.pseudonym("ip", "x")


def test_links_put_secrets_in_the_fragment_and_english_under_en():
    token = LINKS.access_token("SY261202-AAAAAAAAAA")
    assert LINKS.status_url("SY261202-AAAAAAAAAA", "zh") == f"https://p.example/status/#no=SY261202-AAAAAAAAAA&token={token}"
    assert LINKS.status_url("SY261202-AAAAAAAAAA", "en").startswith("https://p.example/en/status/#no=")
    reg = LINKS.registration_token("TR261202-AAAAAAAAAA")
    assert LINKS.registration_url("TR261202-AAAAAAAAAA", "en") == (
        f"https://p.example/en/trainings/registration/#no=TR261202-AAAAAAAAAA&token={reg}")
    assert LINKS.registration_url("TR261202-AAAAAAAAAA", "zh").startswith("https://p.example/trainings/registration/#")
    assert LINKS.contacts_url("construction", "en") == "https://p.example/en/contacts/#construction"
    assert LINKS.page_url("contacts/", "zh") == "https://p.example/contacts/"
    assert LINKS.workbench_url("SY261202-AAAAAAAAAA") == "https://p.example/staff/#request=SY261202-AAAAAAAAAA"
    assert LINKS.workbench_url("SY261202-AAAAAAAAAA", "en") == "https://p.example/en/staff/#request=SY261202-AAAAAAAAAA"


@pytest.mark.parametrize("typed, read", [
    ("sy261202-abcdefghjk", "SY261202-ABCDEFGHJK"),
    (" SY 261202 - 1IL0O ", "SY261202-11100"),      # I and L read as 1, O as 0, in the random part only
    ("ＳＹ２６１２０２－ＡＢＣ", "SY261202-ABC"),
    ("SYIL", "SYIL"),                              # no dash: nothing to read as digits
])
def test_a_tracking_number_is_read_as_people_type_it(typed, read):
    assert tokens.normalise_tracking_no(typed) == read


@pytest.mark.parametrize("text, plausible", [("SY261202", True), ("S" * 40, True), ("S" * 41, False),
                                             ("SY26120", False), ("SY261202-AB", True), ("SY261202_AB", False)])
def test_only_plausible_numbers_are_looked_up(text, plausible):
    assert tokens.plausible_tracking_no(text) is plausible
