"""The directory of officers on a Cognito user pool: sign-in (USER_PASSWORD_AUTH through the
API, so the browser talks to the portal's origin only) and the officers of a department (its
groups, domain/officers.py). Another identity provider replaces this adapter and JwtVerifier's
configuration, nothing else."""
from __future__ import annotations

from typing import Any, Callable, Iterable

from ..domain.officers import SUPERVISORS, Officer, Role, from_groups, group_name
from ..service_layer.staff_ports import SignInFailed
from .aws import client, error_code

_WRONG = frozenset({"NotAuthorizedException", "UserNotFoundException", "UserNotConfirmedException",
                    "PasswordResetRequiredException", "InvalidParameterException"})


def _attributes(user: dict[str, Any]) -> dict[str, str]:
    return {a["Name"]: a["Value"] for a in user.get("Attributes") or user.get("UserAttributes") or []}


class CognitoDirectory:
    def __init__(self, pool_id: str, client_id: str, departments: Iterable[str],
                 idp: Callable[[], Any] = lambda: client("cognito-idp")):
        self._pool, self._client, self._departments, self._idp = pool_id, client_id, tuple(departments), idp

    def sign_in(self, username: str, password: str) -> str:
        try:
            out = self._idp().initiate_auth(ClientId=self._client, AuthFlow="USER_PASSWORD_AUTH",
                                            AuthParameters={"USERNAME": username, "PASSWORD": password})
        except Exception as exc:
            if error_code(exc) in _WRONG:
                raise SignInFailed() from None
            raise
        result = out.get("AuthenticationResult")
        if not result:  # a challenge (new password, MFA) the portal's sign-in does not offer
            raise SignInFailed()
        return result["IdToken"]

    def officers(self, department: str) -> list[Officer]:
        seen: dict[str, Officer] = {}
        for role in (Role.HEAD, Role.OFFICER):
            pages = self._idp().get_paginator("list_users_in_group").paginate(
                UserPoolId=self._pool, GroupName=group_name(department, role))
            for user in (u for page in pages for u in page.get("Users", [])):
                if user["Username"] not in seen and user.get("Enabled", True):
                    attrs = _attributes(user)
                    seen[user["Username"]] = Officer(user["Username"], attrs.get("name", user["Username"]), role,
                                                     (department,), (department,) if role is Role.HEAD else (),
                                                     email=attrs.get("email"))
        return sorted(seen.values(), key=lambda o: o.name)

    def supervisors(self) -> list[Officer]:
        pages = self._idp().get_paginator("list_users_in_group").paginate(UserPoolId=self._pool, GroupName=SUPERVISORS)
        people = [Officer(u["Username"], _attributes(u).get("name", u["Username"]), Role.SUPERVISOR,
                          email=_attributes(u).get("email"))
                  for page in pages for u in page.get("Users", []) if u.get("Enabled", True)]
        return sorted(people, key=lambda o: o.name)

    def officer(self, username: str) -> Officer | None:
        try:
            user = self._idp().admin_get_user(UserPoolId=self._pool, Username=username)
            groups = self._idp().admin_list_groups_for_user(UserPoolId=self._pool, Username=username)
        except Exception as exc:
            if error_code(exc) == "UserNotFoundException":
                return None
            raise
        attrs = _attributes(user)
        return from_groups(username, attrs.get("name", username), [g["GroupName"] for g in groups.get("Groups", [])],
                           self._departments, email=attrs.get("email"))
