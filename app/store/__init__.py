"""What the app keeps on disk: sealed (encrypted) files, the audit log, small JSON settings
files. No Qt.
"""
