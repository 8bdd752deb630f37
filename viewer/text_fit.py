"""Corner texts that never overlap one another nor the orientation labels.

In a narrow view (three panes in a row, a 2x2 grid) the corner texts of a view
would run into each other. :func:`fit_texts`, run before each render once the
font sizes are set, makes them fit, in this order:

1. a smaller font for every text (down to :data:`MIN_FONT`);
2. the less important texts (study and series descriptions, window, slab,
   the 3-D mode) shortened with "…", a line at a time, last lines dropped
   first when a line is left with almost nothing;
3. the top and bottom orientation labels moved just clear of the corner texts
   (inwards), never hidden.

The patient's identity (name, ID, birth date, sex) is never cut: its text is
"kept"; only its font shrinks. The side labels are never cut either.
"""

from __future__ import annotations

from collections.abc import Sequence

from vtkmodules.vtkRenderingCore import vtkRenderer, vtkTextActor

MIN_FONT = 8
GAP_PX = 2.0
ELLIPSIS = "…"
_MIN_LINE = 3  # characters a shortened line keeps, before "…"; shorter: the line goes


def bounds(actor: vtkTextActor, renderer: vtkRenderer) -> tuple[float, float, float, float]:
    """The text's box in display pixels: (x0, x1, y0, y1); empty text: a zero box."""
    if not actor.GetVisibility() or not (actor.GetInput() or "").strip():
        return (0.0, 0.0, 0.0, 0.0)
    box = [0.0, 0.0, 0.0, 0.0]
    actor.GetBoundingBox(renderer, box)  # about the text's anchor
    x, y = actor.GetPositionCoordinate().GetComputedDisplayValue(renderer)
    return (x + box[0], x + box[1], y + box[2], y + box[3])


def overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """True when the two boxes (non-empty) come closer than :data:`GAP_PX`."""
    if a[1] <= a[0] or b[1] <= b[0]:
        return False
    return not (
        a[1] + GAP_PX <= b[0] or b[1] + GAP_PX <= a[0] or a[3] + GAP_PX <= b[2]
        or b[3] + GAP_PX <= a[2]
    )  # fmt: skip


class TextFit:
    """Fits a view's texts; remembers each text's full wording to start again from it."""

    def __init__(
        self,
        kept: Sequence[vtkTextActor],
        shortened: Sequence[vtkTextActor],
        labels: dict[str, vtkTextActor],
    ) -> None:
        self.kept = list(kept)
        self.shortened = list(shortened)  # least important last
        self.labels = dict(labels)
        self._full: dict[int, str] = {}
        self._shown: dict[int, str] = {}
        self._label_y = {
            edge: actor.GetPositionCoordinate().GetValue()[1] for edge, actor in labels.items()
        }
        self._done: tuple[object, ...] | None = None  # what the last fit was made for

    def _texts(self) -> list[vtkTextActor]:
        return [*self.kept, *self.shortened, *self.labels.values()]

    def fit(self, renderer: vtkRenderer, font: int, label_font: int) -> None:
        """Make the texts fit ``renderer``'s viewport, starting from ``font`` (corner texts)
        and ``label_font`` (labels). Nothing is done while nothing changed since."""
        if self._key(renderer, font, label_font) == self._done:
            return
        for actor in self.shortened:  # the full text again (it may have been set anew)
            key = id(actor)
            now = actor.GetInput() or ""
            if now != self._shown.get(key):
                self._full[key] = now
            actor.SetInput(self._full.get(key, now))
        for edge, actor in self.labels.items():
            coord = actor.GetPositionCoordinate()
            coord.SetValue(coord.GetValue()[0], self._label_y[edge])
        size, label_size = font, label_font
        self._set_fonts(size, label_size)
        while self.clashes(renderer) and size > MIN_FONT:
            size -= 1
            label_size = max(MIN_FONT, round(label_font * size / font))
            self._set_fonts(size, label_size)
        for actor in reversed(self.shortened):  # the least important first
            self._shorten(actor, renderer)
        self._move_labels(renderer)
        for actor in self.shortened:
            self._shown[id(actor)] = actor.GetInput() or ""
        self._done = self._key(renderer, font, label_font)

    def _key(self, renderer: vtkRenderer, font: int, label_font: int) -> tuple[object, ...]:
        texts = tuple((a.GetInput() or "", bool(a.GetVisibility())) for a in self._texts())
        return (tuple(renderer.GetSize()), tuple(renderer.GetOrigin()), font, label_font, texts)

    def _set_fonts(self, size: int, label_size: int) -> None:
        for actor in (*self.kept, *self.shortened):
            actor.GetTextProperty().SetFontSize(size)
        for actor in self.labels.values():
            actor.GetTextProperty().SetFontSize(label_size)

    def clashes(self, renderer: vtkRenderer) -> list[tuple[vtkTextActor, vtkTextActor]]:
        """The pairs of texts that overlap now."""
        texts = self._texts()
        boxes = [bounds(a, renderer) for a in texts]
        return [
            (texts[i], texts[j])
            for i in range(len(texts))
            for j in range(i + 1, len(texts))
            if overlap(boxes[i], boxes[j])
        ]

    def _clashes_with(self, actor: vtkTextActor, renderer: vtkRenderer) -> bool:
        box = bounds(actor, renderer)
        return any(
            overlap(box, bounds(other, renderer)) for other in self._texts() if other is not actor
        )

    def _shorten(self, actor: vtkTextActor, renderer: vtkRenderer) -> None:
        """Cut ``actor``'s longest line (then drop its last lines) until it clashes no more."""
        for _ in range(400):
            if not self._clashes_with(actor, renderer):
                return
            lines = (actor.GetInput() or "").split("\n")
            if not any(lines):
                return
            longest = max(range(len(lines)), key=lambda n: len(lines[n]))
            line = lines[longest].removesuffix(ELLIPSIS).rstrip()
            if len(line) <= _MIN_LINE:
                lines.pop(longest if len(lines) > 1 else 0)
            else:
                lines[longest] = line[:-1].rstrip() + ELLIPSIS
            actor.SetInput("\n".join(lines))

    def _move_labels(self, renderer: vtkRenderer) -> None:
        """Top / bottom labels just clear of the corner texts they meet (inwards)."""
        _width, height = renderer.GetSize()
        if height <= 0:
            return
        corners = [*self.kept, *self.shortened]
        origin = renderer.GetOrigin()
        for edge in ("top", "bottom"):
            label = self.labels.get(edge)
            if label is None:
                continue
            for _ in range(len(corners)):  # moved clear of one, it may meet another
                box = bounds(label, renderer)
                met = [b for b in (bounds(a, renderer) for a in corners) if overlap(box, b)]
                if not met:
                    break
                coord = label.GetPositionCoordinate()
                x = coord.GetValue()[0]
                if edge == "top":  # justified at its top: below the lowest text it meets
                    y = min(b[2] for b in met) - GAP_PX - 1.0
                else:  # justified at its bottom: above the highest one
                    y = max(b[3] for b in met) + GAP_PX + 1.0
                coord.SetValue(x, (y - origin[1]) / height)
