"""moto in server mode on loopback, with the resources of infra/resources.yaml deployed into it."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from infra.local_moto import patch_moto, switch_off_stream

TEMPLATE = Path(__file__).resolve().parent / "resources.yaml"
REGION = "us-east-1"
SENDER = "no-reply@portal.example.org"  # sample sender identity, created in moto's SES


@dataclass
class LocalAws:
    endpoint: str
    table: str
    stream_arn: str
    sender: str
    server: object

    def stop(self) -> None:
        self.server.stop()  # type: ignore[attr-defined]


def isolate_from_real_aws(endpoint: str) -> None:
    """Point every boto3 client at moto, with dummy credentials, so nothing reaches AWS."""
    os.environ.update({
        "AWS_ENDPOINT_URL": endpoint, "AWS_DEFAULT_REGION": REGION, "AWS_REGION": REGION,
        "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_SESSION_TOKEN": "local", "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
    })
    for var in ("AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
        os.environ.pop(var, None)


def start_local_aws(stack_name: str = "proactive-service-local") -> LocalAws:
    from moto.server import ThreadedMotoServer

    patch_moto()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    isolate_from_real_aws(endpoint)
    outputs = deploy_resources(stack_name)
    import boto3

    boto3.client("sesv2").create_email_identity(EmailIdentity=SENDER)
    switch_off_stream(REGION, outputs["TableName"])
    return LocalAws(endpoint, outputs["TableName"], outputs["TableStreamArn"], SENDER, server)


# Target=local keeps the resources only AWS has (and moto cannot create) out of the stack.
LOCAL_PARAMETERS = {"Target": "local", "SenderEmail": SENDER}


def deploy_resources(stack_name: str) -> dict[str, str]:
    """Create the stack from the same template AWS gets; return its outputs."""
    import boto3

    cfn = boto3.client("cloudformation")
    body = TEMPLATE.read_text(encoding="utf-8")
    cfn.create_stack(StackName=stack_name, TemplateBody=body,
                     Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in LOCAL_PARAMETERS.items()])
    stack = cfn.describe_stacks(StackName=stack_name)["Stacks"][0]
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}
    _apply_ttl(outputs["TableName"], body)
    return outputs


def _apply_ttl(table: str, template_body: str) -> None:
    """moto's CloudFormation ignores TimeToLiveSpecification; apply the template's own value."""
    import boto3

    template = yaml.load(template_body, Loader=_CfnLoader)  # noqa: S506 - our own template
    props = template["Resources"]["RequestsTable"]["Properties"]
    ttl = props.get("TimeToLiveSpecification")
    if ttl and ttl.get("Enabled"):
        boto3.client("dynamodb").update_time_to_live(
            TableName=table, TimeToLiveSpecification={"AttributeName": ttl["AttributeName"],
                                                      "Enabled": True})


class _CfnLoader(yaml.SafeLoader):
    """Reads CloudFormation short-form tags (!Ref, !GetAtt, …) as plain values."""


def _tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_CfnLoader.add_multi_constructor("!", _tag)
