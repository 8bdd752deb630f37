"""``strokelink demo``: the embedded hub seeded with synthetic cases, and the app on it."""

from __future__ import annotations

import argparse

from app.commands._parser import add_command


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "demo",
        run,
        help="run the embedded demo hub with synthetic stroke cases and the app connected to it",
    )
    p.add_argument("--data", help="hub data folder (default: a per-user folder)")
    p.add_argument("--port", type=int, default=0, help="hub port (default: a free port)")
    p.add_argument("--lang", help="user-interface language (en, fr)")
    p.add_argument("--screenshot", metavar="PNG", help="save a screenshot once loaded, then quit")
    p.add_argument(
        "--user",
        help="the radiologist's name when claiming, the ED physician's with --role ed "
        "(default: the OS user)",
    )
    p.add_argument(
        "--role",
        dest="demo_role",
        choices=("radiologist", "ed"),
        help="whose app to show: the radiologist's worklist (default) or the emergency "
        "department's request form and site's requests",
    )
    p.add_argument(
        "--site",
        dest="demo_site",
        default="CH Verdun, Urgences",
        help="--role ed: the ED's site (default: %(default)s, the left-mca case's)",
    )
    p.add_argument(
        "--images", metavar="DIR", help="--role ed: a folder of images loaded into the form"
    )


def run(args: argparse.Namespace) -> int:
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path

    import platformdirs
    import requests

    data = (
        Path(args.data)
        if args.data
        else Path(platformdirs.user_data_dir("strokelink")) / "demo-hub"
    )
    data.mkdir(parents=True, exist_ok=True)
    port = args.port
    if not port:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/dicom-web"
    print(f"demo: starting the hub on {url} (data in {data}); seeding the synthetic cases…")
    # ``strokelink hub``: the frozen bundle is its own executable, a Python is ``-m app``.
    strokelink = (
        [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "app"]
    )
    hub = subprocess.Popen(
        [
            *strokelink,
            "hub",
            "--data",
            str(data),
            "--port",
            str(port),
            "--seed-demo",
        ]
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            if hub.poll() is not None:
                print("demo: the hub stopped before it was ready", file=sys.stderr)
                return 1
            try:
                if requests.get(f"{url}/workitems", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                print("demo: the hub did not become ready in time", file=sys.stderr)
                return 1
            time.sleep(0.5)
        if (args.demo_role or getattr(args, "role", None)) == "ed":
            from app.ui.ed.window import run_ed_gui

            return run_ed_gui(
                hub_url=url, lang=args.lang, site=args.demo_site, user=args.user,
                screenshot=args.screenshot, images=args.images, example=True,
                state_dir=data / "ed-requests", settings_path=data / "ed-settings.json",
            )  # fmt: skip
        from app.ui.launch import run_gui

        return run_gui(hub_url=url, lang=args.lang, screenshot=args.screenshot, user=args.user)
    finally:
        hub.terminate()
        try:
            hub.wait(timeout=10)
        except subprocess.TimeoutExpired:
            hub.kill()
