"""Verifies officers' OpenID Connect ID tokens with PyJWT: the signature against the issuer's
published keys (JWKS), the issuer, the audience and the expiry. Any provider that publishes a
JWKS works (Cognito, a government single sign-on): only configuration names it."""
from __future__ import annotations

from typing import Any

from ..service_layer.staff_ports import Unauthorized

ALGORITHMS = ["RS256"]  # asymmetric only: "none" and HMAC tokens are refused before anything else


class JwtVerifier:
    def __init__(self, issuer: str, audience: str, jwks_url: str | None = None, leeway: int = 30):
        self._issuer, self._audience, self._leeway = issuer, audience, leeway
        self._jwks_url = jwks_url or issuer.rstrip("/") + "/.well-known/jwks.json"
        self._keys: Any = None

    def verify(self, token: str) -> dict[str, Any]:
        import jwt  # loaded with the first staff call, not at cold start

        if self._keys is None:  # the keys are fetched once and cached for an hour
            self._keys = jwt.PyJWKClient(self._jwks_url, cache_keys=True, lifespan=3600, timeout=5)
        try:
            header = jwt.get_unverified_header(token)
            if header.get("alg") not in ALGORITHMS:
                raise Unauthorized("algorithm")
            key = self._keys.get_signing_key_from_jwt(token).key
            claims = jwt.decode(token, key, algorithms=ALGORITHMS, audience=self._audience, issuer=self._issuer,
                                leeway=self._leeway, options={"require": ["exp", "iat", "iss", "aud", "sub"]})
        except Unauthorized:
            raise
        except (jwt.PyJWTError, ValueError) as exc:
            raise Unauthorized(type(exc).__name__) from None
        if claims.get("token_use", "id") != "id":  # Cognito access tokens carry no audience of ours
            raise Unauthorized("token_use")
        return claims


class NoIdentityProvider:
    """Where no provider is configured: every token is refused."""

    def verify(self, token: str) -> dict[str, Any]:
        raise Unauthorized("no identity provider configured")
