"""The radiologist's worklist window parts: table, view, request panel, alerts, event listener,
signer dialog.
"""
