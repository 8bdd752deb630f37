"""Authentication (HTTP Basic, bearer tokens) and TLS on a running hub."""

from __future__ import annotations

import json
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from minihub.auth import hash_password, load_users, verify_password
from minihub.server import HubServer
from tests.app.hub.scripted import self_signed_certificate
from tests.minihub.conftest import write_users

TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="module")
def users_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_users(
        tmp_path_factory.mktemp("users"),
        TOKEN,
        {"name": "ed", "password": hash_password("urgences", iterations=1000)},
    )


@pytest.fixture(scope="module")
def secured(tmp_path_factory: pytest.TempPathFactory, users_file: Path) -> Iterator[HubServer]:
    with HubServer(tmp_path_factory.mktemp("secured"), users_file=users_file) as server:
        yield server


def test_password_hashing() -> None:
    encoded = hash_password("pw", iterations=1000)
    assert encoded.startswith("pbkdf2_sha256$1000$")
    assert verify_password("pw", encoded)
    assert not verify_password("PW", encoded)
    assert not verify_password("pw", "garbage")
    assert hash_password("pw", iterations=1000) != encoded  # salted


def test_users_file_is_checked(tmp_path: Path) -> None:
    bad = tmp_path / "users.json"
    for document in ({"users": [{"name": "x", "password": "plain"}]}, {"people": []}, [1]):
        bad.write_text(json.dumps(document))
        with pytest.raises(ValueError, match="users"):
            load_users(bad)
    bad.write_text("{")
    with pytest.raises(ValueError, match="cannot read"):
        load_users(bad)


@pytest.mark.parametrize("path", ["/studies", "/series", "/workitems", "/studies/1.2.3/metadata"])
def test_requests_without_valid_credentials_get_401(secured: HubServer, path: str) -> None:
    for auth, headers in (
        (None, {}),
        (("drx", "wrong"), {}),
        (("nobody", "correct horse"), {}),
        (None, {"Authorization": "Bearer not-the-token"}),
        (None, {"Authorization": "Basic !!!"}),
        (None, {"Authorization": "Digest whatever"}),
    ):
        response = requests.get(secured.base_url + path, auth=auth, headers=headers, timeout=10)
        assert response.status_code == 401
        challenges = response.raw.headers.getlist("WWW-Authenticate")
        assert 'Basic realm="minihub", charset="UTF-8"' in challenges
        assert 'Bearer realm="minihub"' in challenges
        assert "Date" in response.headers
    unauthenticated_post = requests.post(secured.base_url + "/workitems", data=b"[{}]", timeout=10)
    assert unauthenticated_post.status_code == 401


def test_basic_and_bearer_are_accepted(secured: HubServer) -> None:
    for _ in range(2):  # the second time comes from the in-memory check cache
        assert requests.get(secured.base_url + "/studies", auth=("drx", "correct horse"),
                            timeout=10).status_code == 200  # fmt: skip
    assert requests.get(secured.base_url + "/workitems", auth=("ed", "urgences"),
                        timeout=10).status_code == 200  # fmt: skip
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    assert requests.get(secured.base_url + "/studies", headers=bearer, timeout=10).json() == []


def test_tls(tmp_path: Path, users_file: Path) -> None:
    cert, key = self_signed_certificate(tmp_path)
    with HubServer(tmp_path / "data", tls_cert=cert, tls_key=key, users_file=users_file) as hub:
        assert hub.base_url.startswith("https://127.0.0.1:")
        response = requests.get(hub.base_url + "/studies", verify=str(cert),
                                auth=("drx", "correct horse"), timeout=10)  # fmt: skip
        assert response.status_code == 200
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(hub.base_url + "/studies", timeout=10)  # not trusted by default
        plain = hub.base_url.replace("https://", "http://")
        with pytest.raises(requests.exceptions.ConnectionError):
            requests.get(plain + "/studies", timeout=10)
    assert ssl.OPENSSL_VERSION  # TLS came from the interpreter's OpenSSL


def test_tls_needs_cert_and_key(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="both"):
        HubServer(tmp_path, tls_cert=tmp_path / "cert.pem")
