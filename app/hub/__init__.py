"""Hub client: DICOMweb (QIDO/WADO/STOW) and UPS-RS over HTTP. No Qt.

:class:`HttpHub` implements the :class:`Hub` protocol; every failure is a
:class:`HubError` subclass (see :mod:`app.hub.errors`); hub profiles and
their secrets live in :mod:`app.hub.profiles`.
"""
