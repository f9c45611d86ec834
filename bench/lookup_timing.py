"""Does a lookup's time tell whether a tracking number exists? Over HTTP against the local stack:
BENCH_LOOKUPS (150) lookups with a wrong token of an existing number and as many of unknown
numbers, interleaved; prints the median of each and their difference (goal: within noise).

    .venv/bin/python -m bench.lookup_timing"""
from __future__ import annotations

import os
import statistics
import time

import requests

from tests.conftest import consultation
from tests.e2e.harness import local_stack

N = int(os.environ.get("BENCH_LOOKUPS", "150"))


def _time(session: requests.Session, url: str) -> float:
    start = time.perf_counter()
    assert session.get(url, headers={"Authorization": "Bearer wrong-token-0123456789"}, timeout=30).status_code == 404
    return time.perf_counter() - start


def main() -> None:
    with local_stack("bench-lookup") as stack:
        session = requests.Session()
        no = session.post(f"{stack.url}/api/requests", json=consultation(), timeout=30).json()["tracking_no"]
        for _ in range(20):  # warm both paths
            _time(session, f"{stack.url}/api/requests/{no}")
            _time(session, f"{stack.url}/api/requests/SY261130-ZZZZZZZZZZ")
        wrong, unknown = [], []
        for i in range(N):
            wrong.append(_time(session, f"{stack.url}/api/requests/{no}"))
            unknown.append(_time(session, f"{stack.url}/api/requests/SY261130-ZZZZZZ{i:04d}"))
    w, u = statistics.median(wrong), statistics.median(unknown)
    print(f"wrong token of an existing number: median {w * 1000:.1f} ms; unknown number: median {u * 1000:.1f} ms; "
          f"difference {abs(w - u) * 1000:.1f} ms (n = {N} each)")


if __name__ == "__main__":
    main()
