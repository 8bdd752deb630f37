"""The radiologist's reading session: drafting, the identity gate, signing and sending. It sits
above the opinion documents (app/opinion), the worklist and the outbox. No Qt.

- :mod:`app.reading.session`: :class:`OpinionSession`, the case being read (draft, images);
- :mod:`app.reading.drafting`: the radiologist's edits, series read and key images;
- :mod:`app.reading.identity_gate`: the patient identity check and its override;
- :mod:`app.reading.sending`: what stops sending, signing, the outbox, amendments;
- :mod:`app.reading.edits`: the edits themselves, as plain functions;
- :mod:`app.reading.state`: the case's state and the session's error.
"""
