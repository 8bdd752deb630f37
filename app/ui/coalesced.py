"""One refresh from the hub at a time: a refresh asked for while one runs is run once
after it — at once after a success, a second later after a failure (the hub is down:
no tight retry loop). Shared by the worklist window and the ED's requests tab."""

from __future__ import annotations

from PySide6.QtCore import QTimer

#: After a failed refresh, how long before the one asked for meanwhile.
RETRY_MS = 1000


class CoalescedRefresh:
    """Mixin for a Qt view whose ``refresh`` re-reads the hub off the GUI thread."""

    _refreshing = False  # a refresh runs
    _pending = False  # another was asked for meanwhile

    def refresh(self) -> None:
        raise NotImplementedError

    def _start_refresh(self) -> bool:
        """True when a refresh may start now; else one runs and another is due after it."""
        if self._refreshing:
            self._pending = True
            return False
        self._refreshing = True
        return True

    def _refresh_again(self, *, failed: bool) -> None:
        """Run the refresh asked for while the last one ran, if any."""
        if self._pending:
            self._pending = False
            if failed:
                QTimer.singleShot(RETRY_MS, self.refresh)
            else:
                self.refresh()
