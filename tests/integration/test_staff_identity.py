"""Officers' sign-in against moto's Cognito: the pool, client and groups infra/identity.py makes
(for AWS and the local stack alike), real ID tokens verified by PyJWT against the pool's keys,
and every kind of bad token refused."""
import gzip
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import boto3
import jwt
import moto.cognitoidp
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from chalicelib.adapters.cognito import CognitoDirectory
from chalicelib.adapters.oidc import JwtVerifier
from chalicelib.domain.officers import Role, groups_for
from chalicelib.service_layer.staff_ports import SignInFailed, Unauthorized
from infra.identity import SAMPLE_PASSWORD, ensure_identity, sample_officers, seed
from infra.local_aws import REGION

_KEYS = Path(moto.cognitoidp.__file__).parent / "resources"


@pytest.fixture
def idp(aws):
    return boto3.client("cognito-idp", region_name=REGION)


@pytest.fixture
def jwks_url():
    """The pool's public keys over HTTP on loopback (moto's in-process mock serves no HTTP, and
    PyJWT fetches keys over HTTP only); the server stops with the test."""
    body = gzip.decompress((_KEYS / "jwks-public.json.gz").read_bytes())

    class Keys(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Keys)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/.well-known/jwks.json"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def pool(idp, catalog, jwks_url):
    """The pool with its groups and the sample officers, its directory and a verifier of its tokens."""
    departments = [d.id for d in catalog.departments]
    identity = ensure_identity(idp, "test-pool", departments, REGION)
    seed(idp, identity.pool_id, sample_officers((d.id, d.name.zh) for d in catalog.departments))
    verifier = JwtVerifier(identity.issuer, identity.client_id, jwks_url)
    return identity, CognitoDirectory(identity.pool_id, identity.client_id, departments, idp=lambda: idp), verifier


def _forge(identity, key, **claims):
    now = int(time.time())
    body = {"iss": identity.issuer, "aud": identity.client_id, "sub": "x", "iat": now, "exp": now + 600,
            "token_use": "id", "cognito:username": "officer.quality-station",
            "cognito:groups": ["quality-station.officer"]} | claims
    return jwt.encode(body, key, algorithm="RS256", headers={"kid": "dummy"})


def _moto_key():
    return jwt.PyJWK(json.loads(gzip.decompress((_KEYS / "jwks-private.json.gz").read_bytes()))).key


def test_the_pool_has_a_group_per_department_and_role_and_making_it_again_changes_nothing(idp, pool, catalog):
    identity, _, _ = pool
    groups = {g["GroupName"] for g in idp.list_groups(UserPoolId=identity.pool_id, Limit=60)["Groups"]}
    assert groups == set(groups_for([d.id for d in catalog.departments]))
    assert ensure_identity(idp, "test-pool", [d.id for d in catalog.departments], REGION) == identity


def test_a_sample_officer_signs_in_and_the_token_names_their_department_and_role(pool):
    identity, directory, verifier = pool
    claims = verifier.verify(directory.sign_in("head.quality-station", SAMPLE_PASSWORD))
    assert claims["iss"] == identity.issuer and claims["aud"] == identity.client_id
    assert claims["cognito:groups"] == ["quality-station.head"] and "(sample)" in claims["name"]
    with pytest.raises(SignInFailed):
        directory.sign_in("head.quality-station", "wrong-password-1")
    with pytest.raises(SignInFailed):
        directory.sign_in("nobody", SAMPLE_PASSWORD)


def test_the_directory_lists_a_departments_officers_and_heads(pool):
    _, directory, _ = pool
    people = directory.officers("quality-station")
    assert {(o.username, o.role) for o in people} == {
        ("head.quality-station", Role.HEAD), ("officer.quality-station", Role.OFFICER),
        ("officer2.quality-station", Role.OFFICER)}
    assert directory.officer("officer2.quality-station").departments == ("quality-station",)
    assert directory.officer("supervisor").role is Role.SUPERVISOR and directory.officer("nobody") is None


@pytest.mark.parametrize("bad", ["expired", "none", "other_key", "other_audience", "other_issuer", "access", "garbage"])
def test_every_bad_token_is_refused(pool, bad):
    identity, directory, verifier = pool
    moto_key, now = _moto_key(), int(time.time())
    token = {
        "expired": lambda: _forge(identity, moto_key, iat=now - 7200, exp=now - 3600),
        "none": lambda: jwt.encode({"iss": identity.issuer, "aud": identity.client_id, "sub": "x", "iat": now,
                                    "exp": now + 600}, None, algorithm="none"),
        "other_key": lambda: _forge(identity, rsa.generate_private_key(public_exponent=65537, key_size=2048)),
        "other_audience": lambda: _forge(identity, moto_key, aud="someone-else"),
        "other_issuer": lambda: _forge(identity, moto_key, iss="https://evil.example"),
        "access": lambda: _forge(identity, moto_key, token_use="access"),
        "garbage": lambda: "not.a.token",
    }[bad]()
    assert verifier.verify(_forge(identity, moto_key))["cognito:username"] == "officer.quality-station"
    with pytest.raises(Unauthorized):
        verifier.verify(token)
