"""A Qt table model over a list of rows under fixed column headers."""

from __future__ import annotations

from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")


class RowsTableModel(QAbstractTableModel, Generic[Row]):
    """One row per item of ``_rows``, one column per entry of ``headers``.

    Subclasses fill both in ``__init__`` and give ``data`` and ``headerData``.
    """

    _rows: list[Row]
    headers: list[str]

    def request_at(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)
