"""The emergency side of a tele-expertise request: clinical form, images, sending. No Qt.

- :mod:`app.ed.request.form`: the clinical JSON (``docs/request-schema.md``) →
  :class:`ClinicalForm`, validated (:class:`FormError` lists field: rule);
- :mod:`app.ed.request.images`: a folder / CD / USB stick → :class:`RequestImages`
  (one patient, one study, most urgent series first, localisers aside);
- :mod:`app.ed.request.send`: STOW-RS the series, create then update the UPS
  workitem (INCOMPLETE → READY), resumably (:mod:`app.ed.request.state`).

DICOM networking around it lives in :mod:`app.ed.receive` (C-STORE SCP) and
:mod:`app.ed.pacs` (C-FIND / C-GET from the hospital PACS).
"""

from app.ed.request.form import (
    ClinicalForm,
    FieldProblem,
    FormError,
    example_clinical,
    parse_clinical,
)
from app.ed.request.images import (
    IdentityMismatch,
    ImageError,
    MixedPatients,
    NoImages,
    RequestImages,
    RequestSeries,
    SeveralStudies,
    StudyChoice,
    describe_identity,
    images_from_scan,
    select_images,
)
from app.ed.request.send import (
    Progress,
    SendCancelled,
    SendError,
    SendResult,
    add_images,
    resume_request,
    send_request,
    withdraw_request,
)
from app.ed.request.state import RequestState, RequestStateStore

__all__ = [
    "ClinicalForm",
    "FieldProblem",
    "FormError",
    "IdentityMismatch",
    "ImageError",
    "MixedPatients",
    "NoImages",
    "Progress",
    "RequestImages",
    "RequestSeries",
    "RequestState",
    "RequestStateStore",
    "SendCancelled",
    "SendError",
    "SendResult",
    "SeveralStudies",
    "StudyChoice",
    "add_images",
    "describe_identity",
    "example_clinical",
    "images_from_scan",
    "parse_clinical",
    "resume_request",
    "select_images",
    "send_request",
    "withdraw_request",
]
