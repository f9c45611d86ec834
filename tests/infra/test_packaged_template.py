"""The packaged template wires Chalice's functions to the resources of infra/resources.yaml."""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from chalicelib.config import Config
from infra import package

ROOT = Path(__file__).resolve().parents[2]
FUNCTIONS = {"APIHandler": ("ApiFunctionRole", "api"),
             "OnOutboxRecord": ("StreamDispatcherRole", "dispatch-stream"),
             "DispatchDueMessages": ("ScheduledDispatcherRole", "dispatch-due")}


def load_app_with_stream(monkeypatch):
    """functions/app.py imported as Lambda imports it in AWS (TABLE_STREAM_ARN set), as a second
    app in this process: the blueprints it registers are handed back to the first after the test."""
    from chalicelib.api import interop, public, staff, trainings

    for audience in (public, staff, trainings, interop):
        monkeypatch.setattr(audience.blueprint, "_current_app", getattr(audience.blueprint, "_current_app", None),
                            raising=False)
    monkeypatch.setenv("TABLE_STREAM_ARN", package.PACKAGE_TIME_STREAM_ARN)
    spec = importlib.util.spec_from_file_location("app_in_aws", ROOT / "functions" / "app.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_functions_are_the_handlers_of_app_py_with_their_own_roles_names_and_logs(packaged, monkeypatch):
    functions = {k: v for k, v in packaged.resources.items() if v["Type"] == "AWS::Serverless::Function"}
    assert set(functions) == set(FUNCTIONS)
    app = load_app_with_stream(monkeypatch)
    for logical_id, (role, suffix) in FUNCTIONS.items():
        props = functions[logical_id]["Properties"]
        handler = props["Handler"].removeprefix("app.")
        assert callable(getattr(app, handler)), f"{logical_id}: app.{handler} is not defined"
        assert props["Role"] == {"Fn::GetAtt": [role, "Arn"]}
        assert props["FunctionName"] == {"Fn::Sub": f"${{AWS::StackName}}-{suffix}"}
        log_group = packaged.resources[functions[logical_id]["DependsOn"]]
        assert log_group["Properties"]["LogGroupName"] == {"Fn::Sub": f"/aws/lambda/${{AWS::StackName}}-{suffix}"}
    # Chalice's own all-powerful role is gone: every role is one of ours.
    roles = {k for k, v in packaged.resources.items() if v["Type"] == "AWS::IAM::Role"}
    assert "DefaultRole" not in roles


def test_every_setting_of_the_configuration_is_set_from_the_stack(packaged):
    documented = set(Config.variables())
    assert {"TABLE_NAME", "SENDER_EMAIL", "DEPARTMENT_ADDRESSES", "ACCESS_TOKEN_KEY"} <= documented
    variables = packaged.template["Globals"]["Function"]["Environment"]["Variables"]
    not_from_the_stack = {"DEPARTMENT_ADDRESSES_FILE",  # the alternative to DEPARTMENT_ADDRESSES
                          "AWS_LAMBDA_FUNCTION_NAME"}  # Lambda sets it itself
    assert set(variables) == documented - not_from_the_stack
    assert variables["TABLE_NAME"] == {"Ref": "RequestsTable"}
    assert variables["TABLE_STREAM_ARN"] == {"Fn::GetAtt": ["RequestsTable", "StreamArn"]}
    assert variables["SES_CONFIGURATION_SET"] == {"Ref": "EmailConfigurationSet"}
    # No function overrides a global with Chalice's config values (a function-level value wins).
    for name in FUNCTIONS:
        assert "Environment" not in packaged.resources[name]["Properties"]


def test_the_stream_mapping_reports_partial_failures_and_ends_in_the_dead_letter_queue(packaged):
    events = packaged.resources["OnOutboxRecord"]["Properties"]["Events"]
    (event,) = events.values()
    assert event["Type"] == "DynamoDB"
    props = event["Properties"]
    assert props["Stream"] == {"Fn::GetAtt": ["RequestsTable", "StreamArn"]}
    assert props["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert props["DestinationConfig"]["OnFailure"]["Destination"] == {"Fn::GetAtt": ["DispatchDeadLetterQueue", "Arn"]}
    assert 0 < props["MaximumRetryAttempts"] <= 10


def test_the_scheduled_dispatcher_runs_every_minute(packaged):
    (event,) = packaged.resources["DispatchDueMessages"]["Properties"]["Events"].values()
    assert event == {"Type": "Schedule", "Properties": {"Schedule": "rate(1 minute)"}}


def test_the_api_is_throttled(packaged):
    api = packaged.resources["RestAPI"]["Properties"]
    (setting,) = api["MethodSettings"]
    assert (setting["ResourcePath"], setting["HttpMethod"]) == ("/*", "*")
    assert setting["ThrottlingRateLimit"] == {"Ref": "ApiThrottleRate"}
    assert setting["ThrottlingBurstLimit"] == {"Ref": "ApiThrottleBurst"}


def test_cloudfront_serves_the_private_site_and_routes_api_to_api_gateway(packaged):
    res = packaged.resources
    config = res["SiteDistribution"]["Properties"]["DistributionConfig"]
    origins = {o["Id"]: o for o in config["Origins"]}
    assert origins["site"]["OriginAccessControlId"] == {"Fn::GetAtt": ["SiteOriginAccessControl", "Id"]}
    assert origins["site"]["DomainName"] == {"Fn::GetAtt": ["SiteBucket", "RegionalDomainName"]}
    api_origin = origins["api"]
    assert "${RestAPI}.execute-api." in api_origin["DomainName"]["Fn::Sub"]
    # Chalice's routes start with /api/ and its stage is named api: /api/x → <stage>/api/x.
    assert api_origin["OriginPath"] == "/" + res["RestAPI"]["Properties"]["StageName"]
    (api_behaviour,) = [b for b in config["CacheBehaviors"] if b["PathPattern"] == "/api/*"]
    assert api_behaviour["PathPattern"] == "/api/*" and api_behaviour["TargetOriginId"] == "api"
    assert {"POST", "GET"} <= set(api_behaviour["AllowedMethods"])
    assert api_behaviour["CachePolicyId"] == "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"  # CachingDisabled
    assert config["DefaultCacheBehavior"]["TargetOriginId"] == "site"
    # The bucket is private: every public path blocked, read only by this distribution.
    block = res["SiteBucket"]["Properties"]["PublicAccessBlockConfiguration"]
    assert all(block.values()) and len(block) == 4
    allow = [s for s in res["SiteBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"] if s["Effect"] == "Allow"]
    assert allow == [{**allow[0], "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject"}]
    assert "${SiteDistribution}" in allow[0]["Condition"]["StringEquals"]["AWS:SourceArn"]["Fn::Sub"]


def test_alarms_watch_the_dead_letter_queue_the_dispatchers_and_the_api_5xx_rate(packaged):
    res = packaged.resources
    alarms = {k: v["Properties"] for k, v in res.items() if v["Type"] == "AWS::CloudWatch::Alarm"}
    dlq = alarms["DeadLetterAlarm"]
    assert dlq["Dimensions"] == [{"Name": "QueueName", "Value": {"Fn::GetAtt": ["DispatchDeadLetterQueue", "QueueName"]}}]
    watched = {m["MetricStat"]["Metric"]["Dimensions"][0]["Value"]["Fn::Sub"]
               for m in alarms["DispatcherErrorsAlarm"]["Metrics"] if "MetricStat" in m}
    assert watched == {res[f]["Properties"]["FunctionName"]["Fn::Sub"] for f in ("OnOutboxRecord", "DispatchDueMessages")}
    api_names = {d["Value"]["Ref"] for m in alarms["Api5xxRateAlarm"]["Metrics"] if "MetricStat" in m
                 for d in m["MetricStat"]["Metric"]["Dimensions"] if d["Name"] == "ApiName"}
    assert api_names == {res["RestAPI"]["Properties"]["Name"]["Ref"]}
    assert all(a["AlarmActions"] == [{"Ref": "AlarmTopic"}] for a in alarms.values())


def test_an_alarm_fires_on_any_message_failed_for_good_on_either_channel(packaged):
    from chalicelib.service_layer import metrics

    alarm = packaged.resources["MessagesFailedAlarm"]["Properties"]
    stats = [m["MetricStat"]["Metric"] for m in alarm["Metrics"] if "MetricStat" in m]
    assert {(s["Namespace"], s["MetricName"]) for s in stats} == {("Portal/Notifications", metrics._NAMES["failed"])}
    assert sorted(s["Dimensions"][0]["Value"] for s in stats) == ["email", "sms"]
    assert (alarm["Threshold"], alarm["ComparisonOperator"]) == (1, "GreaterThanOrEqualToThreshold")


def test_the_lambda_package_bundles_the_catalog_and_the_trainings(packaged):
    names = packaged.zip_names()
    assert "app.py" in names and not [n for n in names if ".egg-info" in n or n == "pyproject.toml"]
    sources = sorted((ROOT / "content" / "catalog").glob("*.yml")) + [ROOT / "content" / "data" / "trainings.yml"]
    assert len(sources) > 1
    for source in sources:
        assert packaged.zip_read(f"chalicelib/catalog_data/{source.name}") == source.read_bytes()
    # The working tree keeps no bundled copy that would shadow content/catalog locally.
    assert not (ROOT / "functions" / "chalicelib" / "catalog_data").exists()


def test_the_aws_template_holds_the_resources_template_unchanged(packaged, resources_template):
    for logical_id, resource in resources_template["Resources"].items():
        assert packaged.resources[logical_id] == resource, logical_id
    assert packaged.template["Parameters"] == resources_template["Parameters"]


@pytest.mark.parametrize("section", ["Resources", "Outputs"])
def test_merging_refuses_a_logical_id_defined_twice(section):
    with pytest.raises(ValueError, match="defined twice"):
        package.merge_templates({section: {"A": {}}}, {section: {"A": {}}})


def test_the_stacks_default_limits_are_the_domains(resources_template):
    from chalicelib.domain.limits import Limits

    params, limits = resources_template["Parameters"], Limits()
    assert (params["LimitSubmissionsPerHour"]["Default"], params["LimitAckSmsPerHour"]["Default"],
            params["LimitWrongSecretsPer10Minutes"]["Default"]) == (limits.submit.most, limits.ack_sms.most,
                                                                     limits.secret.most)


def test_api_gateway_checks_officers_tokens_on_every_staff_route_but_sign_in(packaged):
    from chalicelib.api.errors import error_body
    from infra import staff_authorizer

    body = packaged.resources["RestAPI"]["Properties"]["DefinitionBody"]
    guarded = {(path, method) for path, ops in body["paths"].items() for method, op in ops.items()
               if isinstance(op, dict) and "security" in op}
    staff = {(path, method) for path, ops in body["paths"].items() if path.startswith("/api/staff/")
             for method in ops if method in staff_authorizer.METHODS}
    assert guarded == staff - {("/api/staff/session", "post")}
    assert ("/api/staff/queue", "get") in guarded and ("/api/staff/session", "delete") in guarded
    assert not any(path.startswith(("/api/requests", "/api/trainings")) for path, _ in guarded)
    for path, method in guarded:
        assert body["paths"][path][method]["security"]["Fn::If"][1] == [{"officers": []}]
    condition, pool, _ = body["securityDefinitions"]["Fn::If"]
    assert packaged.template["Conditions"][condition] == {"Fn::Not": [{"Fn::Equals": [{"Ref": "CognitoUserPoolId"}, ""]}]}
    authorizer = pool["officers"]["x-amazon-apigateway-authorizer"]
    assert authorizer["type"] == "cognito_user_pools" and "${CognitoUserPoolId}" in authorizer["providerARNs"][0]["Fn::Sub"]
    assert pool["officers"]["name"] == "Authorization"
    unauthorized = body["x-amazon-apigateway-gateway-responses"]["UNAUTHORIZED"]
    assert unauthorized["statusCode"] == 401
    assert json.loads(unauthorized["responseTemplates"]["application/json"]) == error_body("unauthorized")


def test_the_lambda_package_holds_the_notices_pdf_library_and_the_pinned_font(packaged):
    import hashlib

    names = packaged.zip_names()
    assert any(n.startswith("reportlab/") for n in names) and any(n.startswith("PIL/") for n in names)
    assert [n for n in names if n.startswith("PIL/") and n.endswith(".so")], "Pillow as a Lambda-compatible wheel"
    expected = (ROOT / "functions" / "chalicelib" / "fonts" / "SHA256SUMS").read_text().split()[0]
    assert hashlib.sha256(packaged.zip_read("chalicelib/fonts/wqy-microhei.ttc")).hexdigest() == expected


def test_api_gateway_returns_the_attendance_xlsx_as_bytes_and_the_package_has_openpyxl(packaged):
    from chalicelib.api.organiser import XLSX

    body = packaged.resources["RestAPI"]["Properties"]["DefinitionBody"]
    assert XLSX in body["x-amazon-apigateway-binary-media-types"]
    assert any(n.startswith("openpyxl/") for n in packaged.zip_names())
