"""The radiologist's worklist: requests, settings, alerts, claims, duplicates, who signs. No
Qt.
"""
