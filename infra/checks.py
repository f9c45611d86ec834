"""The static checks of the packaged template: cfn-lint and checkov, run from their own
environment (.tools/infra-lint, made by `make infra-tools`), with checkov's accepted findings
read from ONE file, infra/checkov-waivers.yaml.

    python -m infra.checks [build/package/sam.json]     # what `make test` asserts, by hand"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / ".tools" / "infra-lint" / "bin"
WAIVERS = ROOT / "infra" / "checkov-waivers.yaml"


class ToolMissing(RuntimeError):
    """The lint environment is not there: `make infra-tools` (part of `make test`) makes it."""


@dataclass(frozen=True, order=True)
class Finding:
    check: str
    resource: str  # "<Type>.<LogicalId>", as checkov names it

    def __str__(self) -> str:
        return f"{self.check} {self.resource}"


def _tool(name: str) -> str:
    path = TOOLS / name
    if not path.is_file():
        raise ToolMissing(f"{path} is missing: run `make infra-tools` (or `make test`)")
    return str(path)


def _quiet_env() -> dict[str, str]:
    # Neither tool may reach the network (checkov would fetch its guideline links otherwise).
    return {**os.environ, "BC_SKIP_MAPPING": "TRUE", "CHECKOV_RUN_SCA_PACKAGE_SCAN_V2": "false",
            "LOG_LEVEL": "ERROR"}


def cfn_lint(template: Path, region: str = "ap-northeast-1") -> list[str]:
    """Every cfn-lint message (errors, warnings, informational); empty means clean."""
    run = subprocess.run([_tool("cfn-lint"), "--format", "parseable", "--regions", region,
                          "--include-checks", "I", "--", str(template)],
                         capture_output=True, text=True, env=_quiet_env(), check=False)
    if run.returncode not in (0, 2, 4, 6, 8, 10, 12, 14):  # bit flags of findings; else a crash
        raise RuntimeError(f"cfn-lint failed ({run.returncode}): {run.stderr[-2000:]}")
    return [line for line in run.stdout.splitlines() if line.strip()]


def checkov_failures(template: Path) -> list[Finding]:
    run = subprocess.run([_tool("checkov"), "--file", str(template), "--framework", "cloudformation",
                          "--skip-download", "--quiet", "--output", "json"],
                         capture_output=True, text=True, env=_quiet_env(), check=False)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError as exc:
        raise RuntimeError(f"checkov gave no report ({run.returncode}): {run.stderr[-2000:]}") from exc
    if isinstance(report, list):  # one report per framework; we ask for one
        (report,) = report
    if report.get("summary", {}).get("parsing_errors"):
        raise RuntimeError(f"checkov could not parse {template}")
    return sorted({Finding(c["check_id"], c["resource"])
                   for c in report.get("results", {}).get("failed_checks", [])})


def waivers(path: Path = WAIVERS) -> dict[Finding, str]:
    """{finding: reason} from the waiver file; every entry must give a reason."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: dict[Finding, str] = {}
    for check, entry in data.items():
        reason = str(entry.get("reason", "")).strip()
        if not reason:
            raise ValueError(f"{path.name}: {check} has no reason")
        for resource in entry["resources"]:
            out[Finding(check, resource)] = reason
    return out


def compare(failures: list[Finding], waived: dict[Finding, str]) -> tuple[list[Finding], list[Finding]]:
    """(failures nobody waived, waivers that no longer match a failure: stale, to delete)."""
    return (sorted(set(failures) - set(waived)), sorted(set(waived) - set(failures)))


def main() -> None:
    template = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "package" / "sam.json"
    lint = cfn_lint(template)
    unwaived, stale = compare(checkov_failures(template), waivers())
    for line in lint:
        print("cfn-lint:", line)
    for f in unwaived:
        print("checkov, not waived:", f)
    for f in stale:
        print("waiver matches nothing (delete it):", f)
    if lint or unwaived or stale:
        sys.exit(1)
    print(f"{template}: cfn-lint clean; checkov: only waived findings")


if __name__ == "__main__":
    main()
