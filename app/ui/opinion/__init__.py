"""The opinion panel (issue #5 "Writing it") and the outbox on screen. Qt only here.

* :class:`~app.ui.opinion.panel.OpinionPanel` — one case's opinion, beside the images;
* :class:`~app.ui.opinion.outbox_panel.OutboxRunner` — sends what the outbox holds;
* :class:`~app.ui.opinion.outbox_panel.OutboxPanel` — every opinion's delivery state;
* :func:`~app.ui.opinion.outbox_panel.confirm_quit` — ask before quitting with
  undelivered opinions.

The logic is :class:`app.reading.session.OpinionSession` (no Qt).
"""
