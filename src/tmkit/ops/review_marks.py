"""Glossary marks of the review remembered between runs (`tmkit build`'s state).

Matching the glossary is most of the review's time; a pair of texts seen in the
last build gets its marks back from there. Only ``tmkit build`` keeps them (in
its state file, keyed by the glossary, the configuration and tmkit's code).
"""

from __future__ import annotations

import hashlib
from typing import Any

from tmkit.ops.review import Mark, Segment, _mark_terms


class TermMarks:
    """The glossary marks of text pairs, kept between runs (`tmkit build`'s state) so
    a pair seen before is not matched again; the caller keys it by the glossary
    and tmkit's code. JSON-able: `data` gives it, ``TermMarks(data)`` takes it
    back (anything malformed is dropped: the pairs are matched again)."""

    def __init__(self, data: Any = None) -> None:
        self.titles: list[str] = []
        self._title_index: dict[str, int] = {}
        self.old: dict[str, list[list[Any]]] = {}
        self.new: dict[str, list[list[Any]]] = {}
        if isinstance(data, dict) and isinstance(data.get("titles"), list):
            titles = data["titles"]
            marks = data.get("marks")
            if all(isinstance(t, str) for t in titles) and isinstance(marks, dict):
                self.titles = list(titles)
                self._title_index = {t: i for i, t in enumerate(self.titles)}
                self.old = marks

    @staticmethod
    def key(source: str, target: str) -> str:
        text = f"{source}\x1f{target}".encode()
        return hashlib.blake2b(text, digest_size=12).hexdigest()

    def mark(self, seg: Segment, matcher: Any) -> None:
        key = self.key(seg.source, seg.target)
        stored = self.old.get(key)
        if stored is None or not self._apply(seg, stored):
            _mark_terms(seg, matcher)
            stored = [
                [side, m.start, m.end, m.css, self._title(str(m.title))]
                for side, marks in ((0, seg.source_marks), (1, seg.target_marks))
                for m in marks
            ]
        self.new[key] = stored

    def _apply(self, seg: Segment, stored: Any) -> bool:
        try:
            marks = [
                (side, Mark(start, end, css, self.titles[title]))
                for side, start, end, css, title in stored
                if type(start) is type(end) is int and isinstance(css, str) and side in (0, 1)
            ]
        except (TypeError, ValueError, IndexError):
            return False
        if len(marks) != len(stored):
            return False
        for side, mark in marks:
            (seg.target_marks if side else seg.source_marks).append(mark)
        return True

    def _title(self, title: str) -> int:
        found = self._title_index.get(title)
        if found is None:
            found = self._title_index[title] = len(self.titles)
            self.titles.append(title)
        return found

    def data(self) -> dict[str, Any]:
        """The marks of this run's pairs only, with the titles they use."""
        used = sorted({m[4] for marks in self.new.values() for m in marks})
        renumber = {old: new for new, old in enumerate(used)}
        return {
            "titles": [self.titles[i] for i in used],
            "marks": {
                k: [[*m[:4], renumber[m[4]]] for m in marks] for k, marks in self.new.items()
            },
        }
