"""What every opened case shares, created once per application: :class:`CaseServices`.

The image cache, the decoding processes (one pool per application), the
audit trail, the sealed drafts and outbox of the hub profile, the outbox
runner that sends opinions in the background (started with the main window,
so that opinions left undelivered by the last session go out at once), and the
signing radiologist. Each is created when first needed; every path is a
parameter, with platformdirs' user folders as defaults (tests pass temporary
folders). :class:`OutboxView` puts the outbox on the main window: a toolbar
button "Outbox (n)" opening a dock with the :class:`OutboxPanel`, and the
undelivered count in the status bar.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import threading
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QToolBar, QWidget

from app.hub.client import HttpHub
from app.hub.protocol import Hub
from app.hub.transport import new_session
from app.opinion.drafts import DraftStore
from app.outbox.store import Outbox
from app.retrieve.cache import ImageCache
from app.retrieve.decode import Decoder
from app.store.audit import AuditLog
from app.store.keys import MasterKey, load_master_key
from app.store.sealed import SealedBox
from app.ui.opinion.outbox_panel import OutboxPanel, OutboxRunner, confirm_quit
from app.worklist.signer import RadiologistStore, Signer

QuitQuestion = Callable[[QWidget | None, Outbox], bool]


def folder_name(network: str) -> str:
    """A hub profile name (or a hub URL) made safe as one folder name."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", network).strip("._") or "default"


def audit_user(user: str) -> str:
    """The user as the audit trail accepts it (letters, digits, ``._@+-``)."""
    return re.sub(r"[^A-Za-z0-9._@+-]+", "_", user).strip("_")[:64] or "radiologist"


def hub_like(hub: Hub) -> Callable[[], Hub]:
    """A factory of new clients of ``hub``'s server with its credentials and timeouts.

    Each case window and each outbox pass gets its own connections (closed
    when done) instead of sharing the worklist's.
    """
    if not isinstance(hub, HttpHub):
        return lambda: hub
    template = hub.session
    connect_s, read_s = hub.timeout
    retry = hub.transport.retry

    def make() -> Hub:
        session = new_session()
        session.headers.update(template.headers)
        session.auth = template.auth
        session.verify = template.verify
        session.cert = template.cert
        return HttpHub(
            hub.base_url,
            session=session,
            connect_timeout_s=connect_s,
            read_timeout_s=read_s,
            retry=retry,
            compression=hub.compression,
        )

    return make


def _local_now() -> dt.datetime:
    return dt.datetime.now().astimezone()


class CaseServices:
    """The pieces every case of one hub profile shares (module docstring).

    ``hub``: the worklist's client (its server, credentials and timeouts are
    copied by ``hub_factory``); ``user`` the OS login or the radiologist's
    name (made fit for the audit trail); ``network`` the hub profile name
    (folders and the signing radiologist are per profile). ``data_dir`` holds
    ``drafts/<profile>``, ``outbox/<profile>`` and ``audit.jsonl`` (default:
    platformdirs' user data folder); ``cache_dir`` the images (default:
    platformdirs' user cache folder); ``key`` the master key sealing drafts,
    outbox and cache (default: from the OS keyring, ephemeral without one).
    ``decoder_workers``: decoding processes (None: per CPU, 0: inline).
    ``ask_quit(parent, outbox)``: asked before quitting with undelivered
    opinions (default :func:`confirm_quit`).
    """

    def __init__(
        self,
        hub: Hub,
        *,
        user: str,
        network: str,
        clock: Callable[[], dt.datetime] = _local_now,
        data_dir: Path | None = None,
        cache_dir: Path | None = None,
        key: MasterKey | None = None,
        decoder: Decoder | None = None,
        decoder_workers: int | None = None,
        radiologists: RadiologistStore | None = None,
        hub_factory: Callable[[], Hub] | None = None,
        outbox_options: dict[str, Any] | None = None,
        runner_interval_ms: int = 1000,
        ask_quit: QuitQuestion = confirm_quit,
    ) -> None:
        self.hub_url = hub.base_url
        self.user = user
        self.network = network
        self.profile = folder_name(network)
        self.clock = clock
        self.data_dir = data_dir
        self.cache_dir = cache_dir
        self._key = key
        self._decoder = decoder
        self._owns_decoder = decoder is None
        self.decoder_workers = decoder_workers
        self.radiologists = radiologists or RadiologistStore()
        self.hub_factory = hub_factory or hub_like(hub)
        self.outbox_options = outbox_options or {}
        self.runner_interval_ms = runner_interval_ms
        self.ask_quit = ask_quit
        self.closed = False

    # -- the pieces, created when first needed --------------------------------------

    @cached_property
    def key(self) -> MasterKey:
        return self._key if self._key is not None else load_master_key()

    def box(self, purpose: str) -> SealedBox:
        return SealedBox.for_user(purpose, self.key)

    @property
    def message(self) -> str:
        """What the user must know about the sealing key ('' when it survives a restart).

        The UI's own translated text, keyed on ``persistent`` (the logic's
        ``MasterKey.message`` stays English for the command line and logs).
        """
        if self.key.persistent:
            return ""
        return QCoreApplication.translate(
            "CaseServices",
            "No system keyring is available: cached images are encrypted with a key "
            "kept only while StrokeLink runs, so they are downloaded again after a restart.",
        )

    def _data(self, *parts: str) -> Path:
        if self.data_dir is not None:
            return self.data_dir.joinpath(*parts)
        import platformdirs

        return Path(platformdirs.user_data_dir("strokelink", appauthor=False)).joinpath(*parts)

    @cached_property
    def cache(self) -> ImageCache:
        return ImageCache(self.cache_dir, key=self.key)

    @property
    def decoder(self) -> Decoder:
        if self._decoder is None:
            self._decoder = Decoder(self.decoder_workers)
        return self._decoder

    @cached_property
    def audit(self) -> AuditLog:
        return AuditLog(self._data("audit.jsonl"), user=audit_user(self.user), hub=self.hub_url)

    @cached_property
    def drafts(self) -> DraftStore:
        return DraftStore(self._data("drafts", self.profile), self.box("drafts"), clock=self.clock)

    @cached_property
    def outbox(self) -> Outbox:
        return Outbox(
            self._data("outbox", self.profile),
            self.box("outbox"),
            self.hub_factory,
            self.clock,
            self.audit,
            **self.outbox_options,
        )

    @cached_property
    def runner(self) -> OutboxRunner:
        return OutboxRunner(self.outbox, interval_ms=self.runner_interval_ms)

    @property
    def signer(self) -> Signer:
        return self.radiologists.signer(self.network)

    # -- life ---------------------------------------------------------------------

    def start(self) -> None:
        """Open the outbox and start sending what waits in it."""
        _ = self.runner

    def warm_decoder(self) -> None:
        """Start the decoding processes in the background (the first case opens faster)."""
        decoder = self.decoder

        def warm() -> None:
            with contextlib.suppress(Exception):  # closed meanwhile: nothing to warm
                decoder.warm()

        threading.Thread(target=warm, name="decoder-warm", daemon=True).start()

    def undelivered(self) -> int:
        return len(self.outbox.undelivered()) if "outbox" in self.__dict__ else 0

    def may_quit(self, parent: QWidget | None) -> bool:
        """True unless undelivered opinions wait and the user chose to stay."""
        if "outbox" not in self.__dict__:
            return True
        return self.ask_quit(parent, self.outbox)

    def close(self) -> None:
        """Stop sending (what waits stays sealed on disk) and the decoding processes."""
        if self.closed:
            return
        self.closed = True
        if "runner" in self.__dict__:
            self.runner.stop()
        if self._owns_decoder and self._decoder is not None:
            self._decoder.close()


class OutboxView(QObject):
    """The outbox on the main window: "Outbox (n)" button, dock, status bar count."""

    def __init__(self, window: QMainWindow, toolbar: QToolBar, services: CaseServices) -> None:
        super().__init__(window)
        self.services = services
        runner = services.runner
        self.panel = OutboxPanel(runner, window)
        self.dock = QDockWidget(self.tr("Outbox"), window)
        self.dock.setObjectName("outbox-dock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        self.action = self.dock.toggleViewAction()
        self.action.setObjectName("outbox-action")
        toolbar.addSeparator()
        toolbar.addAction(self.action)
        self.count_label = QLabel(window)
        self.count_label.setObjectName("outbox-count")
        self.key_label = QLabel(services.message, window)
        self.key_label.setObjectName("key-message")
        self.key_label.setWordWrap(True)
        self.key_label.setVisible(bool(services.message))
        window.statusBar().addWidget(self.key_label)
        window.statusBar().addPermanentWidget(self.count_label)
        runner.statusChanged.connect(lambda _status: self.refresh())
        runner.passFinished.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        count = self.services.undelivered()
        self.action.setText(self.tr("Outbox (%1)").replace("%1", str(count)))
        if count == 0:
            self.count_label.setText("")
            self.count_label.hide()
        else:
            text = (
                self.tr("1 opinion not delivered")
                if count == 1
                else self.tr("%1 opinions not delivered").replace("%1", str(count))
            )
            self.count_label.setText(text)
            self.count_label.show()
