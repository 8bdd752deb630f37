"""The emergency department's side: site requests, opinion watch, the request form and sending,
C-STORE receive, hospital PACS. No Qt.
"""
