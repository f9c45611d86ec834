"""No name or phone number reaches a log line, whoever logs it."""
import logging

from chalicelib.logs import install_masking, mask
from chalicelib.service_layer.ports import PermanentSendError
from chalicelib.service_layer.public import submit
from tests.conftest import consultation


def test_mask_hides_mobiles_and_email_addresses():
    line = mask("call 13800138000, +86 138-0013-8000 or mail zhang.san@example.com about SY261130-ABCDEFGHJK")
    assert "13800138000" not in line and "0013" not in line and "zhang.san" not in line
    assert "138****8000" in line and "SY261130-ABCDEFGHJK" in line


def test_a_submission_and_its_dispatch_log_neither_names_nor_numbers(deps, dispatcher, caplog, sms):
    install_masking()
    caplog.set_level(logging.DEBUG)
    logging.getLogger("portal.test").info("applicant mobile %s", "13800138000")
    submit(consultation(contact_name="欧阳娜娜"), deps)
    sms.failures = [PermanentSendError("InvalidParameter: +8613800138000")]
    dispatcher.dispatch_due()
    assert dispatcher.counts["failed"] == 1  # the refusal was logged on the normal path
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "applicant mobile 138****8000" in text
    assert "欧阳娜娜" not in text and "13800138000" not in text
