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
