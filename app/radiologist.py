"""Who signs the opinions: the radiologist's identity, per hub profile. No Qt.

An opinion is signed with the radiologist's name as a DICOM person name
(``FAMILY^Given``, written to (0040,A073) Verifying Observer Sequence >
(0040,A075) Verifying Observer Name in the SR), the organisation
((0040,A027) Verifying Organization) and the hub login. The hub profile
(:class:`app.hub.profiles.HubProfile`) knows the login only, so the rest is
kept here, as JSON in the user's configuration folder, per hub profile::

    {"networks": {"lorraine": {"name": "MARTIN^Claire", "organisation": "CHRU Nancy",
                               "identifier": "cmartin"}}}

The file holds no secret and no patient data. :class:`RadiologistStore` is
what the opinion session asks (through :meth:`RadiologistStore.signer`);
tests inject a store on a temporary path, or a plain callable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.json_file import read_json_object, write_json_atomic
from app.opinion.model import Radiologist

RADIOLOGISTS_FILE = "radiologists.json"

#: What the opinion session asks for the signing radiologist (None: unknown).
Signer = Callable[[], Radiologist | None]


def default_radiologists_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("strokelink")) / RADIOLOGISTS_FILE


def radiologist_from_json(data: Any) -> Radiologist | None:
    """A radiologist from one profile's entry; None when the entry has no name."""
    if not isinstance(data, dict):
        return None
    name = str(data.get("name", "") or "").strip()
    if not name:
        return None
    return Radiologist(
        name=name,
        organisation=str(data.get("organisation", "") or "").strip(),
        identifier=str(data.get("identifier", "") or "").strip(),
    )


@dataclass
class RadiologistStore:
    """The signing radiologist of each hub profile, as JSON in ``path``."""

    path: Path = field(default_factory=default_radiologists_path)

    def _read(self) -> dict[str, Any]:
        return read_json_object(self.path, what="the radiologist settings")

    def load(self, network: str) -> Radiologist | None:
        """The radiologist who signs on ``network`` (a hub profile name), or None."""
        return radiologist_from_json(self._read().get("networks", {}).get(network))

    def save(self, network: str, radiologist: Radiologist) -> None:
        """Keep ``radiologist`` for ``network`` (the file is replaced atomically)."""
        if not radiologist.name.strip():
            raise ValueError("the signing radiologist needs a name")
        data = self._read()
        data.setdefault("networks", {})[network] = {
            "name": radiologist.name.strip(),
            "organisation": radiologist.organisation.strip(),
            "identifier": radiologist.identifier.strip(),
        }
        write_json_atomic(self.path, data, temp_prefix=".radiologists-", ensure_ascii=False)

    def signer(self, network: str, *, login: str = "") -> Signer:
        """A callable giving ``network``'s radiologist, read afresh each time.

        ``login`` (the hub profile's user name) fills an empty identifier.
        """

        def current() -> Radiologist | None:
            found = self.load(network)
            if found is not None and not found.identifier and login:
                return Radiologist(found.name, found.organisation, login)
            return found

        return current
