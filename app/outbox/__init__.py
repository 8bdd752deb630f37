"""Opinions on their way to the ED: the outbox, its items, and delivery (STOW-RS then UPS). No
Qt.
"""
