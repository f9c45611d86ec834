"""The one place that wires real adapters from configuration (environment variables).

TABLE_NAME                 DynamoDB table of requests and outbox
SENDER_EMAIL               SES v2 identity that sends emails
SES_CONFIGURATION_SET      optional SES configuration set
SMS_SENDER_ID              optional SNS sender id
DEPARTMENT_ADDRESSES       JSON {department_id: {email, mobile}}, or
DEPARTMENT_ADDRESSES_FILE  a JSON or YAML file with the same content
PUBLIC_BASE_URL            the portal's origin, for links in messages
WINDOW_LINK_KEY            secret that signs the service windows' QR links (make qr uses it too)
"""
from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .catalog import Catalog, load_catalog
from .domain.addresses import AddressBook, parse_address_book
from .service_layer.dispatch import Dispatcher
from .service_layer.ports import RequestStore
from .service_layer.submit import SubmitDeps


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Services:
    catalog: Catalog
    store: RequestStore
    submit: SubmitDeps
    dispatcher: Dispatcher


def load_addresses(catalog: Catalog) -> AddressBook:
    if raw := os.environ.get("DEPARTMENT_ADDRESSES"):
        return parse_address_book(json.loads(raw), catalog)
    path = Path(os.environ["DEPARTMENT_ADDRESSES_FILE"])
    import yaml

    return parse_address_book(yaml.safe_load(path.read_text(encoding="utf-8")), catalog)


@functools.lru_cache(maxsize=1)
def services() -> Services:
    """Built on first use, not at import, so a cold start pays only for what it calls."""
    from .adapters.dynamodb_store import DynamoRequestStore
    from .adapters.ses_email import SesEmailSender
    from .adapters.sns_sms import SnsSmsSender

    catalog = load_catalog()
    clock = SystemClock()
    store = DynamoRequestStore(os.environ["TABLE_NAME"])
    submit = SubmitDeps(catalog=catalog, store=store, clock=clock,
                        addresses=load_addresses(catalog),
                        public_base_url=os.environ.get("PUBLIC_BASE_URL", ""),
                        window_link_key=os.environ.get("WINDOW_LINK_KEY", "").encode())
    dispatcher = Dispatcher(store=store, clock=clock,
                            email=SesEmailSender(os.environ["SENDER_EMAIL"],
                                                 os.environ.get("SES_CONFIGURATION_SET") or None),
                            sms=SnsSmsSender(os.environ.get("SMS_SENDER_ID") or None),
                            emit_metrics=bool(os.environ.get("AWS_LAMBDA_FUNCTION_NAME")))
    return Services(catalog=catalog, store=store, submit=submit, dispatcher=dispatcher)
