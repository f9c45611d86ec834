"""The one place that wires the real adapters: `bootstrap(config, **overrides)` builds the
dependencies of every use case from the configuration (config.py), and any of them can be
handed in instead (cosmicpython's shape): the local stack and the tests override; Lambda
takes the defaults. The routes read what was installed through `deps()`."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import Config

if TYPE_CHECKING:  # built on first use: importing the app must not import the whole domain
    from .service_layer.deps import Deps

_installed: Deps | None = None


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


def bootstrap(config: Config | None = None, **overrides: Any) -> Deps:
    """Deps from `config` (default: the environment), with `overrides` (catalog, store, clock,
    addresses, links, email, sms, trainings, registrations, reminders, window_link_key,
    emit_metrics, backoff_base) used as given."""
    from .catalog import load_catalog
    from .domain.tokens import Links
    from .service_layer.deps import Deps

    config = config or Config.from_env()
    catalog = overrides.pop("catalog", None) or load_catalog()
    parts: dict[str, Any] = {"catalog": catalog, **overrides}
    builders = {
        "store": lambda: _store(config, catalog),
        "clock": SystemClock,
        "addresses": lambda: load_addresses(config, catalog),
        "links": lambda: Links(config.public_base_url, config.access_token_key.encode()),
        "email": lambda: _email(config),
        "sms": lambda: _sms(config),
        "window_link_key": lambda: config.window_link_key.encode(),
        "emit_metrics": lambda: bool(config.lambda_function_name),
        "limits": lambda: _limits(config),
        "verifier": lambda: _verifier(config),
        "directory": lambda: _directory(config, catalog),
        "staff_store": lambda: _staff_store(config),
        "groups_claim": lambda: config.oidc_groups_claim,
        "username_claim": lambda: config.oidc_username_claim,
        "idle_minutes": lambda: int(config.staff_idle_minutes),
        "sample_figures": lambda: config.sample_figures.strip().lower() == "true",
        "trainings": _trainings,
        "registrations": lambda: _registrations(config),
        "reminders": lambda: _reminders(config),
        "figures": lambda: _figures(config),
    }
    for name, build in builders.items():
        if name not in parts:
            parts[name] = build()
    return Deps(**parts)


def install(d: Deps | None) -> None:
    """What the routes use from now on (None: bootstrap from the environment on next use)."""
    global _installed
    _installed = d


def deps() -> Deps:
    """The installed dependencies; built from the environment on first use, not at import, so a
    cold start pays only for what it calls."""
    global _installed
    if _installed is None:
        _installed = bootstrap()
    return _installed


def _limits(config: Config):
    import dataclasses

    from .domain.limits import Limits

    base, settings = Limits(), {"ack_sms": config.limit_ack_sms, "submit": config.limit_submissions,
                                "secret": config.limit_wrong_secrets}
    return Limits(**{name: dataclasses.replace(getattr(base, name), most=int(value)) if value else getattr(base, name)
                     for name, value in settings.items()})


def _trainings():
    from .catalog.trainings import Trainings, load_trainings

    return Trainings(load_trainings())


def _registrations(config: Config):
    from .adapters.dynamodb.registrations import DynamoRegistrationStore

    return DynamoRegistrationStore(config.table_name)


def _store(config: Config, catalog=None):
    from .adapters.dynamodb.store import DynamoRequestStore

    follow_up = catalog.standards.follow_up_after_working_days if catalog else 5
    return DynamoRequestStore(config.table_name, follow_up_after=follow_up)


def _reminders(config: Config):
    from .adapters.dynamodb.reminder_store import DynamoReminderStore

    return DynamoReminderStore(config.table_name)


def _figures(config: Config):
    from .adapters.dynamodb.figure_store import DynamoFigureStore

    return DynamoFigureStore(config.table_name)


def _staff_store(config: Config):
    from .adapters.dynamodb.staff_store import DynamoStaffStore

    return DynamoStaffStore(config.table_name)


def _verifier(config: Config):
    from .adapters.oidc import JwtVerifier, NoIdentityProvider

    if not (config.oidc_issuer and config.oidc_audience):
        return NoIdentityProvider()
    return JwtVerifier(config.oidc_issuer, config.oidc_audience, config.oidc_jwks_url)


def _directory(config: Config, catalog):
    if not (config.cognito_user_pool_id and config.cognito_client_id):
        return None
    from .adapters.cognito import CognitoDirectory

    return CognitoDirectory(config.cognito_user_pool_id, config.cognito_client_id, (d.id for d in catalog.departments))


def _email(config: Config):
    from .adapters.ses_email import SesEmailSender

    return SesEmailSender(config.sender_email, config.ses_configuration_set)


def _sms(config: Config):
    from .adapters.sns_sms import SnsSmsSender

    return SnsSmsSender(config.sms_sender_id)


def load_addresses(config: Config, catalog):
    from .domain.addresses import parse_address_book

    if config.department_addresses:
        return parse_address_book(json.loads(config.department_addresses), catalog)
    if not config.department_addresses_file:
        raise KeyError("DEPARTMENT_ADDRESSES (or DEPARTMENT_ADDRESSES_FILE) is not set")
    import yaml

    text = Path(config.department_addresses_file).read_text(encoding="utf-8")
    return parse_address_book(yaml.safe_load(text), catalog)
