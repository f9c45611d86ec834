"""The dependencies of every use case, built once by bootstrap and faked in tests."""
from __future__ import annotations

from dataclasses import dataclass

from ..catalog import Catalog
from ..catalog.trainings import Trainings
from ..domain.addresses import AddressBook
from ..domain.limits import Limits
from ..domain.tokens import Links
from .ports import Clock, EmailSender, RegistrationStore, RequestStore, SmsSender
from .reminder_ports import ReminderStore
from .figure_ports import FigureStore
from .staff_ports import Directory, StaffStore, TokenVerifier


@dataclass(frozen=True)
class Deps:
    catalog: Catalog
    store: RequestStore
    clock: Clock
    addresses: AddressBook
    links: Links  # derives access tokens and the links that carry them
    email: EmailSender
    sms: SmsSender
    trainings: Trainings  # the calendar's sessions and their registration terms (the editors' file)
    registrations: RegistrationStore
    window_link_key: bytes = b""  # signs the window QR links (domain/window_links.py)
    emit_metrics: bool = False  # CloudWatch embedded metrics of the dispatcher, on in Lambda
    backoff_base: float = 30  # seconds before a failed message's first retry
    lease: float = 60  # seconds a dispatcher holds a message it is sending before another may
    limits: Limits = Limits()  # what one mobile receives and one client may do
    verifier: TokenVerifier | None = None  # officers' ID tokens (None: no staff sign-in)
    directory: Directory | None = None  # who works in which department
    staff_store: StaffStore | None = None  # queues, audit trail, signed-out sessions
    groups_claim: str = "cognito:groups"
    username_claim: str = "cognito:username"
    idle_minutes: int = 30
    sample_figures: bool = False  # the figures are of trial requests (SAMPLE_FIGURES): answers say so
    figures: FigureStore | None = None  # the performance figures' aggregates (None: no figures)
    reminders: ReminderStore | None = None  # what the reminder sweep reads and records (None: no sweep)
