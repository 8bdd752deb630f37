"""The emergency side of a tele-expertise request: clinical form, images, sending. No Qt.

- :mod:`app.ed.request.form`: the clinical JSON (``docs/request-schema.md``) →
  :class:`ClinicalForm`, validated (:class:`FormError` lists field: rule);
- :mod:`app.ed.request.images`: a folder / CD / USB stick → :class:`RequestImages`
  (one patient, one study, most urgent series first, localisers aside);
- :mod:`app.ed.request.send`: STOW-RS the series, create then update the UPS
  workitem (INCOMPLETE → READY), resumably (:mod:`app.ed.request.state`);
- :mod:`app.ed.request.start`: a request's key and fresh state, before it is sent.

DICOM networking around it lives in :mod:`app.ed.receive` (C-STORE SCP) and
:mod:`app.ed.pacs` (C-FIND / C-GET from the hospital PACS).
"""
