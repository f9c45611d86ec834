"""The personal check-in code: genuine for its own registration and session only; a forged,
altered or other session's code opens nothing."""
from chalicelib.domain.check_in import check_in_code, read_check_in_code

KEY = b"test-access-token-key-0123456789"


def test_a_genuine_code_names_its_registration_also_as_typed():
    code = check_in_code(KEY, "archive-training-2027-03", "TR261202-ABCDEFGHJK")
    assert read_check_in_code(KEY, "archive-training-2027-03", code) == "TR261202-ABCDEFGHJK"
    assert read_check_in_code(KEY, "archive-training-2027-03", f"  {code.lower()} ") == "TR261202-ABCDEFGHJK"


def test_another_session_another_person_a_forgery_or_another_key_opens_nothing():
    code = check_in_code(KEY, "archive-training-2027-03", "TR261202-ABCDEFGHJK")
    number, signature = code.rsplit(".", 1)
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    for training, text in (("archive-training-2027-06", code),  # the same code at another session
                           ("archive-training-2027-03", f"TR261202-ABCDEFGHJM.{signature}"),  # another registration
                           ("archive-training-2027-03", f"{number}.{flipped}"),  # a forged signature
                           ("archive-training-2027-03", number), ("archive-training-2027-03", ""),
                           ("archive-training-2027-03", None), ("archive-training-2027-03", code + "x" * 80)):
        assert read_check_in_code(KEY, training, text) is None, text
    assert read_check_in_code(b"another-key-of-sixteen-bytes", "archive-training-2027-03", code) is None
