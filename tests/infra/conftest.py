"""The packaged AWS template, built once per session exactly as `make package` builds it."""
from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from infra import package


@dataclass(frozen=True)
class Packaged:
    template_path: Path
    template: dict[str, Any]
    zip_path: Path

    @property
    def resources(self) -> dict[str, Any]:
        return self.template["Resources"]

    def zip_names(self) -> set[str]:
        with zipfile.ZipFile(self.zip_path) as z:
            return set(z.namelist())

    def zip_read(self, name: str) -> bytes:
        with zipfile.ZipFile(self.zip_path) as z:
            return z.read(name)


@pytest.fixture(scope="session")
def packaged(tmp_path_factory) -> Packaged:
    """`chalice package --merge-template` output (Chalice's dependency cache in build/ is reused)."""
    out = tmp_path_factory.mktemp("package") / "out"
    path = package.package(out, region="ap-northeast-1")
    return Packaged(path, json.loads(path.read_text(encoding="utf-8")), out / "deployment.zip")


@pytest.fixture(scope="session")
def resources_template() -> dict[str, Any]:
    """infra/resources.yaml in long form, as it is merged."""
    return package.load_template(package.RESOURCES)


# moto, in-process, with the template deployed as the local stack deploys it.
from tests.integration.conftest import aws, ddb, table  # noqa: E402,F401
