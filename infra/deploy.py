"""`make deploy STAGE=…`: put one stage of the portal into an AWS account (infra/README.md).

    WINDOW_LINK_KEY=… ACCESS_TOKEN_KEY=… python -m infra.deploy --stage prod --region ap-northeast-1 \\
        --config infra/stages/prod.yaml --package build/package --site build/site

1. checks the stage's configuration (department contacts against the catalog, sender address);
2. uploads the Lambda package and the template to an artifacts bucket of the account;
3. deploys the web ACL (infra/waf.yaml) as `proactive-service-<stage>-waf` in us-east-1, where
   CloudFront's web ACLs must live (unless the stage file says `web_acl: false`);
4. creates or updates the stack `proactive-service-<stage>` through a change set (what the
   AWS CLI's `cloudformation deploy` does: SAM's transform runs in CloudFormation);
5. on a first deployment without a public_base_url, sets it to the distribution's address;
6. builds the site again for the stage's public base URL (canonical links, sitemaps, robots.txt
   and the feeds carry it: chalicelib.config.site_base_url), uploads it to the site bucket
   (removing pages that are gone) and invalidates CloudFront's cache; it prints how to make the
   stage's window posters (`make qr` with the same base URL and WINDOW_LINK_KEY).

Never run by the tests (they check its helpers against moto); it needs real credentials."""
from __future__ import annotations

import argparse
import hashlib
import json
import mimetypes
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

ROOT = Path(__file__).resolve().parent.parent
APP = "proactive-service"
# Parameters a stage file may set, and the template parameter each one becomes.
CONFIG_PARAMETERS = {"sender_email": "SenderEmail", "sms_sender_id": "SmsSenderId",
                     "sms_monthly_spend_limit": "SmsMonthlySpendLimit", "public_base_url": "PublicBaseUrl",
                     "domain_name": "DomainName", "certificate_arn": "CertificateArn",
                     "alarm_email": "AlarmEmail", "api_throttle_rate": "ApiThrottleRate",
                     "api_throttle_burst": "ApiThrottleBurst", "log_retention_days": "LogRetentionDays",
                     "sample_figures": "SampleFigures"}
WAF_TEMPLATE = ROOT / "infra" / "waf.yaml"
WAF_REGION = "us-east-1"  # CloudFront's web ACLs live there whatever the portal's Region
HTML_CACHE = "public, max-age=300"      # pages change with each deployment (and are invalidated)
ASSET_CACHE = "public, max-age=86400"


class ConfigError(ValueError):
    """The stage file is incomplete or wrong; the message says what to fix."""


@dataclass(frozen=True)
class StageConfig:
    parameters: dict[str, str]
    department_addresses: dict[str, Any] = field(default_factory=dict)
    web_acl: bool = True
    oidc: dict[str, str] = field(default_factory=dict)  # another OpenID Connect provider than Cognito


# A stage's `oidc:` keys (a government single sign-on instead of Cognito) and their parameters.
OIDC_PARAMETERS = {"issuer": "OidcIssuer", "audience": "OidcAudience", "jwks_url": "OidcJwksUrl",
                   "groups_claim": "OidcGroupsClaim", "username_claim": "OidcUsernameClaim"}


def load_config(path: Path) -> StageConfig:
    """Read and check a stage file (infra/stages/example.yaml shows every key)."""
    if not path.is_file():
        raise ConfigError(f"{path}: no such stage file (copy infra/stages/example.yaml)")
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    unknown = set(raw) - set(CONFIG_PARAMETERS) - {"department_addresses", "web_acl", "oidc"}
    if unknown:
        raise ConfigError(f"{path}: unknown keys {sorted(unknown)}")
    sender = str(raw.get("sender_email", ""))
    if "@" not in sender or sender.split("@", 1)[1].endswith(("example.org", "example.com", "example.test")):
        raise ConfigError(f"{path}: sender_email must be a real address of a domain you control")
    addresses = raw.get("department_addresses")
    if isinstance(addresses, str):  # a file beside the stage file
        addresses = yaml.safe_load((path.parent / addresses).read_text(encoding="utf-8"))
    _check_addresses(addresses, path)
    web_acl = raw.get("web_acl", True)
    if not isinstance(web_acl, bool):
        raise ConfigError(f"{path}: web_acl must be true or false")
    oidc = raw.get("oidc") or {}
    if not isinstance(oidc, dict) or set(oidc) - set(OIDC_PARAMETERS) or (oidc and not {"issuer", "audience"} <= set(oidc)):
        raise ConfigError(f"{path}: oidc needs issuer and audience (and may set {sorted(OIDC_PARAMETERS)})")
    params = {CONFIG_PARAMETERS[k]: str(v) for k, v in raw.items() if k in CONFIG_PARAMETERS and v is not None}
    return StageConfig(params, addresses, web_acl, {k: str(v) for k, v in oidc.items()})


def identity_parameters(config: StageConfig, stage: str, region: str, cognito: Any = None) -> dict[str, str]:
    """The officers' sign-in: the stage's own OpenID Connect provider, or the stage's Cognito
    pool, made or completed by infra/identity.py (the code the local stack runs). Cognito user
    pools are not offered in the China Regions: there a stage must name its provider."""
    if config.oidc:
        return {OIDC_PARAMETERS[k]: v for k, v in config.oidc.items()}
    if region.startswith("cn-"):
        raise ConfigError("Cognito user pools are not offered in the China Regions: set `oidc:` (issuer, "
                          "audience) in the stage file to the single sign-on the officers use (infra/README.md)")
    from chalicelib.catalog import load_catalog
    from infra.identity import ensure_identity

    identity = ensure_identity(cognito, f"{APP}-{stage}", (d.id for d in load_catalog().departments), region)
    return {"OidcIssuer": identity.issuer, "OidcAudience": identity.client_id,
            "CognitoUserPoolId": identity.pool_id, "CognitoClientId": identity.client_id}


def _check_addresses(addresses: Any, path: Path) -> None:
    """Every department of the catalog needs an email and a mainland mobile (the API's own check)."""
    from chalicelib.catalog import load_catalog
    from chalicelib.domain.addresses import AddressBookError, parse_address_book

    try:
        parse_address_book(addresses, load_catalog())
    except AddressBookError as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def address_template() -> str:
    """A department_addresses file to fill in: one entry per department of the catalog."""
    from chalicelib.catalog import load_catalog

    lines = ["# Fill in every department's duty email and mainland mobile (+86…)."]
    for d in load_catalog().departments:
        lines += [f"{d.id}:  # {d.name.zh}", "  email: ''", "  mobile: ''"]
    return "\n".join(lines) + "\n"


# Secret parameters, given by environment variable (never written to a stage file): the key of
# the windows' QR links (make qr needs the same) and the key access tokens are derived from.
SECRET_PARAMETERS = {"WindowLinkKey": "WINDOW_LINK_KEY", "AccessTokenKey": "ACCESS_TOKEN_KEY"}


def stack_parameters(config: StageConfig, stage: str, secrets: dict[str, str | None],
                     previous: dict[str, str], web_acl_arn: str = "") -> list[dict[str, Any]]:
    """CloudFormation parameters. An update would reset an omitted parameter to its default, so
    the keys and the address set on the first deployment are carried over explicitly.
    `secrets` maps each of SECRET_PARAMETERS to its value from the environment (or None)."""
    values = {"Target": "aws", "TableName": f"{APP}-{stage}", **config.parameters, "WebAclArn": web_acl_arn,
              "DepartmentAddresses": json.dumps(config.department_addresses, ensure_ascii=False,
                                                separators=(",", ":"))}
    params = [{"ParameterKey": k, "ParameterValue": v} for k, v in values.items()]
    if "PublicBaseUrl" not in values and previous.get("PublicBaseUrl"):
        params.append({"ParameterKey": "PublicBaseUrl", "UsePreviousValue": True})
    for parameter, variable in SECRET_PARAMETERS.items():
        if secrets.get(parameter):
            params.append({"ParameterKey": parameter, "ParameterValue": secrets[parameter]})
        elif parameter in previous:
            params.append({"ParameterKey": parameter, "UsePreviousValue": True})
        else:
            raise ConfigError(f"{variable} is not set: a first deployment needs it "
                              "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(32))')")
    return params


def stage_base_url(config: StageConfig, previous: dict[str, str], out: dict[str, str]) -> str:
    """The stage's one public base URL: its stage file's public_base_url, else the one set at an
    earlier deployment, else the distribution's address (`out`: the stack's outputs)."""
    base = (config.parameters.get("PublicBaseUrl") or previous.get("PublicBaseUrl")
            or f"https://{out['DistributionDomainName']}")
    return base.rstrip("/")


def site_build_env(base: str) -> dict[str, str]:
    """The environment the site is built in for a stage: its base URL, whatever the shell's
    (the Makefile exports the local one)."""
    return {**os.environ, "PUBLIC_BASE_URL": base, "NO_MKDOCS_2_WARNING": "1",
            "PYTHONWARNINGS": "ignore::DeprecationWarning"}


def build_site(base: str, site: Path) -> None:
    """Both languages built for `base` into `site` and `site/en`, as `make site` builds them."""
    for config_file, out in (("mkdocs.yml", site), ("mkdocs.en.yml", site / "en")):
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config_file, "-d", str(out)],
                       cwd=ROOT, env=site_build_env(base), check=True)


def with_code_location(template: dict[str, Any], bucket: str, key: str) -> dict[str, Any]:
    """The packaged template with every function's ./deployment.zip replaced by its S3 copy."""
    out = json.loads(json.dumps(template))
    for resource in out["Resources"].values():
        if resource["Type"] == "AWS::Serverless::Function":
            resource["Properties"]["CodeUri"] = f"s3://{bucket}/{key}"
    return out


def site_files(site: Path) -> Iterator[tuple[Path, str, str, str]]:
    """(file, key, content type, cache control) for every file of the built site."""
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        key = path.relative_to(site).as_posix()
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json", "image/svg+xml"):
            ctype += "; charset=utf-8"
        yield path, key, ctype, HTML_CACHE if key.endswith(".html") else ASSET_CACHE


def upload_site(s3: Any, bucket: str, site: Path) -> tuple[int, int]:
    """Upload every file and delete the keys no longer built; return (uploaded, deleted)."""
    keys = set()
    for path, key, ctype, cache in site_files(site):
        s3.upload_file(str(path), bucket, key, ExtraArgs={"ContentType": ctype, "CacheControl": cache})
        keys.add(key)
    stale = [obj["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)
             for obj in page.get("Contents", []) if obj["Key"] not in keys]
    for start in range(0, len(stale), 1000):
        s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in stale[start:start + 1000]]})
    return len(keys), len(stale)


def invalidate(cloudfront: Any, distribution_id: str, reference: str) -> str:
    out = cloudfront.create_invalidation(DistributionId=distribution_id, InvalidationBatch={
        "Paths": {"Quantity": 1, "Items": ["/*"]}, "CallerReference": reference})
    return out["Invalidation"]["Id"]


def ensure_artifacts_bucket(s3: Any, account: str, region: str) -> str:
    """A private bucket for packages and templates, one per account and Region."""
    name = f"{APP}-artifacts-{account}-{region}"
    try:
        s3.head_bucket(Bucket=name)
        return name
    except s3.exceptions.ClientError:
        pass
    kwargs = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
    s3.create_bucket(Bucket=name, **kwargs)
    s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
    s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    s3.put_bucket_lifecycle_configuration(Bucket=name, LifecycleConfiguration={"Rules": [
        {"ID": "old-packages", "Status": "Enabled", "Filter": {"Prefix": ""}, "Expiration": {"Days": 90}}]})
    return name


def web_acl_region(config: StageConfig, region: str) -> str | None:
    """Where the web ACL is deployed, or None: switched off, or a China Region, where WAF is
    regional only and cannot front CloudFront (the API's own limits and throttle remain)."""
    if not config.web_acl or region.startswith("cn-"):
        return None
    return WAF_REGION


def deploy_web_acl(cfn: Any, stage: str) -> str:
    """The web ACL's stack, created or updated in us-east-1; return the ACL's ARN."""
    out = deploy_stack(cfn, f"{APP}-{stage}-waf", {"TemplateBody": WAF_TEMPLATE.read_text(encoding="utf-8")}, [])
    return out["WebAclArn"]


def deploy_stack(cfn: Any, stack: str, template: str | dict[str, str],
                 params: list[dict[str, Any]]) -> dict[str, str]:
    """Create or update through a change set and wait; return the stack's outputs. `template`
    is the template's S3 URL, or {"TemplateBody": …} for one small enough to send inline."""
    source = template if isinstance(template, dict) else {"TemplateURL": template}
    try:
        cfn.describe_stacks(StackName=stack)
        kind = "UPDATE"
    except cfn.exceptions.ClientError:
        kind = "CREATE"
    name = f"deploy-{os.urandom(4).hex()}"
    cfn.create_change_set(StackName=stack, ChangeSetName=name, ChangeSetType=kind, **source,
                          Parameters=params, Tags=[{"Key": "app", "Value": APP}],
                          Capabilities=["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"])
    try:
        cfn.get_waiter("change_set_create_complete").wait(StackName=stack, ChangeSetName=name,
                                                          WaiterConfig={"Delay": 5, "MaxAttempts": 120})
    except Exception:
        reason = cfn.describe_change_set(StackName=stack, ChangeSetName=name).get("StatusReason", "")
        if "didn't contain changes" in reason or "No updates" in reason:
            print("stack: no changes")
            return outputs(cfn, stack)
        raise RuntimeError(f"change set failed: {reason}") from None
    cfn.execute_change_set(StackName=stack, ChangeSetName=name)
    waiter = "stack_create_complete" if kind == "CREATE" else "stack_update_complete"
    print(f"stack: {kind.lower()} in progress (CloudFront can take 5 to 15 minutes) …", flush=True)
    cfn.get_waiter(waiter).wait(StackName=stack, WaiterConfig={"Delay": 15, "MaxAttempts": 240})
    return outputs(cfn, stack)


def outputs(cfn: Any, stack: str) -> dict[str, str]:
    desc = cfn.describe_stacks(StackName=stack)["Stacks"][0]
    return {o["OutputKey"]: o["OutputValue"] for o in desc.get("Outputs", [])}


def existing_parameters(cfn: Any, stack: str) -> dict[str, str]:
    try:
        desc = cfn.describe_stacks(StackName=stack)["Stacks"][0]
    except cfn.exceptions.ClientError:
        return {}
    return {p["ParameterKey"]: p.get("ParameterValue", "") for p in desc.get("Parameters", [])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", required=True)
    parser.add_argument("--region", required=True)
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--package", type=Path, default=ROOT / "build" / "package")
    parser.add_argument("--site", type=Path, default=ROOT / "build" / "site")
    args = parser.parse_args()
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        sys.exit(f"deploy: {exc}")
    import boto3

    session = boto3.session.Session(region_name=args.region)
    cfn, s3 = session.client("cloudformation"), session.client("s3")
    account = session.client("sts").get_caller_identity()["Account"]
    stack = f"{APP}-{args.stage}"
    previous = existing_parameters(cfn, stack)
    try:
        secrets = {p: os.environ.get(v) for p, v in SECRET_PARAMETERS.items()}
        stack_parameters(config, args.stage, secrets, previous)  # refuse before deploying anything
    except ConfigError as exc:
        sys.exit(f"deploy: {exc}")
    acl_region = web_acl_region(config, args.region)
    acl = deploy_web_acl(session.client("cloudformation", region_name=acl_region), args.stage) if acl_region else ""
    print(f"web ACL: {acl or 'none (web_acl: false, or a China Region)'}")
    params = stack_parameters(config, args.stage, secrets, previous, acl)
    try:
        signing_in = identity_parameters(config, args.stage, args.region, session.client("cognito-idp"))
    except ConfigError as exc:
        sys.exit(f"deploy: {exc}")
    print(f"officers sign in with: {signing_in['OidcIssuer']}")
    params = [p for p in params if p["ParameterKey"] not in signing_in] + [
        {"ParameterKey": k, "ParameterValue": v} for k, v in signing_in.items()]

    bucket = ensure_artifacts_bucket(s3, account, args.region)
    code = (args.package / "deployment.zip").read_bytes()
    code_key = f"{args.stage}/{hashlib.sha256(code).hexdigest()}.zip"
    s3.put_object(Bucket=bucket, Key=code_key, Body=code)
    template = with_code_location(json.loads((args.package / "sam.json").read_text(encoding="utf-8")),
                                  bucket, code_key)
    body = json.dumps(template).encode()
    template_key = f"{args.stage}/{hashlib.sha256(body).hexdigest()}.json"
    s3.put_object(Bucket=bucket, Key=template_key, Body=body)
    url = f"https://{bucket}.s3.{args.region}.amazonaws.com{'.cn' if args.region.startswith('cn-') else ''}/{template_key}"

    out = deploy_stack(cfn, stack, url, params)
    if not config.parameters.get("PublicBaseUrl") and not previous.get("PublicBaseUrl"):
        base = f"https://{out['DistributionDomainName']}"
        print(f"stack: links in messages will use {base} (set public_base_url to change it)")
        params = [p for p in params if p["ParameterKey"] != "PublicBaseUrl"]
        params.append({"ParameterKey": "PublicBaseUrl", "ParameterValue": base})
        out = deploy_stack(cfn, stack, url, params)

    base = stage_base_url(config, previous, out)
    print(f"site: building for {base} …", flush=True)
    build_site(base, args.site)
    uploaded, deleted = upload_site(s3, out["SiteBucketName"], args.site)
    print(f"site: {uploaded} files uploaded, {deleted} removed")
    inv = invalidate(session.client("cloudfront"), out["DistributionId"], template_key)
    print(f"cache: invalidation {inv} started\n\nPortal: https://{out['DistributionDomainName']}/")
    print(f"Window posters for this stage: make qr PUBLIC_BASE_URL={base} WINDOW_LINK_KEY=<the stage's key>")
    print("DNS records that verify the sender domain (add them once):")
    for n in (1, 2, 3):
        print("  ", out[f"DkimRecord{n}"])


if __name__ == "__main__":
    main()
