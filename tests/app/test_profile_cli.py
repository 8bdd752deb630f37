"""``strokelink profile add|list|test|remove`` and ``signer set``: the IT staff's command line.

Run as a subprocess against a minihub with a users file and TLS (self-signed
certificate), the keyring in a file (tests/file_keyring.py) and the
configuration folder redirected to a temporary one (XDG_CONFIG_HOME).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.app.hub.scripted import PASSWORD, closed_port
from tests.file_keyring import subprocess_env

STROKELINK = Path(sys.executable).parent / "strokelink"


class Cli:
    """``strokelink`` with its own keyring file and configuration folder."""

    def __init__(self, folder: Path) -> None:
        self.keyring = folder / "keyring.json"
        self.config = folder / "config"
        self.env = {**subprocess_env(self.keyring), "XDG_CONFIG_HOME": str(self.config)}

    def __call__(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(STROKELINK), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            timeout=120,
            check=False,
        )

    def secrets(self) -> dict[str, str]:
        if not self.keyring.exists():
            return {}
        data: dict[str, str] = json.loads(self.keyring.read_text(encoding="utf-8"))
        return data

    def files_text(self) -> str:
        return "".join(p.read_text(encoding="utf-8") for p in self.config.rglob("*.json"))


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path)


def test_add_list_test_remove(cli: Cli, secured_hub: tuple[str, Path]) -> None:
    url, cert = secured_hub
    added = cli(
        "profile", "add", "lorraine", "--hub", url, "--user", "drx",
        "--password-stdin", "--ca", str(cert), stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert list(cli.secrets().values()) == [PASSWORD]
    assert PASSWORD not in cli.files_text()
    assert (cli.config / "strokelink" / "hubs.json").is_file()

    listed = cli("profile", "list")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        f"* lorraine  {url}  user=drx  role=radiologist  site=-  ca={cert.resolve()}"
    ]
    assert PASSWORD not in listed.stdout + listed.stderr

    tested = cli("profile", "test", "lorraine")
    assert tested.returncode == 0, tested.stdout + tested.stderr
    lines = tested.stdout.splitlines()
    assert len(lines) == 3 and all(line.endswith(": ok") for line in lines), lines
    assert PASSWORD not in tested.stdout + tested.stderr

    removed = cli("profile", "remove", "lorraine")
    assert removed.returncode == 0, removed.stderr
    assert cli.secrets() == {}
    assert "lorraine" not in cli("profile", "list").stdout


def test_wrong_password_is_named(cli: Cli, secured_hub: tuple[str, Path]) -> None:
    url, cert = secured_hub
    cli("profile", "add", "p", "--hub", url, "--user", "drx", "--password-stdin",
        "--ca", str(cert), stdin="wrong horse\n")  # fmt: skip
    tested = cli("profile", "test", "p")
    assert tested.returncode == 1
    assert "the hub refused the password" in tested.stdout
    assert "wrong horse" not in tested.stdout + tested.stderr


def test_untrusted_certificate_is_a_distinct_message(
    cli: Cli, secured_hub: tuple[str, Path]
) -> None:
    url, _ = secured_hub
    cli("profile", "add", "p", "--hub", url, "--user", "drx", "--password-stdin",
        stdin=PASSWORD)  # fmt: skip
    tested = cli("profile", "test", "p")
    assert tested.returncode == 1
    assert "the hub's certificate is not trusted (give --ca FILE)" in tested.stdout
    assert "password" not in tested.stdout


def test_unreachable_hub(cli: Cli) -> None:
    url = f"http://127.0.0.1:{closed_port()}/dicom-web"
    cli("profile", "add", "p", "--hub", url, "--user", "drx", "--password-stdin",
        stdin=PASSWORD)  # fmt: skip
    tested = cli("profile", "test", "p")
    assert tested.returncode == 1
    assert "the hub cannot be reached" in tested.stdout
    assert "certificate" not in tested.stdout and "refused the password" not in tested.stdout


def test_ed_profile_checks_searches(cli: Cli, secured_hub: tuple[str, Path]) -> None:
    url, cert = secured_hub
    added = cli(
        "profile", "add", "urgences", "--hub", url, "--user", "ed-a", "--password-stdin",
        "--ca", str(cert), "--role", "ed", "--site", "SITE A", stdin="ed pass\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "role=ed  site=SITE A" in cli("profile", "list").stdout
    tested = cli("profile", "test", "urgences")
    assert tested.returncode == 0, tested.stdout
    assert len(tested.stdout.splitlines()) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("profile", "test", "nowhere"), "no hub profile named 'nowhere'"),
        (("profile", "remove", "nowhere"), "no hub profile named 'nowhere'"),
        (("profile", "add", "p", "--hub", "https://h/dw", "--user", "u", "--role", "ed"),
         "--role ed needs --site"),
        (("profile", "add", "p", "--hub", "hub.example/dw", "--user", "u"), "not a valid URL"),
        (("profile", "add", "p", "--hub", "https://:99/dw", "--user", "u"), "not a valid URL"),
        (("profile", "add", "p", "--hub", "https://h/dw", "--user", "u", "--ca", "/nope.pem"),
         "no such file"),
        (("profile", "add", "a:b", "--hub", "https://h/dw", "--user", "u"), "cannot contain ':'"),
        (("profile", "add", "p", "--hub", "https://u:S3cret@h/dw", "--user", "u"),
         "--hub must not hold a user name or password"),
    ],
)  # fmt: skip
def test_bad_input_exits_2(cli: Cli, args: tuple[str, ...], message: str) -> None:
    result = cli(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "S3cret" not in result.stderr + result.stdout  # a password in a URL is not echoed
    assert not (cli.config / "strokelink" / "hubs.json").exists()


def test_password_stdin_without_keyring_is_refused(cli: Cli) -> None:
    cli.env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    result = cli("profile", "add", "p", "--hub", "https://h/dw", "--user", "u",
                 "--password-stdin", stdin=PASSWORD)  # fmt: skip
    assert result.returncode == 2
    assert "no usable system keyring" in result.stderr and "not saved" in result.stderr
    assert not (cli.config / "strokelink" / "hubs.json").exists()


def test_signer_set(cli: Cli) -> None:
    from app.worklist.signer import RadiologistStore

    no_profile = cli("signer", "set", "--name", "MARTIN^Claire", "--org", "CHRU")
    assert no_profile.returncode == 2 and "profile add" in no_profile.stderr
    cli("profile", "add", "lorraine", "--hub", "https://h/dw", "--user", "cmartin")
    done = cli("signer", "set", "--name", "MARTIN, Claire", "--title", "Dr",
               "--org", "CHRU Nancy")  # fmt: skip
    assert done.returncode == 0, done.stderr
    store = RadiologistStore(cli.config / "strokelink" / "radiologists.json")
    signer = store.load_signer("lorraine")
    assert signer is not None
    assert (signer.name, signer.title, signer.organisation, signer.identifier) == (
        "MARTIN^Claire", "Dr", "CHRU Nancy", "cmartin",
    )  # fmt: skip
    cli("profile", "add", "urg", "--hub", "https://h/dw", "--user", "e", "--role", "ed",
        "--site", "A")  # fmt: skip
    for args, message in [
        (("--name", "Claire Martin", "--org", "CHRU"), "FAMILY^Given"),
        (("--name", "MARTIN^", "--org", "CHRU"), "--name (given name) is required"),
        (("--name", "MAR=TIN^Claire", "--org", "CHRU"), "cannot contain ^ = or"),
        (("--name", "MARTIN^Claire", "--org", " "), "--org is required"),
        (("--name", "MARTIN^Claire", "--org", "C", "--profile", "x"), "no hub profile named"),
        (("--name", "MARTIN^Claire", "--org", "C", "--profile", "urg"), "is an ED profile"),
    ]:
        refused = cli("signer", "set", *args)
        assert refused.returncode == 2, args
        assert message in refused.stderr, (args, refused.stderr)
    assert store.load_signer("lorraine") == signer


def test_forbidden_event_channel(cli: Cli, secured_hub: tuple[str, Path]) -> None:
    """An ED login in a radiologist's profile: the worklist-wide subscription is refused."""
    url, cert = secured_hub
    cli("profile", "add", "p", "--hub", url, "--user", "ed-a", "--password-stdin",
        "--ca", str(cert), stdin="ed pass")  # fmt: skip
    tested = cli("profile", "test", "p")
    assert tested.returncode == 1
    assert tested.stdout.splitlines()[-1] == (
        "event channel (WebSocket): FAILED - access forbidden for this user"
    )


def test_hub_without_ups_or_event_channel() -> None:
    """The reasons a DICOMweb server without UPS-RS (or without its event channel) gets."""
    from app.hub.check import Failure, Step, check_hub
    from app.hub.client import HttpHub
    from tests.app.hub.scripted import Reply, ScriptedServer
    from tests.hub_util import FAST

    with ScriptedServer() as server, HttpHub(server.base_url, retry=FAST) as hub:
        server.script(Reply(status=200, body=b"[]"), Reply(status=404), Reply(status=405))
        results = check_hub(hub, user="drx")
        server.script(Reply(status=200, body=b"[]"), Reply(status=200, body=b"[]"))
        without_events = check_hub(hub, user="drx", events=False)
    assert [(r.step, r.failure) for r in results] == [
        (Step.STUDIES, None),
        (Step.WORKLIST, Failure.NO_UPS),
        (Step.EVENTS, Failure.NO_EVENT_CHANNEL),
    ]
    assert results[1].reason == "the hub does not offer UPS-RS (worklist) (HTTP 404)"
    assert [r.ok for r in without_events] == [True, True]
