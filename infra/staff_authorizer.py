"""API Gateway's own check of officers' tokens, in front of the function's (issue 14 point 1).

Chalice writes the API's OpenAPI definition when it packages, and its Cognito authorizer needs
the user pool's ARN then; the pool is made by `make deploy` (infra/identity.py) and reaches the
stack as the parameter CognitoUserPoolId. So the packaged definition is completed here instead:
a Cognito user pool authorizer built from that parameter, required on every staff route but
sign-in (which is how a token is obtained), and API Gateway's own 401 answered with the API's
bilingual body. With another OpenID Connect provider (the China Regions, where Cognito user
pools are not offered) the parameter is empty, the condition HasCognitoPool is false and the
function's verification (chalicelib/adapters/oidc.py) is the gate, as it is behind this one.

A token the authorizer passes is still verified by the function (signature, issuer, audience,
expiry, not signed out): API Gateway's check only turns away what has no valid pool token
before it costs a Lambda call."""
from __future__ import annotations

import json
from typing import Any

STAFF_PREFIX = "/api/staff/"
SIGN_IN = ("/api/staff/session", "post")  # open: it is where a token comes from
AUTHORIZER = "officers"
CONDITION = "HasCognitoPool"
METHODS = ("get", "post", "put", "patch", "delete")


def guard_staff_routes(template: dict[str, Any], rest_api: str = "RestAPI") -> list[tuple[str, str]]:
    """Add the authorizer to `template`'s API definition; return the (path, method) it guards."""
    from chalicelib.api.errors import error_body  # the API's own 401, in both languages

    body = template["Resources"][rest_api]["Properties"]["DefinitionBody"]
    template.setdefault("Conditions", {})[CONDITION] = {"Fn::Not": [{"Fn::Equals": [{"Ref": "CognitoUserPoolId"}, ""]}]}
    body["securityDefinitions"] = {"Fn::If": [CONDITION, {AUTHORIZER: _authorizer()}, {"Ref": "AWS::NoValue"}]}
    body["x-amazon-apigateway-gateway-responses"] = {"UNAUTHORIZED": {
        "statusCode": 401,
        "responseParameters": {"gatewayresponse.header.Cache-Control": "'no-store'"},
        "responseTemplates": {"application/json": json.dumps(error_body("unauthorized"), ensure_ascii=False)}}}
    guarded = []
    for path, operations in body["paths"].items():
        if not path.startswith(STAFF_PREFIX):
            continue
        for method in METHODS:
            if method in operations and (path, method) != SIGN_IN:
                operations[method]["security"] = {"Fn::If": [CONDITION, [{AUTHORIZER: []}], {"Ref": "AWS::NoValue"}]}
                guarded.append((path, method))
    return guarded


def _authorizer() -> dict[str, Any]:
    return {"type": "apiKey", "name": "Authorization", "in": "header",
            "x-amazon-apigateway-authtype": "cognito_user_pools",
            "x-amazon-apigateway-authorizer": {
                "type": "cognito_user_pools",
                "providerARNs": [{"Fn::Sub": "arn:${AWS::Partition}:cognito-idp:${AWS::Region}:${AWS::AccountId}"
                                             ":userpool/${CognitoUserPoolId}"}]}}
