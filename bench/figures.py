"""Figures benchmark (issue 16 point 2), over moto:

    .venv/bin/python -m bench.figures            (or: make bench-figures: 100 and 1,000 requests)
    BENCH_FIGURE_SIZES=100,10000 make bench-figures    (the issue's sizes: about ten minutes)

1. items DynamoDB reads for a year's dashboard of every department (rows by month, and by
   department) at 100 and at 10,000 stored requests (goal: the same, departments × months);
2. after a run through the real update path in which every stream record is delivered late,
   out of order and some twice, each carrying the request as it was when its event was
   written (what a consumer that read it then would count), the aggregates equal a recount
   from the stored events.

The small size goes through the update path record by record; the larger sizes are stored in
bulk, their aggregates written as the recount gives them (the update path's result, proven
equal at the small size); moto's cost per item read and written, not the figures, is what makes
the 10,000 run slow, so the default stops at 1,000 and stays within a minute or two."""
from __future__ import annotations

import json
import os
import random
import time
from collections import defaultdict
from datetime import date

from bench.api import _env
from bench.figure_histories import history, prefix

DUPLICATES = 0.3  # share of records delivered twice


class Snapshots:
    """A RequestStore whose reads answer the request as it was at one event (a late record's view)."""

    def __init__(self, request):
        self.request = request

    def get(self, tracking_no):
        return self.request


def _through_the_stream(requests, ddb, table, deps, rng) -> dict:
    """Write each request event by event; deliver every record late, shuffled, some twice."""
    import dataclasses

    from chalicelib.adapters.dynamodb.items import request_items
    from chalicelib.service_layer.figure_updates import refresh

    pending, delivered, written = [], 0, 0
    for r in requests:
        for n in range(1, len(r.timeline) + 1):
            state = prefix(r, n)
            for item in request_items(state)[:1] + request_items(state)[n:n + 1]:  # the head and the new event
                ddb.put_item(TableName=table, Item=item)
            pending += [state] * (2 if rng.random() < DUPLICATES else 1)
            if rng.random() < 0.3:  # now and then the stream catches up with a random part of the backlog
                rng.shuffle(pending)
                for late in pending[: len(pending) // 2]:
                    written += refresh(late.tracking_no, dataclasses.replace(deps, store=Snapshots(late)))
                    delivered += 1
                pending = pending[len(pending) // 2:]
    rng.shuffle(pending)
    for late in pending:
        written += refresh(late.tracking_no, dataclasses.replace(deps, store=Snapshots(late)))
        delivered += 1
    return {"records": delivered, "transactions": written}


def _recount(ddb, table, deps) -> dict:
    """The aggregates as the stored events give them, from a scan of the whole table."""
    from chalicelib.adapters.dynamodb.items import to_request

    parts = defaultdict(list)
    for page in ddb.get_paginator("scan").paginate(TableName=table):
        for item in page["Items"]:
            if item["pk"]["S"].startswith("REQ#"):
                parts[item["pk"]["S"]].append(item)
    return _sums([r for items in parts.values() if (r := to_request(items)) is not None], deps)


def _sums(requests, deps) -> dict:
    """Every aggregate item's counters, summed from the requests' contributions."""
    from chalicelib.domain.figures import contribution
    from chalicelib.service_layer.figure_updates import limits_of

    expected = defaultdict(lambda: defaultdict(int))
    for request in requests:
        for (dept, slice_, period, name), n in contribution(request, limits_of(request, deps)).items():
            expected[(dept, slice_, period)][name] += n
    return {k: {n: v for n, v in attrs.items() if v} for k, attrs in expected.items() if any(attrs.values())}


def _stored(ddb, table) -> dict:
    out = {}
    for page in ddb.get_paginator("scan").paginate(TableName=table):
        for item in page["Items"]:
            if item["pk"]["S"].startswith("FIG#"):
                sk = item["sk"]["S"]
                attrs = {n: int(v["N"]) for n, v in item.items() if "@" in n and int(v["N"])}
                if attrs:
                    out[(item["pk"]["S"][4:], sk.rpartition("#")[0], sk.rpartition("#")[2])] = attrs
    return out


def _bulk(requests, everyone, ddb, table, deps) -> None:
    """Store `requests` in batches, and the aggregates the recount of `everyone` gives."""
    from chalicelib.adapters.dynamodb import keys as k
    from chalicelib.adapters.dynamodb.items import request_items

    items = [i for r in requests for i in request_items(r)]
    for n in range(0, len(items), 25):
        ddb.batch_write_item(RequestItems={table: [{"PutRequest": {"Item": i}} for i in items[n:n + 25]]})
    aggregates = [k.figures(*key) | {name: {"N": str(v)} for name, v in attrs.items()}
                  for key, attrs in _sums(everyone, deps).items()]
    for n in range(0, len(aggregates), 25):
        ddb.batch_write_item(RequestItems={table: [{"PutRequest": {"Item": i}} for i in aggregates[n:n + 25]]})


def _dashboard_reads(table, ddb, deps) -> dict:
    import dataclasses

    from chalicelib.adapters.dynamodb.figure_store import DynamoFigureStore
    from chalicelib.domain.figure_query import FigureQuery
    from chalicelib.service_layer.figures import compute

    out, departments = {}, tuple(d.id for d in deps.catalog.departments)
    for by in ("month", "department"):
        reader = DynamoFigureStore(table, ddb=lambda: ddb)
        f = compute(FigureQuery(date(2026, 1, 1), date(2026, 12, 31), by), departments, date(2026, 12, 31),
                    dataclasses.replace(deps, figures=reader))
        out[by] = (reader.read, f.total.counts["received"])
    return out


def measure(sizes=(100, 1_000), seed: int = 16) -> dict:
    _env()
    import boto3
    from moto import mock_aws

    from chalicelib.adapters.dynamodb.figure_store import DynamoFigureStore
    from chalicelib.adapters.dynamodb.store import DynamoRequestStore
    from chalicelib.bootstrap import bootstrap
    from chalicelib.config import LOCAL_ACCESS_TOKEN_KEY, Config
    from infra.local_aws import deploy_resources
    from infra.local_moto import patch_moto
    from infra.local_stack import sample_department_addresses

    patch_moto()
    rng, out = random.Random(seed), {"reads": {}}
    with mock_aws():
        table = deploy_resources("bench-figures")["TableName"]
        ddb = boto3.client("dynamodb")
        config = Config(table_name=table, sender_email="bench@example.org",
                        department_addresses=json.dumps(sample_department_addresses()),
                        public_base_url="http://127.0.0.1:8000", access_token_key=LOCAL_ACCESS_TOKEN_KEY)
        deps = bootstrap(config, store=DynamoRequestStore(table, ddb=lambda: ddb), figures=DynamoFigureStore(table, ddb=lambda: ddb))
        departments = [d.id for d in deps.catalog.departments]
        out["bound"] = len(departments) * 13
        stored, everyone = 0, []
        for size in sizes:
            requests = [history(i, departments, rng) for i in range(stored, size)]
            everyone += requests
            started = time.monotonic()
            if stored == 0:
                out["stream"] = _through_the_stream(requests, ddb, table, deps, rng)
                out["equal"] = _stored(ddb, table) == _recount(ddb, table, deps)
            else:
                _bulk(requests, everyone, ddb, table, deps)
            out.setdefault("seconds", {})[size] = round(time.monotonic() - started, 1)
            stored = size
            out["reads"][size] = _dashboard_reads(table, ddb, deps)
    return out


def main() -> None:
    sizes = tuple(int(x) for x in os.environ.get("BENCH_FIGURE_SIZES", "100,1000").split(","))
    out = measure(sizes)
    for by in ("month", "department"):
        figures = ", ".join(f"{out['reads'][s][by][0]} items read ({out['reads'][s][by][1]:,} received) at {s:,} stored"
                            for s in sizes)
        bound = out["bound"]
        within = all(out["reads"][s][by][0] <= bound for s in sizes)
        print(f"a year's dashboard of every department, rows by {by}: {figures} → "
              f"{'never more than' if within else 'MORE THAN'} departments × (12 months + open) = {bound}")
    s = out["stream"]
    print(f"update path at {sizes[0]:,} requests: {s['records']:,} stream records delivered late, out of order, "
          f"{DUPLICATES:.0%} of them twice → {s['transactions']:,} transactions written; aggregates equal a recount "
          f"from the events: {'yes' if out['equal'] else 'NO'}")
    print("seconds per size: " + ", ".join(f"{k:,}: {v}" for k, v in out["seconds"].items()))


if __name__ == "__main__":
    main()
