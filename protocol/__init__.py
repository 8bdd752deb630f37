"""What the StrokeLink client and hub both speak; imports only pydicom and the stdlib.

- :mod:`protocol.codes`: coded concepts of the request, and the private coding
  scheme ``99STRKLNK`` for what no standard code fits;
- :mod:`protocol.request`: the request codec, clinical data <-> UPS workitem
  (DESIGN.md "The request"), and the request JSON's keys and units;
- :mod:`protocol.uids`: the one UID rule (PS3.5 9.1, 64 characters at most);
- :mod:`protocol.times`: DT (date-time) values, written and read;
- :mod:`protocol.logsafe`: pydicom's warnings and log records without the
  element values they quote.

Neither ``app`` nor ``minihub`` owns these: both import them (import-linter
contract in ``pyproject.toml``).
"""
