"""The local stack in its own process, exactly as `make run` starts it, for the end-to-end tests:
nothing it runs (moto, the dispatcher loop, the HTTP server) shares this test process, and
stopping it stops all of it."""
from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[2]
LOGS = ROOT / "build" / "test-logs"
READY_TIMEOUT = 180  # seconds: a loaded two-core machine starts moto and deploys slowly
# The tests submit hundreds of requests from one address and one mobile: the limits are tested
# on their own (tests/e2e/test_local_limits.py) and raised out of the way everywhere else.
UNLIMITED = {"LIMIT_SUBMISSIONS_PER_HOUR": "1000000", "LIMIT_ACK_SMS_PER_HOUR": "1000000",
             "LIMIT_WRONG_SECRETS_PER_10_MINUTES": "1000000"}


@dataclass(frozen=True)
class RunningStack:
    url: str
    moto: str
    table: str
    log: Path
    process: subprocess.Popen

    def client(self, service: str):
        """A boto3 client of the stack's moto (its table, SES and SNS)."""
        import boto3

        return boto3.client(service, endpoint_url=self.moto, region_name="us-east-1",
                            aws_access_key_id="local", aws_secret_access_key="local")

    def logged(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def kill(self) -> None:
        """SIGKILL to the whole process group: no handler runs, nothing is saved on the way out."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


@contextmanager
def local_stack(name: str, **env: str) -> Iterator[RunningStack]:
    """Start `python -m infra.local_stack` on a free port; yield once it announces that it
    serves (an event on a pipe, not a timed wait); stop it, and everything it started, after."""
    LOGS.mkdir(parents=True, exist_ok=True)
    log = LOGS / f"{name}.log"
    if log.exists():  # a restart of the same stack: keep what the earlier run logged
        log = LOGS / f"{name}.{len(list(LOGS.glob(name + '.*.log'))) + 1}.log"
    read_end, write_end = os.pipe()
    data = LOGS / f"{name}.data"  # its own data, never the developer's .local/
    if "LOCAL_DATA_DIR" not in env:
        shutil.rmtree(data, ignore_errors=True)
    child_env = {**os.environ, "PORT": "0", "LOCAL_STACK_READY_FD": str(write_end), "LOCAL_DATA_DIR": str(data),
                 "LOCAL_BACKOFF_SECONDS": "0.5", "PYTHONUNBUFFERED": "1", **UNLIMITED, **env}
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen([sys.executable, "-m", "infra.local_stack"], cwd=ROOT, env=child_env,
                                   stdout=out, stderr=subprocess.STDOUT, pass_fds=(write_end,),
                                   start_new_session=True)
    os.close(write_end)
    try:
        info = _wait_ready(read_end, process, log)
        yield RunningStack(info["url"], info["moto"], info["table"], log, process)
    finally:
        os.close(read_end)
        _stop(process)


def _wait_ready(fd: int, process: subprocess.Popen, log: Path) -> dict:
    deadline = time.monotonic() + READY_TIMEOUT
    line = b""
    while not line.endswith(b"\n"):
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        chunk = os.read(fd, 4096) if ready else b""
        if not chunk:  # closed without a word (the stack died) or the deadline passed
            _stop(process)
            raise RuntimeError(f"the local stack did not start (exit {process.returncode}):\n"
                               + log.read_text(encoding="utf-8", errors="replace")[-4000:])
        line += chunk
    return json.loads(line)


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM (a graceful stop, as Ctrl-C), then SIGKILL to the whole group if it hangs."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
