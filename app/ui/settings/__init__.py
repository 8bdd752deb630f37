"""Hub profiles and the signer, set up by the user (issue #13 item 2).

- :mod:`~app.ui.settings.words`: the connection checks' results, in plain translated words;
- :mod:`~app.ui.settings.profile_dialog`: :class:`ProfileDialog`, one hub profile (URL,
  user, password in the keyring, CA bundle, role and site, who signs) with "Test connection";
- :mod:`~app.ui.settings.settings_dialog`: :class:`SettingsDialog`, every profile (add, edit,
  remove, choose the active one) and the windows' "Settings" menu entry;
- :mod:`~app.ui.settings.startup`: :func:`ask_profile`, the first-start dialog when no
  profile exists.

The logic is :mod:`app.hub.profiles` and :mod:`app.hub.check`, shared with
``strokelink profile ...``, and :mod:`app.worklist.signer`, shared with ``strokelink signer set``.
"""
