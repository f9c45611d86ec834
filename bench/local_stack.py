"""The local stack under a district's volume: submissions over HTTP at concurrency 8 until the
table holds BENCH_REQUESTS (10,000) requests; prints the submission p95 at the start and at the
end (goal: end ≤ 1.5 × start), errors (goal: 0) and the stack process's memory (goal < 1 GB).

    .venv/bin/python -m bench.local_stack            (or: make bench-local)

The stack runs in its own process exactly as `make run` starts it (tests/e2e/harness.py), with
its data in a throw-away folder; the dispatcher sends every message as it would."""
from __future__ import annotations

import os
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

import psutil
import requests

from tests.conftest import consultation
from tests.e2e.harness import local_stack

TOTAL = int(os.environ.get("BENCH_REQUESTS", "10000"))
CONCURRENCY = 8
SAMPLE = 200  # submissions timed at the start and at the end
WARM_UP = 40  # before the start's sample, so that it is not the cold start's


def _submit(session: requests.Session, url: str, i: int) -> tuple[float, int]:
    start = time.perf_counter()
    try:
        res = session.post(f"{url}/api/requests", json=consultation(question=f"第{i}个问题：验收资料怎么准备？"),
                           timeout=60)
        status = res.status_code
    except requests.RequestException:
        status = 0
    return time.perf_counter() - start, status


def _batch(url: str, first: int, count: int) -> list[tuple[float, int]]:
    sessions = [requests.Session() for _ in range(CONCURRENCY)]
    with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
        return list(pool.map(lambda i: _submit(sessions[i % CONCURRENCY], url, i), range(first, first + count)))


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def main() -> None:
    with tempfile.TemporaryDirectory() as data, local_stack("bench-local", LOCAL_DATA_DIR=data) as stack:
        process = psutil.Process(stack.process.pid)
        results = _batch(stack.url, 0, WARM_UP)  # untimed: the first calls load the code and fill caches
        start = _batch(stack.url, WARM_UP, SAMPLE)
        results += start
        start_p95 = p95([t for t, _ in start])
        done, started = WARM_UP + SAMPLE, time.perf_counter()
        while done < TOTAL - SAMPLE:
            step = min(1000, TOTAL - SAMPLE - done)
            results += _batch(stack.url, done, step)
            done += step
            rate = (done - WARM_UP - SAMPLE) / (time.perf_counter() - started)
            print(f"  {done:>6} stored, {rate:.0f}/s, stack {process.memory_info().rss / 2**20:.0f} MB", flush=True)
        end = _batch(stack.url, done, SAMPLE)
        results += end
        end_p95 = p95([t for t, _ in end])
        errors = sum(1 for _, status in results if status != 201)
        memory = process.memory_info().rss / 2**20
        # Every consultation of the bench goes to the Quality Station: count its queue (one index query).
        from chalicelib.adapters.dynamodb.keys import queue_pk

        pages = stack.client("dynamodb").get_paginator("query").paginate(
            TableName=stack.table, IndexName="gsi1", Select="COUNT", KeyConditionExpression="gsi1pk = :d",
            ExpressionAttributeValues={":d": queue_pk("quality-station", "all")})
        count = sum(page["Count"] for page in pages)
    print(f"requests stored: {count} (answered 201: {len(results) - errors})")
    print(f"submission p95: {start_p95 * 1000:.0f} ms at 0, {end_p95 * 1000:.0f} ms at {TOTAL} "
          f"→ {end_p95 / start_p95:.2f}× (goal ≤ 1.5×)")
    print(f"errors at concurrency {CONCURRENCY}: {errors} (goal 0)")
    print(f"stack memory (RSS): {memory:.0f} MB (goal < 1024 MB)")


if __name__ == "__main__":
    main()
