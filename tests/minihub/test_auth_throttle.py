"""Password checks off the event loop, failure throttling (issue #11, item 3).

Nothing here measures time: a verifier blocked on an event proves that the loop
still answers, call counts prove that throttled attempts are not hashed, and an
injected clock stands in for waiting. The latency figure is ``python -m bench
hub_auth``.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import pytest
import requests

from minihub.auth import (
    Authenticator,
    AuthMiddleware,
    Refusal,
    User,
    hash_password,
    load_users,
    verify_password,
)
from minihub.server import HubServer
from minihub.throttle import FailureThrottle
from tests.minihub.conftest import write_users

TOKEN = "throttle-test-token"
WAIT_S = 10.0  # bound on every wait; never reached when the code is right


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class CountingVerifier:
    """verify_password, counted; a password ``block`` waits until released."""

    def __init__(self) -> None:
        self.calls = 0
        self.entered = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()

    def __call__(self, password: str, encoded: str) -> bool:
        with self._lock:
            self.calls += 1
        if password == "block":
            self.entered.set()
            self.release.wait(WAIT_S)
            return False
        return verify_password(password, encoded)


@pytest.fixture(scope="module")
def users_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_users(
        tmp_path_factory.mktemp("users"),
        TOKEN,
        {
            "name": "ed",
            "password": hash_password("urgences", iterations=1000),
            "roles": ["ed"],
            "site": "SITE A",
        },
        {"name": "other", "password": hash_password("autre", iterations=1000)},
    )


def authenticator_of(server: HubServer) -> Authenticator:
    assert server.hub is not None
    app: Any = server.hub.app
    for middleware in app.app.user_middleware:
        if middleware.cls is AuthMiddleware:
            found = middleware.kwargs["authenticator"]
            assert isinstance(found, Authenticator)
            return found
    raise AssertionError("no AuthMiddleware")


@pytest.fixture
def rig(
    tmp_path: Path, users_file: Path
) -> Iterator[tuple[HubServer, CountingVerifier, FakeClock]]:
    """A hub whose authenticator counts (and can block) checks, on a fake clock."""
    clock, verifier = FakeClock(), CountingVerifier()
    with HubServer(tmp_path / "hub", users_file=users_file) as server:
        auth = authenticator_of(server)
        auth.verifier = verifier
        auth.by_address = FailureThrottle(threshold=10, clock=clock)
        auth.by_user = FailureThrottle(threshold=5, clock=clock)
        yield server, verifier, clock
        verifier.release.set()


def get(server: HubServer, auth: Any = None, **headers: str) -> requests.Response:
    return requests.get(f"{server.base_url}/studies", auth=auth, headers=headers, timeout=WAIT_S)


def test_a_blocked_password_check_does_not_block_other_clients(
    rig: tuple[HubServer, CountingVerifier, FakeClock],
) -> None:
    server, verifier, _ = rig
    assert get(server, ("drx", "correct horse")).status_code == 200  # now remembered
    blocked: list[requests.Response] = []
    thread = threading.Thread(target=lambda: blocked.append(get(server, ("drx", "block"))))
    thread.start()
    try:
        assert verifier.entered.wait(WAIT_S)
        # the check is stuck in a worker thread; everybody else is still answered:
        assert get(server, ("drx", "correct horse")).status_code == 200  # remembered
        assert get(server, Authorization=f"Bearer {TOKEN}").status_code == 200  # token
        assert get(server, ("ed", "urgences")).status_code == 200  # hashed beside it
        assert thread.is_alive() and not blocked
    finally:
        verifier.release.set()
        thread.join(WAIT_S)
    assert [r.status_code for r in blocked] == [401]


def test_too_many_checks_waiting_get_503(
    rig: tuple[HubServer, CountingVerifier, FakeClock],
) -> None:
    server, verifier, _ = rig
    authenticator_of(server).max_waiting = 1
    thread = threading.Thread(target=lambda: get(server, ("drx", "block")))
    thread.start()
    try:
        assert verifier.entered.wait(WAIT_S)
        calls = verifier.calls
        busy = get(server, ("ed", "urgences"))
        assert busy.status_code == 503 and busy.headers["Retry-After"] == "1"
        assert busy.headers["Warning"].startswith("299 minihub: ")
        assert verifier.calls == calls  # refused without hashing
        assert get(server, Authorization=f"Bearer {TOKEN}").status_code == 200
    finally:
        verifier.release.set()
        thread.join(WAIT_S)


def test_failures_from_one_address_lock_it_without_hashing(
    rig: tuple[HubServer, CountingVerifier, FakeClock],
) -> None:
    server, verifier, clock = rig
    assert get(server, ("drx", "correct horse")).status_code == 200
    verifier.calls = 0
    for i in range(10):  # different names: only the address reaches its threshold
        assert get(server, (f"guess{i % 3}", "wrong")).status_code == 401
    assert verifier.calls == 10  # unknown names are hashed too (against a dummy hash)
    locked = get(server, ("ed", "wrong"))
    assert locked.status_code == 429
    assert locked.headers["Retry-After"] == "1"
    assert locked.headers["Warning"].startswith("299 minihub: too many failed logins")
    assert "www-authenticate" not in locked.headers
    assert get(server, ("ed", "urgences")).status_code == 429  # not checked either
    assert verifier.calls == 10
    # already-verified credentials and tokens are never throttled
    assert get(server, ("drx", "correct horse")).status_code == 200
    assert get(server, Authorization=f"Bearer {TOKEN}").status_code == 200
    # the lock expires; a further failure locks again, twice as long
    clock.now += 1.0
    assert get(server, ("ed", "wrong")).status_code == 401
    assert verifier.calls == 11
    again = get(server, ("ed", "wrong"))
    assert again.status_code == 429 and again.headers["Retry-After"] == "2"
    clock.now += 2.0
    assert get(server, ("ed", "urgences")).status_code == 200  # success clears the address
    assert get(server, ("nobody", "wrong")).status_code == 401


def basic(name: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{name}:{password}".encode()).decode()


def check(auth: Authenticator, header: str, address: str) -> User | Refusal:
    async def go() -> User | Refusal:
        return await auth.authenticate(header, address)

    return anyio.run(go)


def throttled_auth(
    users_file: Path, **extra: Any
) -> tuple[Authenticator, CountingVerifier, FakeClock]:
    """An authenticator that counts its checks, throttled per address (10) and per user (5)
    on a fake clock."""
    clock, verifier = FakeClock(), CountingVerifier()
    auth = Authenticator(
        load_users(users_file),
        verifier=verifier,
        by_address=FailureThrottle(threshold=10, clock=clock),
        by_user=FailureThrottle(threshold=5, clock=clock),
        **extra,
    )
    return auth, verifier, clock


def test_a_user_is_locked_across_addresses(users_file: Path) -> None:
    auth, verifier, clock = throttled_auth(users_file)
    for i in range(5):
        refused = check(auth, basic("drx", f"guess {i}"), f"10.0.0.{i}")
        assert isinstance(refused, Refusal) and refused.status == 401
    assert verifier.calls == 5
    for header in (basic("drx", "guess 9"), basic("drx", "correct horse")):
        locked = check(auth, header, "10.0.0.99")
        assert isinstance(locked, Refusal) and locked.status == 429 and locked.retry_after == 1
    assert verifier.calls == 5
    assert isinstance(check(auth, f"Bearer {TOKEN}", "10.0.0.99"), User)  # tokens are not
    assert isinstance(check(auth, basic("other", "autre"), "10.0.0.99"), User)  # other users
    clock.now += 1.0
    user = check(auth, basic("drx", "correct horse"), "10.0.0.99")
    assert isinstance(user, User) and user.name == "drx"
    assert auth.by_user.locked_for("drx") == 0.0
    assert isinstance(check(auth, basic("drx", "guess 10"), "10.0.0.98"), Refusal)
    assert check(auth, basic("drx", "guess 11"), "10.0.0.98") == Refusal(
        401, "authentication required"
    )


def test_websockets_are_closed_when_throttled(users_file: Path) -> None:
    clock, verifier = FakeClock(), CountingVerifier()
    auth = Authenticator(
        load_users(users_file), verifier=verifier,
        by_address=FailureThrottle(threshold=2, clock=clock),
    )  # fmt: skip
    entered: list[str] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        entered.append(scope["state"]["user"])

    middleware = AuthMiddleware(app, auth)

    def connect(header: str) -> list[dict[str, Any]]:
        sent: list[Any] = []

        async def receive() -> Any:
            return {"type": "websocket.connect"}

        async def send(message: Any) -> None:
            sent.append(message)

        async def go() -> None:
            headers = [(b"authorization", header.encode())]
            scope = {"type": "websocket", "headers": headers, "client": ("10.1.1.1", 5000)}
            await middleware(scope, receive, send)

        anyio.run(go)
        return sent

    closed = [{"type": "websocket.close", "code": 1008}]
    assert connect(basic("drx", "x")) == closed and connect(basic("drx", "y")) == closed
    assert verifier.calls == 2
    assert connect(basic("drx", "correct horse")) == closed  # address locked: not checked
    assert verifier.calls == 2 and entered == []
    assert connect(f"Bearer {TOKEN}") == [] and entered == ["drx"]
    clock.now += 1.0
    assert connect(basic("drx", "correct horse")) == [] and entered == ["drx", "drx"]


# --- the throttle itself ---------------------------------------------------------------


def test_throttle_locks_after_threshold_with_exponential_backoff() -> None:
    clock = FakeClock()
    throttle = FailureThrottle(threshold=3, window_s=60, base_lock_s=1, max_lock_s=5, clock=clock)
    assert [throttle.failure("k") for _ in range(3)] == [0.0, 0.0, 1.0]
    assert throttle.locked_for("k") == 1.0 and throttle.retry_after("k") == 1
    assert throttle.failure("k") == 0.0  # a failure while locked does not extend it
    durations = []
    for _ in range(5):
        clock.now += throttle.locked_for("k")
        assert throttle.locked_for("k") == 0.0
        durations.append(throttle.failure("k"))
    assert durations == [2.0, 4.0, 5.0, 5.0, 5.0]  # doubling, capped
    assert throttle.locked_for("other") == 0.0
    throttle.success("k")
    assert throttle.locked_for("k") == 0.0 and len(throttle) == 0


def test_throttle_window_slides_and_forgets() -> None:
    clock = FakeClock()
    throttle = FailureThrottle(threshold=3, window_s=60, clock=clock)
    throttle.failure("k")
    clock.now += 50
    throttle.failure("k")
    clock.now += 20  # the first failure has left the window
    assert throttle.failure("k") == 0.0
    assert throttle.failure("k") == 1.0
    clock.now += 61 + 1  # window and lock passed: the key is forgotten, back-off too
    assert throttle.locked_for("k") == 0.0 and len(throttle) == 0
    assert [throttle.failure("k") for _ in range(3)] == [0.0, 0.0, 1.0]


def test_throttle_table_is_bounded() -> None:
    clock = FakeClock()
    throttle = FailureThrottle(threshold=1, max_keys=100, clock=clock)
    for i in range(1000):
        throttle.failure(f"key {i}")
    assert len(throttle) == 100
    assert throttle.locked_for("key 0") == 0.0  # oldest evicted
    assert throttle.locked_for("key 999") == 1.0


def test_parallel_guesses_cannot_slip_past_the_threshold(users_file: Path) -> None:
    """Every attempt counts before it is hashed: 20 guesses sent at once for one
    user get at most the threshold's worth of checks, the rest are 429."""
    auth, verifier, _ = throttled_auth(users_file)
    results: list[User | Refusal] = []

    async def guess(i: int) -> None:
        results.append(await auth.authenticate(basic("drx", f"guess {i}"), f"10.1.0.{i}"))

    async def flood() -> None:
        async with anyio.create_task_group() as group:
            for i in range(20):
                group.start_soon(guess, i)

    anyio.run(flood)
    statuses = sorted(r.status for r in results if isinstance(r, Refusal))
    assert len(statuses) == 20
    assert statuses.count(401) == 5 and statuses.count(429) == 15
    assert verifier.calls == 5


def test_a_guesser_elsewhere_never_locks_a_user_out_of_his_workstation(
    tmp_path: Path, users_file: Path
) -> None:
    """The user-name lock spares the addresses the user logged in from, even after a
    hub restart (the pairs are kept in the hub's database)."""
    from minihub.auth import TrustedLogins
    from minihub.storage import Database

    db_path = tmp_path / "hub.sqlite"
    first = Authenticator(load_users(users_file), trusted=TrustedLogins(Database(db_path)))
    assert isinstance(check(first, basic("drx", "correct horse"), "10.0.0.1"), User)

    # a new process: nothing remembered in memory but the pairs
    restarted, _, _ = throttled_auth(users_file, trusted=TrustedLogins(Database(db_path)))
    for i in range(8):
        check(restarted, basic("drx", f"guess {i}"), f"10.9.0.{i}")
    elsewhere = check(restarted, basic("drx", "correct horse"), "10.0.0.2")
    assert isinstance(elsewhere, Refusal) and elsewhere.status == 429
    at_his_desk = check(restarted, basic("drx", "correct horse"), "10.0.0.1")
    assert isinstance(at_his_desk, User) and at_his_desk.name == "drx"
    # a wrong password from his own desk is still refused, and counts for that address
    typo = check(restarted, basic("drx", "correct hose"), "10.0.0.1")
    assert isinstance(typo, Refusal) and typo.status == 401
