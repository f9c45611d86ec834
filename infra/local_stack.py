"""The local stack: the whole portal on one origin with moto standing in for AWS.

    python -m infra.local_stack            # PORT from the environment, default 8000

Starts moto on loopback, deploys infra/resources.yaml into it, serves build/site and the API
on http://127.0.0.1:$PORT/, runs the dispatcher as a loop, and shows what was sent at
/_local/outbox. Ctrl-C stops everything it started.

Its own settings (environment): PORT (8000; 0 picks a free one), LOCAL_FAULTS (SES/SNS faults
at start, infra/local_faults.py), LOCAL_BACKOFF_SECONDS (2: a failed message's first retry),
WINDOW_LINK_KEY and ACCESS_TOKEN_KEY (the local defaults of chalicelib/config.py when unset),
LOCAL_LEASE_SECONDS (10: how long a message being sent is held), LOCAL_SWEEP_SECONDS (60: how
often the due index is swept for what nothing announced, infra/local_dispatch.py),
LOCAL_REMINDER_SECONDS (600: how often a sweep also records the reminders owed, at start and
then at most this often), LOCAL_CLOCK_OFFSET_DAYS (0: a whole number of days the stack's clock runs
ahead, or behind if negative, to watch reminders and follow-ups fall due), LOCAL_DATA_DIR (where the data
lives across restarts, default .local/: infra/local_state.py), LOCAL_STACK_READY_FD (a file
descriptor that gets one JSON line once the stack serves: tests)."""
from __future__ import annotations

import dataclasses
import functools
import json
import logging
import os
import signal
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from chalicelib.config import LOCAL_ACCESS_TOKEN_KEY, LOCAL_WINDOW_LINK_KEY, Config

from infra.local_clock import LocalClock
from infra.local_aws import REGION, LocalAws, start_local_aws
from infra.local_dispatch import (Announcing, AnnouncingRegistrations, AnnouncingReminders, Every, Wakeups,
                                  dispatch_loop)
from infra.local_faults import Faults
from infra.local_http import LocalServer, PortalApp
from infra.local_moto import set_journal
from infra.local_outbox import Outbox, RecordingEmail, RecordingSms
from infra.local_state import OutboxLog, TableJournal, data_dir

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("local_stack")


def sample_department_addresses() -> dict[str, dict[str, str]]:
    """SAMPLE configuration for local use only: an example.org address and a dummy mobile per
    department of the catalog. Real addresses are deployment parameters (see infra/README.md)."""
    from chalicelib.catalog import load_catalog

    return {d.id: {"email": f"{d.id}@departments.example.org", "mobile": f"+8613900{i:06d}"}
            for i, d in enumerate(load_catalog().departments, start=1)}


@dataclass
class LocalStack:
    url: str
    aws: LocalAws
    outbox: Outbox
    server: LocalServer
    journal: TableJournal
    stop_event: threading.Event = field(default_factory=threading.Event)
    threads: list[threading.Thread] = field(default_factory=list)

    def stop(self) -> None:
        self.stop_event.set()
        self.server.stop()
        for t in self.threads:
            t.join(timeout=5)
        self.journal.compact()  # a graceful stop leaves one snapshot and an empty journal
        set_journal(None)
        self.journal.close()
        self.aws.stop()


def local_identity(aws: LocalAws):
    """moto's Cognito with the pool, client and groups AWS gets (infra/identity.py), and the
    sample officers."""
    import boto3

    from chalicelib.catalog import load_catalog
    from infra.identity import ensure_identity, sample_officers, seed

    catalog, idp = load_catalog(), boto3.client("cognito-idp")
    identity = ensure_identity(idp, "proactive-service-local", (d.id for d in catalog.departments), REGION)
    seed(idp, identity.pool_id, sample_officers((d.id, d.name.zh) for d in catalog.departments))
    return identity


def local_config(aws: LocalAws, url: str, identity=None) -> Config:
    """The functions' configuration in the local stack: moto's table and sender, sample
    department addresses, this origin, the local keys unless the environment sets its own, sample
    figures, and any other setting of chalicelib/config.py the environment gives (the limits, say)."""
    own = Config.from_env({"TABLE_NAME": aws.table, "SENDER_EMAIL": aws.sender, **os.environ})
    return dataclasses.replace(
        own, table_name=aws.table, sender_email=aws.sender, public_base_url=url,
        department_addresses=json.dumps(sample_department_addresses()), department_addresses_file=None,
        window_link_key=os.environ.get("WINDOW_LINK_KEY") or LOCAL_WINDOW_LINK_KEY,
        access_token_key=os.environ.get("ACCESS_TOKEN_KEY") or LOCAL_ACCESS_TOKEN_KEY,
        sample_figures="true",  # the local stack's requests are tests and demonstrations, never real ones
        **({"oidc_issuer": identity.issuer, "oidc_audience": identity.client_id,
            "oidc_jwks_url": f"{aws.endpoint}/{identity.pool_id}/.well-known/jwks.json",
            "cognito_user_pool_id": identity.pool_id, "cognito_client_id": identity.client_id} if identity else {}))


def start(port: int = 8000, site_dir: Path = ROOT / "build" / "site") -> LocalStack:
    """Start everything in this process and return once it serves; `port=0` picks a free port."""
    from chalice.config import Config as ChaliceConfig
    from chalice.local import LocalGateway

    import app as api  # functions/app.py
    from chalicelib import bootstrap
    from chalicelib.adapters.aws import client
    from chalicelib.service_layer.dispatch import Dispatcher
    from chalicelib.service_layer.reminders import send_reminders

    aws = start_local_aws()
    journal = TableJournal(data_dir(), REGION, aws.table)
    replayed = journal.restore()  # what an earlier run stored, before anything new is written
    set_journal(journal)
    log.info("local data in %s (%d writes replayed)", journal.directory, replayed)
    web = PortalApp(site_dir.resolve())
    server = LocalServer(web, port)
    url = f"http://127.0.0.1:{server.port}"
    outbox = Outbox(OutboxLog(data_dir()))
    clock = LocalClock(days=int(os.environ.get("LOCAL_CLOCK_OFFSET_DAYS") or 0))
    real = bootstrap.bootstrap(local_config(aws, url, local_identity(aws)), clock=clock,
                               backoff_base=float(os.environ.get("LOCAL_BACKOFF_SECONDS", "2")),
                               lease=float(os.environ.get("LOCAL_LEASE_SECONDS", "10")))
    wakeups = Wakeups(clock.now)
    deps = dataclasses.replace(real, email=RecordingEmail(real.email, outbox), sms=RecordingSms(real.sms, outbox),
                               store=Announcing(real.store, wakeups),
                               registrations=AnnouncingRegistrations(real.registrations, wakeups),
                               reminders=AnnouncingReminders(real.reminders, wakeups))
    bootstrap.install(deps)
    web.gateway = LocalGateway(api.app, ChaliceConfig.create(chalice_stage="dev", lambda_timeout=15,
                                                             app_name="proactive-service"))
    web.outbox = outbox
    web.clock = clock
    web.faults = Faults()
    web.faults.attach(client)
    web.faults.parse_env(os.environ.get("LOCAL_FAULTS", ""))
    stack = LocalStack(url=url, aws=aws, outbox=outbox, server=server, journal=journal)
    sweep = float(os.environ.get("LOCAL_SWEEP_SECONDS", "60"))
    remind = Every(float(os.environ.get("LOCAL_REMINDER_SECONDS", "600")), functools.partial(send_reminders, deps))
    recount = functools.partial(_recount, deps=deps)
    stack.threads = [threading.Thread(target=dispatch_loop, args=(Dispatcher(deps), wakeups, stack.stop_event, sweep,
                                                                  remind, recount), name="dispatcher", daemon=True)]
    server.start()
    for t in stack.threads:
        t.start()
    return stack


def _recount(tracking_no: str, deps) -> None:
    """The figures of one request brought up to its events (the stream handler's work in AWS)."""
    from chalicelib.service_layer.figure_updates import refresh

    refresh(tracking_no, deps)


def built_for(site_dir: Path) -> str | None:
    """The public base URL the site in `site_dir` was built for (its robots.txt names its sitemap
    index there: site/hooks/sitemaps.py), or None for a build without one."""
    robots = site_dir / "robots.txt"
    lines = robots.read_text(encoding="utf-8").splitlines() if robots.is_file() else []
    sitemap = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("Sitemap:")), None)
    return sitemap.rsplit("/", 1)[0] if sitemap else None


def _announce(stack: LocalStack) -> None:
    """Tell a test harness (LOCAL_STACK_READY_FD) where the stack serves, as one JSON line."""
    fd = os.environ.get("LOCAL_STACK_READY_FD")
    if not fd:
        return
    info = {"url": stack.url, "moto": stack.aws.endpoint, "table": stack.aws.table, "pid": os.getpid()}
    with os.fdopen(int(fd), "w") as out:
        out.write(json.dumps(info) + "\n")


def main() -> None:
    from infra.identity import SAMPLE_PASSWORD

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    site = ROOT / "build" / "site"
    if not (site / "index.html").is_file():
        sys.exit("build/site is missing: run `make run` (or `make site`) to build the site first.")
    for noisy in ("botocore", "werkzeug"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth": requests waiting a moment
    print("Starting moto, deploying infra/resources.yaml into it, serving build/site …", flush=True)
    for sig in (signal.SIGINT, signal.SIGTERM):  # interruptible while starting, even if inherited ignored
        signal.signal(sig, signal.default_int_handler)
    try:
        stack = start(int(os.environ.get("PORT", "8000")), site)
    except KeyboardInterrupt:
        sys.exit("Interrupted while starting; nothing is left running.")
    except OSError as exc:
        sys.exit(f"Cannot serve on port {os.environ.get('PORT', '8000')}: {exc}. Try `make run PORT=9000`.")
    built = built_for(site)
    if built and built != stack.url:  # the messages use this stack's address; the build has its own
        print(f"\n  Note: build/site was built for {built}: its feeds, sitemaps and canonical links point there.\n"
              f"  make run PORT={stack.url.rsplit(':', 1)[1]} builds it for this address.", flush=True)
    print(f"\n  Portal (中文):   {stack.url}/\n  Portal (English): {stack.url}/en/\n"
          f"  API:            {stack.url}/api/openapi.json\n  Local outbox:   {stack.url}/_local/outbox\n"
          f"  SES/SNS faults: {stack.url}/_local/faults (POST {{\"ses\": \"throttle\"}}, see infra/local_faults.py)\n"
          f"  Workbench:      {stack.url}/staff/  (sample officers, password {SAMPLE_PASSWORD}:\n"
          f"                  officer.<department>, officer2.<department>, head.<department>, supervisor;\n"
          f"                  e.g. officer.quality-station — departments: content/catalog/departments.yml)\n"
          f"  moto (AWS):     {stack.aws.endpoint}\n  Local data:     {stack.journal.directory} (kept across restarts; `make reset` empties it)\n\n"
          f"  Ctrl-C stops everything.\n", flush=True)
    done = threading.Event()
    # Ctrl-C (SIGINT) and SIGTERM both stop everything, also when started where SIGINT was
    # ignored (a background job of a script); wait in short steps so the signal is seen at once.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: done.set())
    _announce(stack)
    while not done.wait(0.5):
        pass
    print("Stopping…", flush=True)
    stack.stop()


if __name__ == "__main__":
    main()
