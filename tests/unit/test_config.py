"""The typed configuration: every variable read once, with its meaning; empty means unset."""
import pytest

from chalicelib.config import Config, stream_arn


def test_the_environment_fills_every_setting_and_empty_values_count_as_unset():
    config = Config.from_env({"TABLE_NAME": "t", "SENDER_EMAIL": "s@example.org", "SMS_SENDER_ID": "",
                              "PUBLIC_BASE_URL": "https://portal.example.gov.cn", "UNRELATED": "x"})
    assert (config.table_name, config.sender_email, config.public_base_url) == ("t", "s@example.org",
                                                                                "https://portal.example.gov.cn")
    assert config.sms_sender_id is None and config.access_token_key == ""


@pytest.mark.parametrize("missing", ["TABLE_NAME", "SENDER_EMAIL"])
def test_a_required_setting_that_is_missing_is_named_with_its_meaning(missing):
    env = {"TABLE_NAME": "t", "SENDER_EMAIL": "s@example.org"}
    del env[missing]
    with pytest.raises(KeyError, match=missing):
        Config.from_env(env)


def test_every_setting_has_a_meaning_and_its_own_variable():
    variables = Config.variables()
    assert len(variables) == len(set(variables)) and all(len(m) > 10 for m in variables.values())
    assert stream_arn({"TABLE_STREAM_ARN": "arn:x"}) == "arn:x" and stream_arn({}) is None


def test_bootstrap_refuses_a_missing_or_short_token_key(catalog, store, addresses):
    from chalicelib.bootstrap import bootstrap

    for key in ("", "short"):
        with pytest.raises(ValueError, match="ACCESS_TOKEN_KEY"):
            bootstrap(Config(table_name="t", sender_email="s@example.org", access_token_key=key), catalog=catalog,
                      store=store, addresses=addresses)
