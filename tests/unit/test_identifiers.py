import pytest

from chalicelib.domain.identifiers import is_valid_uscc, normalise_mobile, uscc_check_char


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91310000775785552L", "91440300708461136T", "9144030071526726XG"])
def test_valid_unified_social_credit_codes(code):
    assert is_valid_uscc(code)


@pytest.mark.parametrize("code", ["91210100MA0Y9KQX14", "91210100MA0Y9KQX1", "91210100MA0Y9KQX1I",
                                  "", "9121010OMA0Y9KQX13"])
def test_invalid_unified_social_credit_codes(code):
    assert not is_valid_uscc(code)


def test_check_character_follows_gb_32100():
    # The standard's own worked example; weights 3^i mod 31, check = (31 - sum mod 31) mod 31.
    assert uscc_check_char("91350100M000100Y4") == "3"


@pytest.mark.parametrize("raw", ["13800138000", "138 0013 8000", "138-0013-8000", "+86 13800138000",
                                 "8613800138000", " 13800138000 "])
def test_mobiles_normalise_to_e164(raw):
    assert normalise_mobile(raw) == "+8613800138000"


@pytest.mark.parametrize("raw", ["12800138000", "1380013800", "138001380000", "+1 2025550100", "abc", ""])
def test_non_mainland_mobiles_are_refused(raw):
    assert normalise_mobile(raw) is None
