"""Hub client: DICOMweb (QIDO/WADO/STOW) and UPS-RS over HTTP. No Qt."""

from app.hub.client import HttpHub, HubError
from app.hub.protocol import Hub

__all__ = ["HttpHub", "Hub", "HubError"]
