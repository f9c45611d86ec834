"""The pieces of `make deploy` that need no real account: configuration checks, parameters,
code location, and the site upload + invalidation (against moto). The deployment itself is
never run by the tests."""
from __future__ import annotations

import json

import boto3
import pytest
import yaml

from chalicelib.catalog import load_catalog
from infra import deploy


def addresses() -> dict:
    return {d.id: {"email": f"{d.id}@departments.example.gov.cn", "mobile": f"1390000{i:04d}"}
            for i, d in enumerate(load_catalog().departments)}


def stage_file(tmp_path, **overrides):
    data = {"sender_email": "no-reply@portal.example.gov.cn", "department_addresses": "deps.yaml", **overrides}
    (tmp_path / "deps.yaml").write_text(yaml.safe_dump(addresses()))
    path = tmp_path / "prod.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_a_complete_stage_file_becomes_the_stack_parameters(tmp_path):
    config = deploy.load_config(stage_file(tmp_path, alarm_email="ops@example.gov.cn"))
    keys = {"WindowLinkKey": "k" * 40, "AccessTokenKey": "t" * 40}
    params = {p["ParameterKey"]: p for p in deploy.stack_parameters(config, "prod", keys, {})}
    assert params["Target"]["ParameterValue"] == "aws"
    assert params["TableName"]["ParameterValue"] == "proactive-service-prod"
    assert params["SenderEmail"]["ParameterValue"] == "no-reply@portal.example.gov.cn"
    assert params["AlarmEmail"]["ParameterValue"] == "ops@example.gov.cn"
    assert set(yaml.safe_load(params["DepartmentAddresses"]["ParameterValue"])) == {d.id for d in load_catalog().departments}
    assert params["WindowLinkKey"]["ParameterValue"] == "k" * 40
    assert params["AccessTokenKey"]["ParameterValue"] == "t" * 40


def test_every_stage_key_is_a_parameter_of_the_template(resources_template):
    assert set(deploy.CONFIG_PARAMETERS.values()) <= set(resources_template["Parameters"])


def test_an_update_keeps_the_link_key_and_the_address_set_the_first_time(tmp_path):
    config = deploy.load_config(stage_file(tmp_path))
    previous = {"WindowLinkKey": "****", "AccessTokenKey": "****", "PublicBaseUrl": "https://d1.cloudfront.net"}
    params = {p["ParameterKey"]: p for p in deploy.stack_parameters(config, "prod", {}, previous)}
    assert params["WindowLinkKey"] == {"ParameterKey": "WindowLinkKey", "UsePreviousValue": True}
    assert params["AccessTokenKey"] == {"ParameterKey": "AccessTokenKey", "UsePreviousValue": True}
    assert params["PublicBaseUrl"] == {"ParameterKey": "PublicBaseUrl", "UsePreviousValue": True}
    with pytest.raises(deploy.ConfigError, match="WINDOW_LINK_KEY"):
        deploy.stack_parameters(config, "prod", {"AccessTokenKey": "t" * 40}, {})
    with pytest.raises(deploy.ConfigError, match="ACCESS_TOKEN_KEY"):
        deploy.stack_parameters(config, "prod", {"WindowLinkKey": "k" * 40}, {})


@pytest.mark.parametrize("change, message", [
    ({"sender_email": "no-reply@portal.example.org"}, "sender_email"),
    ({"department_addresses": {"fire-design-division": {"email": "a@b.cn", "mobile": "13900000000"}}}, "no entry for"),
    ({"sms_price": 1}, "unknown keys"),
])
def test_a_wrong_stage_file_is_refused_before_anything_is_deployed(tmp_path, change, message):
    with pytest.raises(deploy.ConfigError, match=message):
        deploy.load_config(stage_file(tmp_path, **change))


def test_the_address_template_lists_every_department():
    assert set(yaml.safe_load(deploy.address_template())) == {d.id for d in load_catalog().departments}


def test_the_functions_run_the_uploaded_package(packaged):
    template = deploy.with_code_location(packaged.template, "artifacts", "prod/abc.zip")
    uris = {r["Properties"]["CodeUri"] for r in template["Resources"].values() if r["Type"] == "AWS::Serverless::Function"}
    assert uris == {"s3://artifacts/prod/abc.zip"}
    assert packaged.template["Resources"]["APIHandler"]["Properties"]["CodeUri"] == "./deployment.zip"  # unchanged


def test_the_site_is_synced_with_types_and_the_cache_is_invalidated(aws, tmp_path):
    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    (site / "index.html").write_text("<p>首页</p>", encoding="utf-8")
    (site / "en" / "index.html").write_text("<p>home</p>")
    (site / "app.js").write_text("1")
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="site")
    s3.put_object(Bucket="site", Key="old/index.html", Body=b"gone")
    assert deploy.upload_site(s3, "site", site) == (3, 1)
    head = s3.head_object(Bucket="site", Key="index.html")
    assert head["ContentType"] == "text/html; charset=utf-8" and head["CacheControl"] == deploy.HTML_CACHE
    assert s3.head_object(Bucket="site", Key="app.js")["ContentType"].endswith("javascript; charset=utf-8")
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket="site")["Contents"]}
    assert keys == {"index.html", "en/index.html", "app.js"}

    cf = boto3.client("cloudfront")
    dist = cf.create_distribution(DistributionConfig={
        "CallerReference": "t", "Comment": "", "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [{"Id": "s", "DomainName": "site.s3.amazonaws.com",
                                               "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
        "DefaultCacheBehavior": {"TargetOriginId": "s", "ViewerProtocolPolicy": "redirect-to-https",
                                 "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6"}})["Distribution"]
    inv = deploy.invalidate(cf, dist["Id"], "ref-1")
    paths = cf.get_invalidation(DistributionId=dist["Id"], Id=inv)["Invalidation"]["InvalidationBatch"]["Paths"]
    assert paths["Items"] == ["/*"]


def test_the_web_acl_goes_to_us_east_1_and_its_arn_to_the_portal_stack(tmp_path):
    config = deploy.load_config(stage_file(tmp_path))
    assert config.web_acl is True
    assert deploy.web_acl_region(config, "ap-northeast-1") == "us-east-1"
    assert deploy.web_acl_region(config, "cn-northwest-1") is None  # WAF is regional only there
    off = deploy.load_config(stage_file(tmp_path, web_acl=False))
    assert deploy.web_acl_region(off, "ap-northeast-1") is None
    keys = {"WindowLinkKey": "k" * 40, "AccessTokenKey": "t" * 40}
    arn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/p/1"
    params = {p["ParameterKey"]: p["ParameterValue"] for p in deploy.stack_parameters(config, "prod", keys, {}, arn)}
    assert params["WebAclArn"] == arn
    with pytest.raises(deploy.ConfigError, match="web_acl must be true or false"):
        deploy.load_config(stage_file(tmp_path, web_acl="yes"))


def test_the_web_acl_template_limits_the_api_per_address():
    from infra import package

    acl = package.load_template(deploy.WAF_TEMPLATE)["Resources"]["PortalWebAcl"]["Properties"]
    assert acl["Scope"] == "CLOUDFRONT"
    (rule,) = acl["Rules"]
    statement = rule["Statement"]["RateBasedStatement"]
    assert statement["AggregateKeyType"] == "IP"
    assert statement["ScopeDownStatement"]["ByteMatchStatement"]["SearchString"] == "/api/"
    assert rule["Action"]["Block"]["CustomResponse"]["ResponseCode"] == 429
    body = json.loads(acl["CustomResponseBodies"]["TooMany"]["Content"])
    assert body["error"]["message"]["zh"] and body["error"]["message"]["en"]


def test_officers_sign_in_with_the_stages_cognito_pool_or_its_own_provider(tmp_path, monkeypatch):
    import boto3
    from moto import mock_aws

    from infra import deploy

    for var in ("AWS_ENDPOINT_URL", "AWS_PROFILE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        idp = boto3.client("cognito-idp", region_name="us-east-1")
        made = deploy.identity_parameters(deploy.StageConfig({}), "prod", "us-east-1", idp)
        again = deploy.identity_parameters(deploy.StageConfig({}), "prod", "us-east-1", idp)
        assert made == again and made["OidcAudience"] == made["CognitoClientId"]
        assert made["OidcIssuer"] == f"https://cognito-idp.us-east-1.amazonaws.com/{made['CognitoUserPoolId']}"
    sso = deploy.StageConfig({}, oidc={"issuer": "https://sso.example.gov.cn", "audience": "portal"})
    assert deploy.identity_parameters(sso, "prod", "cn-north-1") == {"OidcIssuer": "https://sso.example.gov.cn",
                                                                    "OidcAudience": "portal"}
    with pytest.raises(deploy.ConfigError, match="China"):
        deploy.identity_parameters(deploy.StageConfig({}), "prod", "cn-northwest-1")
