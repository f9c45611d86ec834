"""The vendored browser libraries against their lock (site/vendor.lock.toml).

    python site/vendor.py check    every vendored file is the one the lock names (exit 1 if not)
    python site/vendor.py update   fetch each package's tarball with `npm pack`, check its integrity,
                                   copy the locked files into vendor/ and write their sha256

`check` is what tests/site/test_vendor_lock.py runs; `update` needs npm and is run by hand only
when a version in the lock changes (its result is committed, so builds and tests need no npm)."""
from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from pathlib import Path

SITE = Path(__file__).resolve().parent
LOCK = SITE / "vendor.lock.toml"
VENDOR = SITE / "overrides" / "assets" / "portal" / "vendor"


def load() -> dict:
    return tomllib.loads(LOCK.read_text(encoding="utf-8"))["packages"]


def mismatches(packages: dict | None = None) -> list[str]:
    """Every vendored file that is missing or differs from its locked sha256, as a line."""
    wrong = []
    for name, pkg in (packages or load()).items():
        for source, f in pkg["files"].items():
            path = VENDOR / f["to"]
            if not path.is_file():
                wrong.append(f"{name}@{pkg['version']}: {f['to']} is missing")
            elif hashlib.sha256(path.read_bytes()).hexdigest() != f["sha256"]:
                wrong.append(f"{name}@{pkg['version']}: {f['to']} is not {source} as locked")
    return wrong


def integrity(data: bytes, expected: str) -> bool:
    """npm's Subresource-Integrity string (sha512-<base64>) of a tarball."""
    algo, _, digest = expected.partition("-")
    return base64.b64encode(hashlib.new(algo, data).digest()).decode() == digest


def update() -> None:
    text = LOCK.read_text(encoding="utf-8")
    for name, pkg in load().items():
        with tempfile.TemporaryDirectory() as tmp:
            out = subprocess.run(["npm", "pack", f"{name}@{pkg['version']}", "--silent"], cwd=tmp, check=True,
                                 capture_output=True, text=True).stdout.split()[-1]
            tarball = (Path(tmp) / out).read_bytes()
            if not integrity(tarball, pkg["integrity"]):
                sys.exit(f"{name}@{pkg['version']}: the tarball does not match the lock's integrity")
            with tarfile.open(Path(tmp) / out) as tar:
                for source, f in pkg["files"].items():
                    data = tar.extractfile(source).read()
                    (VENDOR / f["to"]).write_bytes(data)
                    text = re.sub(rf'(to = "{re.escape(f["to"])}"\nsha256 = ")[0-9a-f]*"',
                                  rf'\g<1>{hashlib.sha256(data).hexdigest()}"', text)
    LOCK.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["update"]:
        update()
    wrong = mismatches()
    print("\n".join(wrong) or "every vendored file matches site/vendor.lock.toml")
    sys.exit(1 if wrong else 0)
