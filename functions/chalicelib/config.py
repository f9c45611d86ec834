"""Every environment variable the functions read, with its default and meaning, in one place.

`Config.from_env()` reads them once; `bootstrap` builds the adapters from the result, and the
local stack and tests build a `Config` directly instead of editing os.environ. The stack sets
each of them in AWS (infra/functions.yaml; tests/infra/test_packaged_template.py checks it)."""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from typing import Any, Mapping

# Signs window QR links and derives access tokens in the local stack, and in posters made
# without WINDOW_LINK_KEY. Not secrets: every AWS deployment sets its own (infra/README.md).
LOCAL_WINDOW_LINK_KEY = "local-only-window-link-key"
LOCAL_ACCESS_TOKEN_KEY = "local-only-access-token-key"


def setting(env: str, meaning: str, default: Any = None, *, required: bool = False) -> Any:
    """A field read from the environment variable `env` (documented by `meaning`)."""
    return field(default=default, metadata={"env": env, "meaning": meaning, "required": required})


@dataclass(frozen=True)
class Config:
    table_name: str = setting("TABLE_NAME", "DynamoDB table of requests, timelines and the outbox",
                              required=True)
    sender_email: str = setting("SENDER_EMAIL", "SES v2 identity that sends every email", required=True)
    ses_configuration_set: str | None = setting("SES_CONFIGURATION_SET", "optional SES configuration set")
    sms_sender_id: str | None = setting("SMS_SENDER_ID", "optional alphanumeric SNS sender id")
    department_addresses: str | None = setting(
        "DEPARTMENT_ADDRESSES", "JSON {department_id: {email, mobile}} for every department")
    department_addresses_file: str | None = setting(
        "DEPARTMENT_ADDRESSES_FILE", "a JSON or YAML file with the same content (if the JSON is unset)")
    public_base_url: str = setting("PUBLIC_BASE_URL", "the portal's public origin: links in messages (the site "
                                   "build, its feeds and make qr's posters read it too: site_base_url)", "")
    window_link_key: str = setting("WINDOW_LINK_KEY", "secret that signs the windows' QR links "
                                   "(make qr uses the same)", "")
    access_token_key: str = setting("ACCESS_TOKEN_KEY", "secret from which each request's access "
                                    "token is derived, so that no token is stored", "")
    # Unset: the defaults of domain/limits.py (in AWS the stack's parameters set them).
    limit_submissions: str | None = setting("LIMIT_SUBMISSIONS_PER_HOUR", "submissions one client may make in an hour")
    limit_ack_sms: str | None = setting("LIMIT_ACK_SMS_PER_HOUR", "acknowledgement SMS one mobile may receive in an "
                                        "hour (then email only, saying so)")
    limit_wrong_secrets: str | None = setting("LIMIT_WRONG_SECRETS_PER_10_MINUTES", "wrong tracking numbers or secrets "
                                              "one client may try in ten minutes")
    # Officers' sign-in: any OpenID Connect provider that publishes a JWKS (infra/README.md).
    oidc_issuer: str | None = setting("OIDC_ISSUER", "issuer (iss) of officers' ID tokens; unset: no staff sign-in")
    oidc_audience: str | None = setting("OIDC_AUDIENCE", "audience (aud) of officers' ID tokens: the app client id")
    oidc_jwks_url: str | None = setting("OIDC_JWKS_URL", "the issuer's JWKS (default: <issuer>/.well-known/jwks.json)")
    oidc_groups_claim: str = setting("OIDC_GROUPS_CLAIM", "the claim listing a user's groups", "cognito:groups")
    oidc_username_claim: str = setting("OIDC_USERNAME_CLAIM", "the claim naming the user", "cognito:username")
    cognito_user_pool_id: str | None = setting("COGNITO_USER_POOL_ID", "the officers' user pool (directory)")
    cognito_client_id: str | None = setting("COGNITO_CLIENT_ID", "the pool's app client that signs officers in")
    staff_idle_minutes: str = setting("STAFF_IDLE_MINUTES", "minutes without input after which the workbench "
                                      "signs an officer out", "30")
    sample_figures: str = setting("SAMPLE_FIGURES", "true where the requests are trials (the local stack, a "
                                  "test stage): the figures' answers say their figures are sample (示例)", "false")
    table_stream_arn: str | None = setting("TABLE_STREAM_ARN", "the table's stream; when set, app.py "
                                           "registers the stream dispatcher")
    lambda_function_name: str | None = setting("AWS_LAMBDA_FUNCTION_NAME", "set by Lambda: turns on "
                                               "CloudWatch embedded metrics")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Config":
        """The configuration in `env` (default os.environ); empty values count as unset."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            raw = env.get(f.metadata["env"])
            if raw:
                values[f.name] = raw
            elif f.metadata["required"]:
                raise KeyError(f"{f.metadata['env']} is not set: {f.metadata['meaning']}")
        return cls(**values)

    @classmethod
    def variables(cls) -> dict[str, str]:
        """{ENV_NAME: meaning} of every setting, for documentation and tests."""
        return {f.metadata["env"]: f.metadata["meaning"] for f in dataclasses.fields(cls)}


LOCAL_PORT = "8000"  # the local stack's port when PORT is unset (Makefile: PORT ?= 8000)


def site_base_url(env: Mapping[str, str] | None = None) -> str:
    """The ONE public base URL of the portal, without a trailing slash, for everything that is
    made before a request exists: the site build (site_url: canonical links, sitemaps, robots.txt,
    the RSS and iCalendar feeds) and the window posters (make qr). PUBLIC_BASE_URL, as the
    functions read it for their messages; unset, the local stack's own address on PORT.
    `make deploy` sets it per stage (infra/deploy.py)."""
    env = os.environ if env is None else env
    base = env.get("PUBLIC_BASE_URL") or f"http://127.0.0.1:{env.get('PORT') or LOCAL_PORT}"
    return base.rstrip("/")


def stream_arn(env: Mapping[str, str] | None = None) -> str | None:
    """TABLE_STREAM_ARN alone, read at import of app.py (which registers the stream handler)."""
    name = next(f.metadata["env"] for f in dataclasses.fields(Config) if f.name == "table_stream_arn")
    return (os.environ if env is None else env).get(name) or None
