"""``strokelink opinion``: an example opinion as JSON; its objects built without a hub.

``opinion example [--study DIR]`` prints a complete opinion (schema in
``docs/opinion-schema.md``), fitted to the study in DIR when given.
``opinion build OPINION.json --study DIR --out DIR`` checks the opinion
against the study's images (identity, series, completeness), signs it if it
is not signed yet, and writes the SR, the PDF (DICOM and plain), the key
images and their KOS into the output folder, with the signed opinion
(``opinion-signed.json``) whose UIDs a later rebuild reuses. It is also the
export fallback when the hub is down.

Exit status: 0 written; 2 unreadable or invalid input; 3 the opinion cannot
be sent as it is (fields not set, identity differences no override covers —
the patient found is named —, the occlusion not stated while a series looks
angiographic, series not in the study).

An ``identity_override`` names each difference it accepts (``"differences":
[{"field", "request", "images"}]``); one of the old form (``"fields"``) is
read as no override, and said.
"""

from __future__ import annotations

import argparse
import sys

from app.commands._parser import add_command, add_command_group

EXIT_INVALID = 2
EXIT_NOT_READY = 3


def register(sub: argparse._SubParsersAction) -> None:
    actions = add_command_group(
        sub, "opinion", help="example opinion JSON; build the opinion's SR, PDF and key images"
    )
    example = add_command(
        actions, "example", run_example, help="print a complete example opinion as JSON"
    )
    example.add_argument("--study", metavar="DIR", help="fit the example to the study in DIR")
    build = actions.add_parser(
        "build", help="write the SR, PDF, key images and KOS of an opinion for a study (no hub)"
    )
    build.add_argument(
        "opinion", metavar="OPINION.json", help="the opinion (see 'opinion example')"
    )
    build.add_argument(
        "--study", metavar="DIR", required=True, help="folder with the study's DICOM images"
    )
    build.add_argument(
        "--out", metavar="DIR", required=True, help="folder to write the objects into"
    )
    build.set_defaults(handler=run_build)


def run_example(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.opinion.build import example_opinion
    from app.opinion.schema import opinion_to_json
    from app.opinion.study import Study, StudyError

    study = None
    if args.study:
        try:
            study = Study.from_folder(Path(args.study))
        except StudyError as exc:
            print(f"opinion example: {exc}", file=sys.stderr)
            return EXIT_INVALID
    print(opinion_to_json(example_opinion(study)))
    return 0


def run_build(args: argparse.Namespace) -> int:
    import datetime as dt
    import hashlib
    import json
    from pathlib import Path

    from app.opinion.build import OpinionNotReady, build_documents
    from app.opinion.schema import (
        LEGACY_OVERRIDE_NOTE,
        OpinionValidationError,
        legacy_override,
        opinion_from_json,
        opinion_to_json,
    )
    from app.opinion.signing import new_document_uids
    from app.opinion.study import Study, StudyError

    source = Path(args.opinion)
    try:
        text = source.read_text(encoding="utf-8")
        opinion = opinion_from_json(text)
        study = Study.from_folder(Path(args.study))
    except OSError as exc:
        print(f"opinion build: cannot read {source}: {exc.strerror}", file=sys.stderr)
        return EXIT_INVALID
    except (OpinionValidationError, StudyError) as exc:
        print(f"opinion build: {exc}", file=sys.stderr)
        return EXIT_INVALID
    if legacy_override(json.loads(text)):  # read above: it is JSON
        print(f"opinion build: {LEGACY_OVERRIDE_NOTE}", file=sys.stderr)
    if opinion.uids is None:
        # Sign now. With a signing time in the JSON the UIDs derive from its content,
        # so building the same file again gives the same objects.
        fixed_time = opinion.signed_at is not None
        opinion.signed_at = (opinion.signed_at or dt.datetime.now().astimezone()).replace(
            microsecond=0
        )
        seed_text = text if fixed_time else opinion_to_json(opinion)
        seed = hashlib.sha256(f"{study.study_instance_uid}\n{seed_text}".encode()).hexdigest()
        opinion.uids = new_document_uids(len(opinion.key_images), seed=seed)
    try:
        documents = build_documents(opinion, study, base_dir=source.parent)
    except OpinionNotReady as exc:
        print(f"opinion build: {exc}", file=sys.stderr)
        return EXIT_NOT_READY
    out = Path(args.out)
    written = documents.write(out)
    signed = out / "opinion-signed.json"
    signed.write_text(opinion_to_json(opinion) + "\n", encoding="utf-8")
    for path in [*written, signed]:
        print(f"wrote {path}")
    if opinion.identity_override is not None:
        o = opinion.identity_override
        print(f"identity override by {o.by} ({', '.join(o.fields)}): {o.reason}")
        for d in o.differences:
            print(f"  accepted {d.field}: request {d.request!r}, images {d.images!r}")
    return 0
