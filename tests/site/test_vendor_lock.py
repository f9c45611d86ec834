"""The browser libraries the site vendors (site/overrides/assets/portal/vendor/) are the files
their lock names (site/vendor.lock.toml: package, version, tarball integrity, each file's
sha256), each with its licence, and the build serves them unchanged from the site's origin."""
from __future__ import annotations

import base64
import hashlib
import importlib.util

from tests.site.conftest import ROOT

_spec = importlib.util.spec_from_file_location("portal_vendor", ROOT / "site" / "vendor.py")
vendor = importlib.util.module_from_spec(_spec)  # site/vendor.py, the lock's checker
_spec.loader.exec_module(vendor)


def test_every_vendored_file_is_the_one_its_lock_names():
    packages = vendor.load()
    assert packages["chart.js"]["version"] == "4.6.1"
    assert vendor.mismatches(packages) == []
    for pkg in packages.values():
        assert pkg["integrity"].startswith("sha512-") and pkg["license"]
        assert any("LICENSE" in f["to"] for f in pkg["files"].values()), "each library ships with its licence"


def test_a_changed_file_is_caught(tmp_path, monkeypatch):
    packages = vendor.load()
    name, pkg = next(iter(packages.items()))
    source, f = next(iter(pkg["files"].items()))
    (tmp_path / f["to"]).write_bytes((vendor.VENDOR / f["to"]).read_bytes() + b"\n")
    monkeypatch.setattr(vendor, "VENDOR", tmp_path)
    assert any(f["to"] in line for line in vendor.mismatches({name: pkg}))


def test_the_tarball_integrity_check_is_npms(tmp_path):
    data = b"some tarball"
    good = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    assert vendor.integrity(data, good) and not vendor.integrity(data + b"!", good)


def test_the_build_serves_the_vendored_files_unchanged(built):
    for pkg in vendor.load().values():
        for f in pkg["files"].values():
            assert (built / "assets" / "portal" / "vendor" / f["to"]).read_bytes() == (vendor.VENDOR / f["to"]).read_bytes()
