"""`make package`: the Lambda package and the one CloudFormation template for AWS.

    python -m infra.package [--out build/package] [--region ap-northeast-1]

1. stages functions/ in build/lambda-src/ with the catalog bundled as chalicelib/catalog_data/
   (the Lambda package has no content/ folder); staging keeps the working tree free of a
   stale copy that the local stack would otherwise read instead of content/catalog;
2. merges infra/resources.yaml and infra/functions.yaml into one merge template;
3. runs `chalice package --merge-template` into --out: sam.json + deployment.zip;
4. puts API Gateway's Cognito authorizer in front of the staff routes (infra/staff_authorizer.py)."""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from infra.staff_authorizer import guard_staff_routes

ROOT = Path(__file__).resolve().parent.parent
INFRA = ROOT / "infra"
FUNCTIONS = ROOT / "functions"
CATALOG = ROOT / "content" / "catalog"
TRAININGS = ROOT / "content" / "data" / "trainings.yml"  # the API reads trainings through the catalog
RESOURCES = INFRA / "resources.yaml"
FUNCTIONS_GLUE = INFRA / "functions.yaml"
CHALICE_STAGE = "dev"
# Any value works at package time: it only makes app.py register the stream handler, and
# infra/functions.yaml replaces it with the table's real stream ARN.
PACKAGE_TIME_STREAM_ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/packaging/stream/placeholder"


def load_template(path: Path) -> dict[str, Any]:
    """A CloudFormation YAML file with short-form tags turned into their long form (Fn::…)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LongFormLoader)  # noqa: S506


def merge_templates(*parts: dict[str, Any]) -> dict[str, Any]:
    """Top-level sections joined; within Resources/Outputs, a logical id may appear once per
    file, except that a later file may extend a resource an earlier file does not define
    (functions.yaml extends Chalice's resources, which neither file defines)."""
    merged: dict[str, Any] = {}
    for part in parts:
        for section, body in part.items():
            if not isinstance(body, dict):
                merged.setdefault(section, body)
                continue
            target = merged.setdefault(section, {})
            clash = set(target) & set(body)
            if clash and section != "Globals":
                raise ValueError(f"{section}: {sorted(clash)} defined twice")
            target.update(body)
    return merged


def stage_sources(stage_dir: Path) -> None:
    """A copy of functions/ with the catalog inside; Chalice's dependency cache is kept."""
    cache = stage_dir / ".chalice" / "deployments"
    keep = stage_dir.parent / ".chalice-deployments-cache"
    if cache.is_dir():
        shutil.rmtree(keep, ignore_errors=True)
        cache.rename(keep)
    shutil.rmtree(stage_dir, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "catalog_data", "deployments", "*.egg-info")
    shutil.copytree(FUNCTIONS, stage_dir, ignore=ignore)
    bundled = stage_dir / "chalicelib" / "catalog_data"
    bundled.mkdir()
    for source in [*sorted(CATALOG.glob("*.yml")), TRAININGS]:
        shutil.copy2(source, bundled / source.name)
    if keep.is_dir():
        keep.rename(cache)


def package(out: Path, region: str, work: Path | None = None) -> Path:
    """Build into `out`; return the path of the packaged template."""
    work = work or ROOT / "build" / "lambda-src"
    stage_sources(work)
    merge = work.parent / "merge-template.json"
    merge.write_text(json.dumps(merge_templates(load_template(RESOURCES), load_template(FUNCTIONS_GLUE)),
                                indent=1, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "AWS_DEFAULT_REGION": region, "TABLE_STREAM_ARN": PACKAGE_TIME_STREAM_ARN,
           "AWS_EC2_METADATA_DISABLED": "true"}
    chalice = Path(sys.executable).with_name("chalice")
    subprocess.run([str(chalice), "--project-dir", str(work), "package", "--stage", CHALICE_STAGE,
                    "--merge-template", str(merge), "--template-format", "json", str(out)],
                   check=True, env=env, cwd=work)
    template_path = out / "sam.json"
    template = json.loads(template_path.read_text(encoding="utf-8"))
    guard_staff_routes(template)
    template_path.write_text(json.dumps(template, indent=2, ensure_ascii=False), encoding="utf-8")
    return template_path


class _LongFormLoader(yaml.SafeLoader):
    """Reads !Ref, !GetAtt, !Sub … as {"Ref": …}, {"Fn::GetAtt": […]}, {"Fn::Sub": …}."""


def _long_form(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    key = suffix if suffix in ("Ref", "Condition") else f"Fn::{suffix}"
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
        if suffix == "GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return {key: value}


_LongFormLoader.add_multi_constructor("!", _long_form)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "package")
    parser.add_argument("--region", default=os.environ.get("AWS_REGION", "ap-northeast-1"),
                        help="the Region the package is for (service principals differ in China)")
    args = parser.parse_args()
    template = package(args.out.resolve(), args.region)
    print(f"packaged: {template.relative_to(ROOT)} and {(args.out / 'deployment.zip')}")


if __name__ == "__main__":
    main()
