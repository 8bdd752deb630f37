"""``strokelink receive``: a DICOM C-STORE SCP for images pushed by a CT scanner or PACS.

Instances are written to ``OUT/<study>/<series>/<instance>.dcm``. When a study
has received nothing for ``--quiet`` seconds it is complete, and one line is
printed: ``study complete: FOLDER (N series, M images from AE …)``. With
``--hub`` and ``--clinical-template``, the study is also sent to the hub as a
request (automatic forwarding; the template holds what the site always says —
site, physician, call-back number, question — and the physician completes the
rest); series arriving later are added to the same request.

Listens on 127.0.0.1 unless ``--host`` says otherwise. Runs until Ctrl-C or
SIGTERM (exit status 0); 2 when an option or the template is refused.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.commands._parser import add_command, add_login_options


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "receive",
        run,
        help="receive images over DICOM (C-STORE SCP) and offer each study as a request",
    )
    p.add_argument("--port", type=int, required=True, help="TCP port to listen on")
    p.add_argument("--ae-title", required=True, help="our AE title (what the sender calls)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--out", default="received", help="folder for the instances (./received)")
    p.add_argument(
        "--quiet",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="a study is complete after this long without a new instance (default 10)",
    )
    p.add_argument(
        "--allow", action="append", metavar="AET", help="accept only these calling AE titles"
    )
    p.add_argument("--hub", help="forward complete studies as requests to this hub")
    p.add_argument("--profile", help="a saved hub profile (URL, user, CA bundle)")
    p.add_argument("--clinical-template", metavar="FILE.json", help="the requests' clinical data")
    p.add_argument("--state-dir", metavar="DIR", help="where unfinished sends are kept")
    p.add_argument("--include-localizers", action="store_true", help="also forward localisers")
    add_login_options(p)


def _forwarder(args: argparse.Namespace) -> tuple[Any, Any, Any] | None:
    """(hub, template form, state store) when forwarding; None otherwise."""
    from datetime import datetime

    from app.commands._hub_login import profile_from_args, secret_for
    from app.commands.request import read_clinical
    from app.ed.request.state import RequestStateStore, default_state_dir
    from app.hub.profiles import hub_for

    if not (args.hub or args.profile):
        if args.clinical_template:
            raise ValueError("--clinical-template needs --hub (or --profile)")
        return None
    if not args.clinical_template:
        raise ValueError("forwarding needs --clinical-template FILE.json")
    template = read_clinical(args.clinical_template, now=datetime.now().astimezone())
    profile, key_profile = profile_from_args(args)
    secret = None
    if profile.needs_secret:
        secret = secret_for(key_profile, profile.username, "password", command="receive")
    store = RequestStateStore(args.state_dir or default_state_dir())
    return hub_for(profile, secret), template, store


def run(args: argparse.Namespace) -> int:
    import signal
    import sys
    import time
    from pathlib import Path

    from app.commands.request import quiet_pydicom
    from app.ed.receive import StoreReceiver, StudyCollector
    from app.ed.request.form import FormError

    quiet_pydicom()
    try:
        forwarding = _forwarder(args)
    except (FormError, ValueError, KeyError) as exc:
        print(f"receive: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 2
    collector = StudyCollector(Path(args.out), quiet_s=args.quiet)
    receiver = StoreReceiver(
        collector,
        ae_title=args.ae_title,
        host=args.host,
        port=args.port,
        allowed_calling_ae_titles=args.allow,
    )
    try:
        receiver.start()
    except (OSError, ValueError) as exc:
        print(f"receive: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 2

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    print(
        f"receiving as {args.ae_title} on {args.host}:{receiver.port} into {args.out}", flush=True
    )
    try:
        while True:
            time.sleep(min(0.5, max(args.quiet / 4, 0.05)))
            for study in collector.completed():
                print(
                    f"study complete: {study.folder} ({study.series} series, {study.instances} "
                    f"images from {', '.join(study.calling_ae_titles)})",
                    flush=True,
                )
                if forwarding is not None:
                    _forward(forwarding, study, args.include_localizers)
    except KeyboardInterrupt:
        pass
    finally:
        receiver.stop()
        if forwarding is not None:
            forwarding[0].close()
    print("receiver stopped", flush=True)
    return 0


def _forward(forwarding: tuple[Any, Any, Any], study: Any, include_localizers: bool) -> None:
    """Send one complete study; failures are printed, the receiver goes on."""
    import sys

    from app.ed.receive import forward_study
    from app.ed.request.images import ImageError
    from app.ed.request.send import SendError
    from app.hub.errors import HubError

    hub, template, store = forwarding
    try:
        result = forward_study(
            hub,
            study,
            template,
            state_store=store,
            include_localizers=include_localizers,
            on_progress=lambda p: print(f"  {p.line()}", flush=True),
        )
    except (ImageError, SendError, HubError, ValueError) as exc:
        print(f"  not forwarded: {exc}", file=sys.stderr, flush=True)
        return
    for note in result.notes:
        print(f"  note: {note}", flush=True)
    print(f"  forwarded: workitem {result.workitem_uid}", flush=True)
