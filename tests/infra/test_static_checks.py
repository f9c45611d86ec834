"""cfn-lint and checkov on the packaged template, as `make test` runs them (own environment)."""
from __future__ import annotations

import pytest

from infra import checks


@pytest.fixture(scope="module")
def tools():
    try:
        checks._tool("cfn-lint"), checks._tool("checkov")
    except checks.ToolMissing as exc:
        pytest.fail(str(exc))


def test_cfn_lint_finds_nothing_in_the_packaged_template(tools, packaged):
    assert checks.cfn_lint(packaged.template_path) == []


def test_cfn_lint_finds_nothing_in_the_web_acl_template(tools):
    from infra.deploy import WAF_REGION, WAF_TEMPLATE

    assert checks.cfn_lint(WAF_TEMPLATE, region=WAF_REGION) == []


def test_checkov_fails_no_check_but_the_waived_ones_and_every_waiver_is_still_needed(tools, packaged):
    unwaived, stale = checks.compare(checks.checkov_failures(packaged.template_path), checks.waivers())
    assert [str(f) for f in unwaived] == [], "fix these, or waive them with a reason in infra/checkov-waivers.yaml"
    assert [str(f) for f in stale] == [], "these waivers match no finding any more: delete them"


def test_a_waiver_without_a_reason_is_refused(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text("CKV_AWS_1:\n  reason: ''\n  resources: [AWS::S3::Bucket.B]\n")
    with pytest.raises(ValueError, match="no reason"):
        checks.waivers(path)


def test_the_linters_see_a_broken_template(tools, packaged, tmp_path):
    """Guard against a check that passes because it looked at nothing."""
    import json

    broken = json.loads(packaged.template_path.read_text())
    broken["Resources"]["SiteBucket"]["Properties"]["PublicAccessBlockConfiguration"]["BlockPublicAcls"] = False
    broken["Resources"]["RequestsTable"]["Properties"]["NoSuchProperty"] = 1
    path = tmp_path / "sam.json"
    path.write_text(json.dumps(broken))
    assert any("NoSuchProperty" in line for line in checks.cfn_lint(path))
    unwaived, _ = checks.compare(checks.checkov_failures(path), checks.waivers())
    assert checks.Finding("CKV_AWS_53", "AWS::S3::Bucket.SiteBucket") in unwaived
