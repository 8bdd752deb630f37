"""Hub profiles on disk, secrets in the keyring, sessions built from both.

The keyring is a test double (an in-memory ``KeyringBackend``) standing in
for the OS store; the hubs are real: minihub with a users file (Basic and
bearer) over TLS with a throw-away certificate.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backends import fail

from app.hub.errors import AuthError, KeyringUnavailable, TlsError
from app.hub.profiles import (
    HubProfile,
    ProfileStore,
    SecretStore,
    hub_for,
    resolve_profile,
    session_for,
    stored_secret,
)
from tests.app.hub.conftest import FAST, MemoryKeyring
from tests.app.hub.scripted import self_signed_certificate


def _profiles(tmp_path: Path) -> list[HubProfile]:
    return [
        HubProfile("region", "https://hub.example/dicom-web", auth="basic", username="drx",
                   ca_bundle=tmp_path / "ca.pem", poll_interval_s=3.0, backup="local"),
        HubProfile("local", "http://127.0.0.1:8043/dicom-web", role="emergency"),
    ]  # fmt: skip


def test_profiles_round_trip_without_secrets(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    store = ProfileStore(tmp_path / "config" / "hubs.json")
    assert store.load() == [] and store.default() is None
    profiles = _profiles(tmp_path)
    store.save(profiles, default="region")
    SecretStore().set("region", "drx", "s3cret-Passw0rd")
    assert store.load() == profiles
    assert store.default() == profiles[0]
    assert store.get("local").role == "emergency"
    assert store.find_by_url("http://127.0.0.1:8043/dicom-web/") == profiles[1]
    text = store.path.read_text()
    assert "s3cret-Passw0rd" not in text and "password" not in text.lower()
    assert store.path.stat().st_mode & 0o077 == 0  # user-only
    assert memory_keyring.secrets == {("strokelink", "region:drx"): "s3cret-Passw0rd"}
    assert SecretStore().get("region", "drx") == "s3cret-Passw0rd"
    store.remove("local")
    assert [p.name for p in store.load()] == ["region"] and store.get("region").backup is None
    store.put(HubProfile("other", "http://127.0.0.1:9/dicom-web"), make_default=True)
    assert store.default_name() == "other"


def test_resolve_profile_from_command_line_choices(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "hubs.json")
    with pytest.raises(ValueError, match="--hub URL or --profile NAME"):
        resolve_profile(store)
    with pytest.raises(KeyError, match="no hub profile named 'nowhere'"):
        resolve_profile(store, name="nowhere")
    adhoc, key = resolve_profile(store, hub="http://127.0.0.1:9/dicom-web/", user="drx")
    assert key == "http://127.0.0.1:9/dicom-web"
    assert (adhoc.name, adhoc.auth, adhoc.username, adhoc.ca_bundle) == (
        "command-line",
        "basic",
        "drx",
        None,
    )
    assert resolve_profile(store, hub="http://127.0.0.1:9/dicom-web")[0].auth == "none"
    store.save(_profiles(tmp_path), default="region")
    saved = store.get("local")
    by_url, key = resolve_profile(store, hub=saved.base_url + "/")
    assert key == "local" and by_url.name == "local" and by_url.auth == saved.auth
    changed, key = resolve_profile(
        store, name="region", user="other", ca_bundle=str(tmp_path / "ca.pem")
    )
    assert key == "region" and changed.username == "other" and changed.auth == "basic"
    assert changed.ca_bundle == tmp_path / "ca.pem"
    bearer, _ = resolve_profile(store, name="region", auth="bearer")
    assert bearer.auth == "bearer" and bearer.username == store.get("region").username


def test_a_secret_in_the_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "hubs.json"
    entry = {"name": "x", "base_url": "http://127.0.0.1:1/dicom-web", "password": "oops"}
    path.write_text(json.dumps({"version": 1, "profiles": [entry]}))
    with pytest.raises(ValueError, match="secrets belong in the keyring"):
        ProfileStore(path).load()


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"base_url": "ftp://x"}, "http"),
        ({"auth": "basic"}, "user name"),
        ({"auth": "kerberos"}, "unknown authentication"),
        ({"role": "janitor"}, "unknown role"),
        ({"poll_interval_s": 0}, "> 0"),
        ({"backup": "p"}, "own backup"),
    ],
)
def test_invalid_profiles(kwargs: dict, words: str) -> None:
    values = {"name": "p", "base_url": "http://127.0.0.1:1/dicom-web", **kwargs}
    with pytest.raises(ValueError, match=words):
        HubProfile(**values)


def test_no_keyring_is_said_plainly() -> None:
    secrets = SecretStore(backend=fail.Keyring())
    assert not secrets.available()
    with pytest.raises(KeyringUnavailable, match="no usable system keyring"):
        secrets.get("region", "drx")
    with pytest.raises(KeyringUnavailable, match="asked for each time"):
        secrets.set("region", "drx", "x")


def test_stored_secret_asks_nobody(tmp_path: Path) -> None:
    region, local = _profiles(tmp_path)
    secrets = SecretStore(backend=MemoryKeyring())
    assert stored_secret(region, secrets) is None  # none stored
    secrets.set("region", "drx", "pw")
    assert stored_secret(region, secrets) == "pw"
    assert stored_secret(local, secrets) is None  # auth "none" needs none
    assert stored_secret(region, SecretStore(backend=fail.Keyring())) is None  # no keyring


def test_session_settings(tmp_path: Path) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text("not read here")
    basic = session_for(
        HubProfile("a", "https://h/dw", auth="basic", username="u", ca_bundle=ca), "pw"
    )
    assert basic.auth == ("u", "pw") and basic.verify == str(ca)
    assert basic.headers["User-Agent"].startswith("StrokeLink/")
    bearer = session_for(HubProfile("b", "https://h/dw", auth="bearer"), "tok")
    assert bearer.headers["Authorization"] == "Bearer tok" and bearer.verify is True
    with pytest.raises(ValueError, match="needs a password"):
        session_for(HubProfile("c", "https://h/dw", auth="bearer"))
    with pytest.raises(ValueError, match="CA bundle"):
        session_for(HubProfile("d", "https://h/dw", ca_bundle=tmp_path / "missing.pem"))


@pytest.fixture(scope="module")
def secured_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """minihub over TLS (self-signed) with one user: password and bearer token."""
    from minihub.auth import hash_password, hash_token
    from minihub.server import HubServer

    folder = tmp_path_factory.mktemp("secured")
    cert, key = self_signed_certificate(folder)
    users = folder / "users.json"
    users.write_text(json.dumps({"users": [{
        "name": "drx",
        "password": hash_password("correct horse", iterations=1000),
        "tokens_sha256": [hash_token("token-abc-123")],
    }]}))  # fmt: skip
    server = HubServer(folder / "data", users_file=users, tls_cert=cert, tls_key=key)
    server.start()
    try:
        yield server.base_url, cert
    finally:
        server.stop()


def test_basic_and_bearer_over_verified_tls(
    secured_hub: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, cert = secured_hub
    # The environment's CA bundle must not replace the profile's (requests #3829).
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
    basic = HubProfile("secure", url, auth="basic", username="drx", ca_bundle=cert)
    with hub_for(basic, "correct horse", retry=FAST) as hub:
        assert hub.search_workitems() == []
    bearer = HubProfile("secure-token", url, auth="bearer", ca_bundle=cert)
    with hub_for(bearer, "token-abc-123", retry=FAST) as hub:
        assert hub.search_studies() == []
    with (
        hub_for(basic, "wrong horse", retry=FAST) as hub,
        pytest.raises(AuthError, match="refused the credentials") as caught,
    ):
        hub.search_workitems()
    assert caught.value.status == 401 and caught.value.attempts == 1


def test_untrusted_certificate_is_a_tls_error(secured_hub: tuple[str, Path]) -> None:
    url, _ = secured_hub
    profile = HubProfile("secure", url, auth="basic", username="drx")  # no CA bundle
    with (
        hub_for(profile, "correct horse", retry=FAST) as hub,
        pytest.raises(TlsError, match="could not be verified"),
    ):
        hub.search_workitems()
