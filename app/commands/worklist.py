"""``strokelink worklist``: the hub's tele-expertise requests, as a table or as JSON.

By default the open requests (UPS workitems SCHEDULED or IN PROGRESS); with
``--all`` the COMPLETED and CANCELED ones as well. ``--json`` prints ONE JSON
list, a contract that scripts and tests rely on (``docs/request-schema.md``,
"The worklist as JSON"): one object per request with ``workitem_uid``,
``state``, ``priority``, ``readiness``, ``scheduled``, ``patient``
(``name``, ``id``, ``issuer``, ``birth_date``, ``sex``), ``images``
(``listed``, ``expected``), ``incomplete``, ``study_uids``, ``claimed_by``
and ``clinical`` — the request's clinical facts with the keys and units of the
request JSON (:func:`protocol.request_json.clinical_to_json`).

The table shows the patient's identity on a terminal only (or with
``--show-identity``), so that a redirected output keeps no patient data; the
JSON always carries it (asking for ``--json`` is asking for it).

Authentication is that of ``strokelink pull`` (profile, ``--user``, keyring).
Exit status: 0 listed; 1 the hub failed; 2 refused options or login.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from app.commands._parser import add_command, add_hub_options, add_login_options

if TYPE_CHECKING:
    from app.worklist.model import Request

OPEN = ("SCHEDULED", "IN PROGRESS")
FINISHED = ("COMPLETED", "CANCELED")
#: Short words for the table's flag column (:func:`protocol.request.clinical_flags`).
FLAG_WORDS = {
    "blood_pressure": "BP>185/110",
    "glucose_low": "glucose<2.8",
    "glucose_high": "glucose>22.2",
    "anticoagulant": "anticoagulant",
}


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "worklist",
        run,
        help="list the hub's requests (open ones; --all for every state), as a table or JSON",
        description=(
            "List the tele-expertise requests (UPS workitems) of a hub: SCHEDULED and "
            "IN PROGRESS, or every state with --all. --json prints one JSON list with "
            "every clinical fact in the keys and units of the request JSON. The password "
            "comes from the system keyring or is asked for."
        ),
    )
    add_hub_options(p)
    p.add_argument("--json", action="store_true", help="print one JSON list (see the docs)")
    p.add_argument("--all", action="store_true", help="also the COMPLETED and CANCELED requests")
    p.add_argument(
        "--show-identity",
        action="store_true",
        help="print the patients' identity in the table even when the output is not a terminal",
    )
    add_login_options(p)


def request_json(request: Request) -> dict[str, Any]:
    """One request as the ``--json`` contract writes it."""
    from protocol.request_json import clinical_to_json

    return {
        "workitem_uid": request.workitem_uid,
        "state": request.state,
        "priority": request.priority,
        "readiness": request.readiness,
        "scheduled": request.scheduled.isoformat() if request.scheduled else None,
        "patient": {
            "name": request.patient_name,
            "id": request.patient_id,
            "issuer": request.issuer_of_patient_id,
            "birth_date": request.birth_date,
            "sex": request.sex,
        },
        "images": {"listed": request.images_listed, "expected": request.images_expected},
        "incomplete": request.incomplete,
        "study_uids": list(request.study_uids),
        "claimed_by": request.performer,
        "clinical": clinical_to_json(request.clinical),
    }


def _treatment(request: Request) -> str:
    from protocol.request import format_number

    r = request.clinical
    if r.anticoagulation is None:
        return "-"
    text = r.anticoagulation.lower()
    if r.inr is not None:
        text += f" INR {format_number(r.inr)}"
    if r.last_dose is not None:
        text += f" last {r.last_dose:%d/%m %H:%M}"
    return text


def _images(request: Request) -> str:
    expected = "?" if request.images_expected is None else str(request.images_expected)
    text = f"{request.images_listed}/{expected}"
    if request.incomplete:
        text += " INCOMPLETE"
    return text


def table(requests: list[Request], *, show_identity: bool) -> list[str]:
    """The text table, one line per request (patient hidden unless ``show_identity``)."""
    header = ("PRIORITY", "STATE", "IMAGES", "PATIENT", "LAST KNOWN WELL", "NIHSS",
              "ANTICOAGULATION", "FLAGS", "SITE", "WORKITEM")  # fmt: skip
    rows = [header]
    for r in requests:
        c = r.clinical
        lkw = c.last_known_well.isoformat(" ", "minutes") if c.last_known_well else "-"
        if c.last_known_well is None and c.onset_timing:
            lkw = c.onset_timing.lower()
        elif c.onset_timing == "WAKE-UP":
            lkw += " (wake-up)"
        patient = f"{r.patient_name} {r.patient_id}".strip() if show_identity else "(hidden)"
        rows.append(
            (
                r.priority,
                r.state,
                _images(r),
                patient,
                lkw,
                "-" if c.nihss is None else str(c.nihss),
                _treatment(r),
                ",".join(FLAG_WORDS.get(f, f) for f in r.flags) or "-",
                c.site or "-",
                r.workitem_uid,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip()
            for row in rows]  # fmt: skip


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from app.commands._hub_login import hub_from_args
    from app.commands.request import quiet_pydicom
    from app.hub.errors import HubError
    from app.worklist.model import read_or_placeholder, request_from_workitem

    quiet_pydicom()  # its warnings quote element values: no patient data in logs
    try:
        _, hub = hub_from_args(args, command="worklist")
    except (ValueError, KeyError) as exc:
        print(f"worklist: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 2
    states = OPEN + FINISHED if args.all else OPEN
    try:
        items = [
            item
            for state in states
            for item in hub.search_workitems({"ProcedureStepState": state}, includefield=["all"])
        ]
    except HubError as exc:
        print(f"worklist: failed: {exc}", file=sys.stderr)
        return 1
    finally:
        hub.close()
    order = {state: i for i, state in enumerate(states)}
    requests = sorted(
        (read_or_placeholder(item, request_from_workitem) for item in items),
        key=lambda r: (order.get(r.state, len(order)), r.sort_key),
    )
    if args.json:
        print(json.dumps([request_json(r) for r in requests], indent=2, ensure_ascii=False))
        return 0
    if not requests:
        print("no open request" if not args.all else "no request")
        return 0
    show = args.show_identity or sys.stdout.isatty()
    for line in table(requests, show_identity=show):
        print(line)
    return 0
