"""The officers' identity provider on Cognito, made by the same code in AWS (`make deploy`) and
in the local stack (moto's cognito-idp): one user pool, one app client that signs officers in
through the API, and one group per department and role from the catalog (domain/officers.py).
The local stack also seeds SAMPLE officers for every department (sample_officers)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from chalicelib.domain.officers import SUPERVISORS, Role, group_name, groups_for

ID_TOKEN_MINUTES = 60  # an ID token lives an hour; the workbench also ends idle sessions sooner
SAMPLE_PASSWORD = "Sample-Officer-2026"  # local stack only: printed by `make run`


@dataclass(frozen=True)
class Identity:
    pool_id: str
    client_id: str
    issuer: str


def ensure_identity(idp: Any, name: str, departments: Iterable[str], region: str) -> Identity:
    """The pool `name` with its client and groups, created where missing (safe to run again)."""
    pool_id = next((p["Id"] for page in idp.get_paginator("list_user_pools").paginate(MaxResults=60)
                    for p in page["UserPools"] if p["Name"] == name), None)
    if pool_id is None:
        pool_id = idp.create_user_pool(
            PoolName=name, AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},  # the bureau adds its staff
            Policies={"PasswordPolicy": {"MinimumLength": 12, "RequireUppercase": True, "RequireLowercase": True,
                                         "RequireNumbers": True, "RequireSymbols": False}},
            UsernameConfiguration={"CaseSensitive": False}, MfaConfiguration="OFF",
            AccountRecoverySetting={"RecoveryMechanisms": [{"Priority": 1, "Name": "admin_only"}]},
        )["UserPool"]["Id"]
    clients = idp.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)["UserPoolClients"]
    client_id = next((c["ClientId"] for c in clients if c["ClientName"] == "workbench"), None)
    if client_id is None:
        client_id = idp.create_user_pool_client(
            UserPoolId=pool_id, ClientName="workbench", GenerateSecret=False,
            ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            IdTokenValidity=ID_TOKEN_MINUTES, AccessTokenValidity=ID_TOKEN_MINUTES,
            TokenValidityUnits={"IdToken": "minutes", "AccessToken": "minutes"},
            ReadAttributes=["name", "email"],  # the ID token names the officer
            PreventUserExistenceErrors="ENABLED", EnableTokenRevocation=True,
        )["UserPoolClient"]["ClientId"]
    existing = {g["GroupName"] for page in idp.get_paginator("list_groups").paginate(UserPoolId=pool_id)
                for g in page["Groups"]}
    for group in groups_for(list(departments)):
        if group not in existing:
            idp.create_group(UserPoolId=pool_id, GroupName=group)
    return Identity(pool_id, client_id, f"https://cognito-idp.{region}.amazonaws.com/{pool_id}")


def sample_officers(departments: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
    """SAMPLE staff for the local stack: per department a head and two officers, and one
    supervisor; names say they are samples. `departments`: (id, Chinese name)."""
    people = [{"username": "supervisor", "name": "示例督查员 (sample)", "groups": [SUPERVISORS]}]
    for dept, zh in departments:
        people += [
            {"username": f"head.{dept}", "name": f"示例负责人·{zh} (sample)", "groups": [group_name(dept, Role.HEAD)]},
            {"username": f"officer.{dept}", "name": f"示例经办人甲·{zh} (sample)",
             "groups": [group_name(dept, Role.OFFICER)]},
            {"username": f"officer2.{dept}", "name": f"示例经办人乙·{zh} (sample)",
             "groups": [group_name(dept, Role.OFFICER)]},
        ]
    return people


def seed(idp: Any, pool_id: str, people: list[dict[str, Any]], password: str = SAMPLE_PASSWORD) -> None:
    """Create the people (with a permanent password) and put them in their groups."""
    for p in people:
        idp.admin_create_user(UserPoolId=pool_id, Username=p["username"], MessageAction="SUPPRESS",
                              UserAttributes=[{"Name": "name", "Value": p["name"]},
                                              {"Name": "email", "Value": f"{p['username']}@staff.example.org"}])
        idp.admin_set_user_password(UserPoolId=pool_id, Username=p["username"], Password=password, Permanent=True)
        for group in p["groups"]:
            idp.admin_add_user_to_group(UserPoolId=pool_id, Username=p["username"], GroupName=group)
