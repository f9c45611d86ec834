"""Staff-side benchmark: prints figures, each beside a baseline measured in the same run.

    .venv/bin/python -m bench.staff            (or: make bench-staff)

1. items DynamoDB reads for one queue page (20 entries of a lane, filtered and not, and the
   overdue view) with 10 and with 10,000 stored requests (goal: the same count; the entries
   are written as a submission writes them, in batches, to fill the table quickly);
2. synchronous AWS calls of one staff action (goal: one write, the transaction)."""
from __future__ import annotations

import json
import os

from bench.api import _env

PAGE = 20
VIEWS = (("new", {}), ("new", {"district": "hunnan"}), ("new", {"service": "consultation"}), ("overdue", {}))


def _fill(ddb, table: str, deps, n: int, start: int) -> None:
    """Store `n` requests as a submission would (their head, event and queue entries)."""
    import dataclasses

    from chalicelib.adapters.dynamodb.items import request_items
    from chalicelib.adapters.dynamodb.queue_items import queue_items
    from chalicelib.domain.intake import open_request
    from chalicelib.service_layer.public import validate
    from tests.conftest import consultation

    districts = ("hunnan", "heping", "shenhe", "tiexi")
    items = []
    for i in range(start, start + n):
        form = validate(consultation(district=districts[i % 4]), deps.clock.now().date())
        request, _ = open_request(form, deps.catalog, deps.addresses, deps.links, "zh", deps.clock.now())
        request = dataclasses.replace(request, tracking_no=f"SY261130-B{i:09d}")
        items += request_items(request) + queue_items(request, 5)
    for k in range(0, len(items), 25):
        ddb.batch_write_item(RequestItems={table: [{"PutRequest": {"Item": it}} for it in items[k:k + 25]]})


def measure(sizes=(10, 10_000)) -> dict:
    import dataclasses

    _env()
    import boto3
    from moto import mock_aws

    from chalicelib.adapters.dynamodb.staff_store import DynamoStaffStore
    from chalicelib.adapters.dynamodb.store import DynamoRequestStore
    from chalicelib.bootstrap import bootstrap
    from chalicelib.config import LOCAL_ACCESS_TOKEN_KEY, Config
    from chalicelib.domain.officers import Officer, Role
    from chalicelib.service_layer import public, staff
    from infra.local_aws import deploy_resources
    from infra.local_moto import patch_moto
    from infra.local_stack import sample_department_addresses
    from tests.conftest import consultation
    from tests.fakes import FakeClock, FakeSender

    officer = Officer("officer.quality-station", "bench", Role.OFFICER, ("quality-station",))
    patch_moto()
    out: dict = {"reads": {}}
    with mock_aws():
        table = deploy_resources("bench-staff")["TableName"]
        ddb = boto3.client("dynamodb")
        calls: list[str] = []
        ddb.meta.events.register("before-call", lambda model, **_: calls.append(model.name))
        config = Config(table_name=table, sender_email="bench@example.org", public_base_url="http://127.0.0.1:8000",
                        department_addresses=json.dumps(sample_department_addresses()), access_token_key=LOCAL_ACCESS_TOKEN_KEY)
        clock = FakeClock()
        deps = bootstrap(config, store=DynamoRequestStore(table, ddb=lambda: ddb), clock=clock,
                         staff_store=DynamoStaffStore(table, ddb=lambda: ddb), email=FakeSender(), sms=FakeSender())
        stored = 0
        for size in sizes:
            _fill(ddb, table, deps, size - stored, stored)
            stored = size
            reads = {}
            for lane, filters in VIEWS:
                later = FakeClock(clock.now())
                later.advance(days=7 if lane == "overdue" else 0)  # a week on, every first contact is late
                page = staff.queue(officer, "quality-station", lane, filters, None, dataclasses.replace(deps, clock=later), PAGE)
                reads[f"{lane} {json.dumps(filters, ensure_ascii=False)}"] = (page.read, len(page.entries))
            out["reads"][size] = reads
        no = public.submit(consultation(), deps).request.tracking_no
        calls.clear()
        staff.act(officer, no, {"action": "accept"}, deps)
        out["action_calls"] = list(calls)
    return out


def main() -> None:
    out = measure(tuple(int(x) for x in os.environ.get("BENCH_SIZES", "10,10000").split(",")))
    sizes = sorted(out["reads"])
    for view in out["reads"][sizes[0]]:
        figures = ", ".join(f"{out['reads'][s][view][0]} read for {out['reads'][s][view][1]} shown at {s:,} stored"
                            for s in sizes)
        same = all(read == shown for s in sizes for read, shown in [out["reads"][s][view]])
        print(f"queue page (≤ {PAGE}) {view}: {figures} → {'1.00 item read per entry shown at every size' if same else 'NOT MET'}")
    writes = [c for c in out["action_calls"] if c in ("TransactWriteItems", "PutItem", "UpdateItem", "DeleteItem",
                                                      "BatchWriteItem")]
    print(f"synchronous AWS calls of one staff action: {len(out['action_calls'])} ({', '.join(out['action_calls'])}),"
          f" of which writes: {len(writes)} (goal: 1)")


if __name__ == "__main__":
    main()
