"""``strokelink request``: send a tele-expertise request from the command line.

``request example`` prints a complete clinical JSON (schema in
``docs/request-schema.md``). ``request send --hub URL --images DIR --clinical
FILE.json`` checks the clinical data and the images (one patient, one study;
localisers left out unless ``--include-localizers``), stores the series most
urgent first by STOW-RS and creates the UPS workitem as soon as the first is
stored (INCOMPLETE, then READY) — the basis for automatic forwarding from a CT
scanner or a PACS router. ``--images`` may be left out for a request without
images (protocol advice); the clinical JSON must then name the patient.

Sending the same request again (same hub, images and clinical file) resumes an
interrupted send and never creates a second request (``--new`` forces one).
States are kept in ``--state-dir`` (default: the per-user state folder).
``request pending`` lists the sends not finished.

Authentication is that of ``strokelink pull`` (profile, ``--user``, keyring).

Exit status: 0 sent; 1 the hub failed part-way (state kept: run it again);
2 refused input (clinical data, images, options); 3 cancelled (Ctrl-C).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from app.commands._parser import (
    add_command,
    add_command_group,
    add_hub_options,
    add_login_options,
)

if TYPE_CHECKING:
    from app.ed.request.images import RequestImages

EXIT_FAILED = 1
EXIT_REFUSED = 2
EXIT_CANCELLED = 3


def register(sub: argparse._SubParsersAction) -> None:
    actions = add_command_group(
        sub,
        "request",
        help="example clinical JSON; send a request (images + clinical data) to a hub",
    )
    add_command(actions, "example", run_example, help="print an example clinical JSON")

    send = actions.add_parser(
        "send",
        help="store the images (STOW-RS) and create the request (UPS workitem) on a hub",
        description=(
            "Send a tele-expertise request. Interrupted sends resume when the same command "
            "is run again. The password comes from the system keyring or is asked for."
        ),
    )
    add_hub_options(send)
    send.add_argument("--images", metavar="DIR", help="folder, USB stick, CD or DICOMDIR")
    send.add_argument(
        "--clinical", metavar="FILE.json", required=True, help="clinical data (see 'example')"
    )
    send.add_argument("--study", metavar="UID", help="the study to send when DIR holds several")
    send.add_argument(
        "--include-localizers",
        dest="include_localizers",
        action="store_true",
        default=False,
        help="also send scout / localiser series",
    )
    send.add_argument(
        "--no-localizers",
        dest="include_localizers",
        action="store_false",
        help="leave localisers out (the default)",
    )
    send.add_argument("--priority", choices=["HIGH", "MEDIUM", "LOW"], help="overrides the JSON's")
    send.add_argument("--state-dir", metavar="DIR", help="where unfinished sends are kept")
    send.add_argument("--new", action="store_true", help="a new request even if sent before")
    send.add_argument(
        "--show-identity",
        action="store_true",
        help="print the patient's identity even when the output is not a terminal",
    )
    add_login_options(send)
    send.set_defaults(handler=run_send)

    pending = actions.add_parser("pending", help="list the sends that did not finish")
    pending.add_argument("--state-dir", metavar="DIR", help="where unfinished sends are kept")
    pending.set_defaults(handler=run_pending)


def quiet_pydicom() -> None:
    """pydicom's validation warnings quote element values: keep patient data out of logs."""
    import logging
    import warnings

    logging.getLogger("pydicom").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module=r"pydicom\.")


def run_example(args: argparse.Namespace) -> int:
    import json
    from datetime import datetime

    from app.ed.request.form import example_clinical

    print(json.dumps(example_clinical(datetime.now().astimezone()), indent=2, ensure_ascii=False))
    return 0


def _fail(message: str, code: int) -> int:
    import sys

    print(f"request: {message}", file=sys.stderr)
    return code


def read_clinical(path: str, *, now: Any) -> Any:
    """The clinical form from a JSON file (ValueError/FormError with a clear message)."""
    import json
    from pathlib import Path

    from app.ed.request.form import parse_clinical

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"no such clinical file: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read the clinical file {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"the clinical file is not valid JSON (line {exc.lineno}): {exc.msg}"
        ) from None
    return parse_clinical(data, now=now)


def _show_images(images: RequestImages, *, show_identity: bool) -> None:
    import sys

    from app.ed.request.images import describe_identity

    if show_identity or sys.stdout.isatty():
        print(f"patient: {describe_identity(images.patient)}")
    else:
        print("patient: (identity shown on a terminal only, or with --show-identity)")
    print(f"study {images.study_uid} {images.study_date} {images.study_description}".rstrip())
    for series in images.series:
        print(f"  send  {series.title()}")
    for series in images.excluded:
        print(f"  leave {series.title()} (localiser; --include-localizers to send it)")
    if images.skipped_files:
        print(f"  {images.skipped_files} files skipped (not DICOM images)")


def run_send(args: argparse.Namespace) -> int:
    import dataclasses
    import sys
    from datetime import datetime

    from app.commands._hub_login import hub_from_args
    from app.ed.request.form import FormError
    from app.ed.request.images import IdentityMismatch, ImageError, MixedPatients, select_images
    from app.ed.request.send import SendError, send_request
    from app.ed.request.state import RequestStateStore, default_state_dir
    from app.hub.errors import HubError

    quiet_pydicom()
    now = datetime.now().astimezone()
    try:
        form = read_clinical(args.clinical, now=now)
    except (FormError, ValueError) as exc:
        return _fail(str(exc), EXIT_REFUSED)
    if args.priority:
        form = dataclasses.replace(form, priority=args.priority)
    images = None
    if args.images:
        try:
            images = select_images(
                args.images, include_localizers=args.include_localizers, study_uid=args.study
            )
        except MixedPatients as exc:
            shown = exc.screen_message() if sys.stderr.isatty() or args.show_identity else str(exc)
            return _fail(shown, EXIT_REFUSED)
        except ImageError as exc:
            return _fail(str(exc), EXIT_REFUSED)
        _show_images(images, show_identity=args.show_identity)
    elif form.patient is None:
        return _fail(
            "give --images DIR, or name the patient in the clinical JSON for a request "
            "without images",
            EXIT_REFUSED,
        )
    try:
        _, hub = hub_from_args(args, command="request")
    except (ValueError, KeyError) as exc:
        return _fail(str(exc.args[0] if exc.args else exc), EXIT_REFUSED)
    store = RequestStateStore(args.state_dir or default_state_dir())
    if not store.persistent:
        print(
            "request: no system keyring: the saved state of this send is sealed with a key "
            "kept for this run only; an interrupted send cannot be resumed later",
            file=sys.stderr,
        )
    try:
        result = send_request(
            hub,
            images,
            form,
            on_progress=lambda p: print(p.line(), flush=True),
            state_store=store,
            new=args.new,
        )
    except IdentityMismatch as exc:
        shown = exc.screen_message() if sys.stderr.isatty() or args.show_identity else str(exc)
        return _fail(shown, EXIT_REFUSED)
    except ValueError as exc:
        return _fail(str(exc), EXIT_REFUSED)
    except SendError as exc:
        cancelled = exc.state.status == "cancelled"
        return _fail(str(exc), EXIT_CANCELLED if cancelled else EXIT_FAILED)
    except HubError as exc:
        return _fail(f"failed: {exc}", EXIT_FAILED)
    except KeyboardInterrupt:
        return _fail("interrupted; run the same command again to resume", EXIT_CANCELLED)
    finally:
        hub.close()
    if result.resumed:
        print("(continued an earlier send of this request)")
    for note in result.notes:
        print(f"note: {note}")
    print(f"workitem {result.workitem_uid}")
    return 0


def run_pending(args: argparse.Namespace) -> int:
    from app.ed.request.state import RequestStateStore, default_state_dir

    store = RequestStateStore(args.state_dir or default_state_dir())
    pending = store.unfinished()
    for state in pending:
        print(
            f"{state.request_id}  {state.created}  {state.status}  {state.hub_url}  "
            f"{state.instances_stored}/{state.instances_total} images  "
            f"workitem {state.workitem_uid} ({state.workitem})"
        )
        if state.last_error:
            print(f"    {state.last_error}")
    if not pending:
        print("no unfinished request")
    return 0
