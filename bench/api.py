"""API benchmark: prints figures, each beside a baseline measured in the same run.

    .venv/bin/python -m bench.api            (or: make bench-api)

1. cold start: importing the Lambda entry module (functions/app.py) against `import boto3,
   pydantic` alone, each in fresh interpreters (median of runs); goal ratio ≤ 1.00;
2. synchronous AWS calls one submission makes (goal: 1, the transaction);
3. submissions per second in-process against moto, against plain PutItem calls per second on
   the same table; and the same submissions over an in-memory store, which shows what is ours.
   moto copies the whole database for every transaction (to roll back), so its rate falls as
   the table grows: each run starts from an empty table and makes BENCH_SUBMISSIONS (50)."""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "9"))
_TIMER = "import time, sys; t = time.perf_counter(); {stmt}; print(time.perf_counter() - t)"


def import_seconds(stmt: str, cwd: Path) -> float:
    """Median time of `stmt` in fresh interpreters (start-up itself excluded)."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="0")
    samples = []
    for _ in range(RUNS + 1):
        out = subprocess.run([sys.executable, "-c", _TIMER.format(stmt=stmt)], cwd=cwd, env=env,
                             capture_output=True, text=True, check=True)
        samples.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(samples[1:])  # the first run warms the bytecode cache


def cold_start() -> dict[str, float]:
    base = import_seconds("import boto3, pydantic", ROOT / "functions")
    app = import_seconds("import app", ROOT / "functions")
    return {"baseline_s": base, "app_s": app, "ratio": app / base}


def _env() -> None:
    os.environ.update({"AWS_DEFAULT_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench",
                       "AWS_EC2_METADATA_DISABLED": "true", "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled"})
    os.environ.pop("AWS_ENDPOINT_URL", None)


def requests_path(n: int) -> dict[str, float]:
    _env()
    import boto3
    from moto import mock_aws

    from chalicelib.adapters.dynamodb.store import DynamoRequestStore
    from chalicelib.bootstrap import bootstrap
    from chalicelib.config import LOCAL_ACCESS_TOKEN_KEY, Config
    from chalicelib.service_layer.public import submit
    from infra.local_aws import deploy_resources
    from infra.local_moto import patch_moto
    from infra.local_stack import sample_department_addresses
    from tests.conftest import consultation
    from tests.fakes import FakeClock, FakeSender, FakeStore

    patch_moto()
    with mock_aws():
        table = deploy_resources("bench")["TableName"]
        ddb = boto3.client("dynamodb")
        calls: list[str] = []
        ddb.meta.events.register("before-call", lambda model, **_: calls.append(model.name))
        config = Config(table_name=table, sender_email="bench@example.org", public_base_url="http://127.0.0.1:8000",
                        department_addresses=json.dumps(sample_department_addresses()),
                        access_token_key=LOCAL_ACCESS_TOKEN_KEY)
        deps = bootstrap(config, store=DynamoRequestStore(table, ddb=lambda: ddb), clock=FakeClock(),
                         email=FakeSender(), sms=FakeSender())
        submit(consultation(), deps)  # warm-up: templates, schemas
        calls.clear()
        submit(consultation(), deps)
        per_submission = list(calls)
        start = time.perf_counter()
        for i in range(n):
            submit(consultation(question=f"第{i}个问题：验收资料怎么准备？"), deps)
        submit_rate = n / (time.perf_counter() - start)
        in_memory = bootstrap(config, store=FakeStore(), clock=FakeClock(), email=FakeSender(), sms=FakeSender())
        start = time.perf_counter()
        for i in range(n * 10):
            submit(consultation(question=f"第{i}个问题：验收资料怎么准备？"), in_memory)
        domain_rate = n * 10 / (time.perf_counter() - start)
        item = {"pk": {"S": "BENCH"}, "sk": {"S": "0"}, "body": {"S": "x" * 2000}}
        start = time.perf_counter()
        for i in range(n):
            ddb.put_item(TableName=table, Item=item | {"sk": {"S": str(i)}})
        put_rate = n / (time.perf_counter() - start)
    return {"aws_calls_per_submission": len(per_submission), "calls": per_submission,
            "submissions_per_s": submit_rate, "put_items_per_s": put_rate, "ratio": submit_rate / put_rate,
            "in_memory_per_s": domain_rate}


def main() -> None:
    cs = cold_start()
    rp = requests_path(int(os.environ.get("BENCH_SUBMISSIONS", "50")))
    print(f"cold start: import app {cs['app_s'] * 1000:.0f} ms vs import boto3, pydantic {cs['baseline_s'] * 1000:.0f} ms"
          f" → ratio {cs['ratio']:.2f} (goal ≤ 1.00)")
    print(f"synchronous AWS calls per submission: {rp['aws_calls_per_submission']} ({', '.join(rp['calls'])}) (goal: 1)")
    print(f"submissions per second (in-process, moto): {rp['submissions_per_s']:.0f}/s vs PutItem {rp['put_items_per_s']:.0f}/s"
          f" → {rp['ratio']:.2f} of a bare write; over an in-memory store {rp['in_memory_per_s']:.0f}/s")
    if os.environ.get("BENCH_JSON"):
        print(json.dumps({"cold_start": cs, "request_path": rp}))


if __name__ == "__main__":
    main()
