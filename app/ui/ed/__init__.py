"""The emergency physician's desktop UI (``strokelink --role ed``), issues #5 and #6.

- :mod:`~app.ui.ed.window`: :class:`EdMainWindow` and :func:`run_ed_gui`;
- :mod:`~app.ui.ed.request_tab`: the request form and its sending;
- :mod:`~app.ui.ed.draft`: the plain model the form writes into (no Qt);
- :mod:`~app.ui.ed.images_panel`, :mod:`~app.ui.ed.clinical_panel`: its parts;
- :mod:`~app.ui.ed.requests_tab`, :mod:`~app.ui.ed.site_requests_view`,
  :mod:`~app.ui.ed.opinion_view`: the site's requests and their answers.

The logic is :mod:`app.ed.request` (form, images, sending) and :mod:`app.ed.site_requests`
(states, opinions, acknowledgement); this package only wires it.
"""
