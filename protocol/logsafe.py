"""Warnings and log records of pydicom without the element values they quote.

pydicom's validation and decoding messages quote what a file holds — ``Invalid
value for VR DA: '2023xx'``, ``Unknown encoding 'ISO_IR …'``, a patient's name
— and a terminal or a log is no place for patient data. :func:`scrub` replaces
every quoted span (``'…'``, ``"…"``, ``b'…'``) by ``'…'`` and keeps the rest
(the keyword, VR, tag, what was wrong), which stays useful to a reader.

:func:`install` makes it so for the whole process: every warning shown through
:func:`warnings.showwarning` is scrubbed (the CLI's warnings are pydicom's in
practice, and a scrubbed message of another library loses little), and every
log record of the ``pydicom`` loggers (``pydicom`` and its children) is
scrubbed when it is created, whatever handler then prints it. Both are
idempotent. The client CLI (:mod:`app.cli`) and the hub (:mod:`minihub.server`)
call it; this module imports the standard library only.
"""

from __future__ import annotations

import logging
import re
import warnings
from typing import Any, TextIO

#: A quoted span: opening quote not inside a word (``can't`` is no quote), closing
#: quote not followed by a word character (``'O'Brien'`` is one span); a quote
#: never closed hides the rest of its line.
_QUOTED = re.compile(
    r"""(?<!\w)b?'.*?'(?!\w)|(?<!\w)b?".*?"(?!\w)|(?<!\w)b?['"][^\n]*""", re.DOTALL
)
ELIDED = "'…'"
_MARK = "_strokelink_scrubbed"


def scrub(text: str) -> str:
    """``text`` with every quoted value replaced by ``'…'``."""
    return _QUOTED.sub(ELIDED, text)


def _is_pydicom(name: str) -> bool:
    return name == "pydicom" or name.startswith("pydicom.")


def install() -> None:
    """Scrub warnings and pydicom's log records from now on, in this process."""
    shown = warnings.showwarning
    if not getattr(shown, _MARK, False):

        def showwarning(  # noqa: PLR0917 (the signature of warnings.showwarning)
            message: Warning | str,
            category: type[Warning],
            filename: str,
            lineno: int,
            file: TextIO | None = None,
            line: str | None = None,
        ) -> None:
            shown(scrub(str(message)), category, filename, lineno, file, line)

        setattr(showwarning, _MARK, True)
        warnings.showwarning = showwarning

    factory = logging.getLogRecordFactory()
    if not getattr(factory, _MARK, False):

        def record_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = factory(*args, **kwargs)
            if _is_pydicom(record.name):
                record.msg = scrub(record.getMessage())
                record.args = None
            return record

        setattr(record_factory, _MARK, True)
        logging.setLogRecordFactory(record_factory)
