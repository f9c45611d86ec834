"""Mutation score of the rules: mutmut over chalicelib/domain and chalicelib/service_layer,
killed by the unit tests. Prints the score and every surviving mutant (`make mutation`).

    .venv/bin/python -m bench.mutation [--max-children N] [mutant names…]

mutmut names mutants by module path from the folder it runs in, so the package, the unit tests
and the data they read are staged in build/mutation/ with chalicelib/ at its top (in the
repository it sits under functions/). Not part of `make test`: a full run takes minutes."""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGE = ROOT / "build" / "mutation"
CONFIG = """\
[tool.mutmut]
source_paths = ["chalicelib/domain", "chalicelib/service_layer"]
also_copy = ["chalicelib", "app.py", "content", "infra"]
pytest_add_cli_args_test_selection = ["tests/unit"]
pytest_add_cli_args = ["-p", "no:cacheprovider", "-q"]
# Not rules, with the reason: labels.py runs only at import (mutmut switches mutants on calls);
# log lines, exception texts and a collision's internal message are read by people, not code.
do_not_mutate = ["chalicelib/domain/labels.py"]
do_not_mutate_patterns = ['^\\s*log\\.', 'super\\(\\)\\.__init__\\(', 'raise Contention\\(']

[tool.pytest.ini_options]
testpaths = ["tests"]
pythonpath = ["."]
addopts = "-ra --strict-markers"
markers = ["e2e: needs the local stack or a browser"]
"""


def stage() -> None:
    """build/mutation/: chalicelib/ and app.py, the tests, and content/ as the loaders expect
    it (chalicelib/catalog/loader.py looks three folders up, as in the repository)."""
    shutil.rmtree(STAGE, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "catalog_data", "*.egg-info")
    shutil.copytree(ROOT / "functions" / "chalicelib", STAGE / "chalicelib", ignore=ignore)
    shutil.copy2(ROOT / "functions" / "app.py", STAGE / "app.py")
    shutil.copytree(ROOT / "tests", STAGE / "tests", ignore=ignore)
    shutil.copytree(ROOT / "infra", STAGE / "infra", ignore=ignore)  # the sample officers (tests/conftest.py)
    for part in ("catalog", "data"):
        shutil.copytree(ROOT / "content" / part, STAGE / "content" / part)
    (STAGE / "pyproject.toml").write_text(CONFIG, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("mutants", nargs="*")
    args = parser.parse_args()
    mutmut = Path(sys.executable).with_name("mutmut")
    stage()
    run = subprocess.run([str(mutmut), "run", "--max-children", str(args.max_children), *args.mutants],
                         cwd=STAGE, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    subprocess.run([str(mutmut), "export-cicd-stats"], cwd=STAGE, check=True, stdout=subprocess.DEVNULL)
    stats = json.loads((STAGE / "mutants" / "mutmut-cicd-stats.json").read_text(encoding="utf-8"))
    results = subprocess.run([str(mutmut), "results"], cwd=STAGE, check=True, capture_output=True, text=True).stdout
    tested = stats["total"] - stats.get("skipped", 0)
    killed = stats["killed"] + stats.get("timeout", 0)
    if killed + stats["survived"] == 0:  # the clean run failed: no mutant was ever tested
        print(run.stderr[-3000:], file=sys.stderr)
        print("mutation run failed before testing any mutant (see above)", file=sys.stderr)
        return 1
    print(results.rstrip())
    print(f"mutants: {stats['total']}, killed {stats['killed']}, timeout {stats.get('timeout', 0)}, "
          f"survived {stats['survived']}, no tests {stats.get('no_tests', 0)}, skipped {stats.get('skipped', 0)}")
    print(f"mutation score (killed / tested): {100 * killed / max(tested, 1):.1f}% (goal ≥ 90%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
