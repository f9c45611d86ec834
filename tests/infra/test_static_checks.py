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


def test_the_staff_pages_policy_in_aws_is_the_one_their_pages_carry():
    """CloudFront sends the workbench's Content-Security-Policy as a header (frame-ancestors needs
    one); it must be the policy the pages' meta tag carries (site/hooks/staff_pages.py)."""
    import sys

    from infra.local_aws import _CfnLoader
    from infra.package import RESOURCES

    sys.path.insert(0, str(RESOURCES.parent.parent / "site" / "hooks"))
    try:
        from staff_pages import CSP
    finally:
        sys.path.pop(0)
    import yaml

    resources = yaml.load(RESOURCES.read_text(encoding="utf-8"), Loader=_CfnLoader)["Resources"]  # noqa: S506
    config = resources["StaffHeadersPolicy"]["Properties"]["ResponseHeadersPolicyConfig"]
    assert config["SecurityHeadersConfig"]["ContentSecurityPolicy"]["ContentSecurityPolicy"] == CSP
    behaviors = resources["SiteDistribution"]["Properties"]["DistributionConfig"]["CacheBehaviors"]
    assert {b["PathPattern"] for b in behaviors if b.get("ResponseHeadersPolicyId") == "StaffHeadersPolicy"} == {
        "/staff/*", "/en/staff/*"}
