"""The structured stroke opinion: model, JSON, and the DICOM/PDF documents it is sent as. No Qt.

* :mod:`app.opinion.model` — the :class:`Opinion` tree, every finding NOT_ASSESSED
  until stated, and :func:`missing_for_sending`.
* :mod:`app.opinion.schema` — strict JSON (``docs/opinion-schema.md``).
* :mod:`app.opinion.identity` — request vs images identity check, and the override
  bound to the differing values it names.
* :mod:`app.opinion.signing` — signing (UIDs fixed once), final after preliminary, amendment.
* :mod:`app.opinion.build` — SR + PDF + key images + KOS for a study, without a hub.
* :mod:`app.opinion.render` — our SR read back; :mod:`app.opinion.ack` — the ED's acknowledgement.
"""

from app.opinion.identity import (
    Difference,
    IdentityOverride,
    Mismatch,
    PatientIdentity,
    check_identity,
    normalise_name,
    override_identity,
)
from app.opinion.model import Opinion, missing_for_sending
from app.opinion.schema import OpinionValidationError, opinion_from_json, opinion_to_json

__all__ = [
    "Difference",
    "IdentityOverride",
    "Mismatch",
    "Opinion",
    "OpinionValidationError",
    "PatientIdentity",
    "check_identity",
    "missing_for_sending",
    "normalise_name",
    "opinion_from_json",
    "opinion_to_json",
    "override_identity",
]
