"""Who signs the opinions: the radiologist's identity, per hub profile. No Qt.

An opinion is signed with the radiologist's name as a DICOM person name
(PS3.5 6.2, VR PN ``FAMILY^Given^Middle^Prefix^Suffix``: the title, "Dr"
or "Pr", is the name prefix), written to (0040,A073) Verifying Observer
Sequence > (0040,A075) Verifying Observer Name in the SR, the organisation
((0040,A027) Verifying Organization) and the hub login. A claim names the
same person in (0040,4035) Actual Human Performers Sequence (see
:mod:`app.worklist.claims`). The hub profile (:class:`app.hub.profiles.HubProfile`)
knows the login only, so the rest is kept here, as JSON in the user's
configuration folder, per hub profile::

    {"networks": {"lorraine": {"name": "MARTIN^Claire", "title": "Dr",
                               "organisation": "CHRU Nancy", "identifier": "cmartin"}}}

The radiologist types it once, in the first-start dialog
(:mod:`app.ui.worklist.signer_dialog`), which checks it with :meth:`SignerSettings.problems`
and saves it with :meth:`RadiologistStore.save_signer`. The file holds no
secret and no patient data. :class:`RadiologistStore` is what the opinion
session asks (through :meth:`RadiologistStore.signer`); tests inject a store
on a temporary path, or a plain callable.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.opinion.model import Radiologist
from app.store.json_file import read_json_object, write_json_atomic

RADIOLOGISTS_FILE = "radiologists.json"
PN_GROUP_MAX = 64  # PS3.5 Table 6.2-1: 64 characters per PN component group
LO_MAX = 64  # (0040,A027) Verifying Organization, (0040,4036) Human Performer's Organization
#: The titles the dialog offers (any other may be typed).
TITLES = ("Dr", "Pr")

#: What the opinion session asks for the signing radiologist (None: unknown).
Signer = Callable[[], Radiologist | None]


class Problem(StrEnum):
    """Why a typed value cannot be kept; the dialog words each one."""

    REQUIRED = "required"
    SEPARATOR = "separator"  # ^ = \ : they would split the DICOM value
    CONTROL = "control"  # a line break or another control character
    TOO_LONG = "too_long"


def default_radiologists_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("strokelink")) / RADIOLOGISTS_FILE


def _text_problem(value: str, *, required: bool, separators: str) -> Problem | None:
    if not value.strip():
        return Problem.REQUIRED if required else None
    if any(c in separators for c in value):
        return Problem.SEPARATOR
    if any(unicodedata.category(c).startswith("C") for c in value):
        return Problem.CONTROL
    return None


@dataclass(frozen=True)
class SignerSettings:
    """What the radiologist typed in the signer dialog, as typed (ends trimmed).

    ``family`` and ``given`` make the DICOM person name ``FAMILY^Given``
    (kept in the case typed); ``title`` ("Dr", "Pr", or none) its name prefix;
    ``organisation`` the hospital or group that signs; ``identifier`` the hub
    login (not asked: from the hub profile, kept when saved again).
    """

    family: str
    given: str
    title: str = ""
    organisation: str = ""
    identifier: str = ""

    def __post_init__(self) -> None:
        for name in ("family", "given", "title", "organisation", "identifier"):
            object.__setattr__(self, name, str(getattr(self, name) or "").strip())

    @property
    def name(self) -> str:
        """``FAMILY^Given``: the name as stored (PN without the title)."""
        return f"{self.family}^{self.given}" if self.given else self.family

    @property
    def person_name(self) -> str:
        """The DICOM PN written in claims and opinions: ``FAMILY^Given^^Title``."""
        return f"{self.name}^^{self.title}" if self.title else self.name

    def problems(self) -> dict[str, Problem]:
        """What stops saving, per field (``family``, ``given``, ``title``, ``organisation``).

        Family and given names and the organisation are required (a signature
        names its author and where they work: (0040,A027) Verifying
        Organization is Type 1 in the PS3.3 C.17.2 SR Document General Module); nothing is
        cut or changed: too long or a DICOM separator is refused.
        """
        found: dict[str, Problem] = {}
        pn = "^=\\"
        for key, value, required, separators in (
            ("family", self.family, True, pn),
            ("given", self.given, True, pn),
            ("title", self.title, False, pn),
            ("organisation", self.organisation, True, "\\"),
        ):
            problem = _text_problem(value, required=required, separators=separators)
            if problem is not None:
                found[key] = problem
        name_ok = not found.keys() & {"family", "given", "title"}
        if name_ok and len(self.person_name) > PN_GROUP_MAX:
            longest = max(("family", "given"), key=lambda k: len(getattr(self, k)))
            found[longest] = Problem.TOO_LONG
        if "organisation" not in found and len(self.organisation) > LO_MAX:
            found["organisation"] = Problem.TOO_LONG
        return found

    def radiologist(self) -> Radiologist:
        """The signer as the opinion and the claim name them."""
        return Radiologist(self.person_name, self.organisation, self.identifier)


def settings_from_json(data: Any) -> SignerSettings | None:
    """One profile's entry as typed; None when the entry has no name.

    A name written by hand with its prefix (``MARTIN^Claire^^Dr``) gives the
    title when the entry has none.
    """
    if not isinstance(data, dict):
        return None
    name = str(data.get("name", "") or "").strip()
    if not name:
        return None
    parts = name.split("^")
    title = str(data.get("title", "") or "").strip()
    if not title and len(parts) > 3:
        title = parts[3]
    return SignerSettings(
        family=parts[0],
        # a middle name written by hand (``DUPONT^Jean^Pierre``) is kept with the given name
        given=" ".join(p for p in parts[1:3] if p.strip()),
        title=title,
        organisation=str(data.get("organisation", "") or ""),
        identifier=str(data.get("identifier", "") or ""),
    )


def radiologist_from_json(data: Any) -> Radiologist | None:
    """A radiologist from one profile's entry; None when the entry has no name."""
    settings = settings_from_json(data)
    return settings.radiologist() if settings is not None else None


@dataclass
class RadiologistStore:
    """The signing radiologist of each hub profile, as JSON in ``path``."""

    path: Path = field(default_factory=default_radiologists_path)

    def _read(self) -> dict[str, Any]:
        return read_json_object(self.path, what="the radiologist settings")

    def _write(self, data: dict[str, Any]) -> None:
        write_json_atomic(self.path, data, temp_prefix=".radiologists-", ensure_ascii=False)

    def load(self, network: str) -> Radiologist | None:
        """The radiologist who signs on ``network`` (a hub profile name), or None."""
        return radiologist_from_json(self._read().get("networks", {}).get(network))

    def load_signer(self, network: str) -> SignerSettings | None:
        """What was typed for ``network`` (None: nothing yet, the first start)."""
        return settings_from_json(self._read().get("networks", {}).get(network))

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
        self._write(data)

    def save_signer(self, network: str, signer: SignerSettings) -> None:
        """Keep what the dialog checked for ``network``; a stored identifier is kept.

        Raises ValueError when :meth:`SignerSettings.problems` finds any.
        """
        problems = signer.problems()
        if problems:
            raise ValueError(f"the signer settings are incomplete: {sorted(problems)}")
        data = self._read()
        networks = data.setdefault("networks", {})
        before = networks.get(network) if isinstance(networks.get(network), dict) else {}
        identifier = signer.identifier or str(before.get("identifier", "") or "").strip()
        networks[network] = {
            "name": signer.name,
            "title": signer.title,
            "organisation": signer.organisation,
            "identifier": identifier,
        }
        self._write(data)

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
