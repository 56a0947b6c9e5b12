"""Containment and overlap tests of a span against many ranges in O(log n)."""
from __future__ import annotations

import bisect
from itertools import accumulate
from typing import Iterable


class RangeIndex:
    """(start, end) ranges sorted by start, with the running maximum of their ends.

    ``covers(s, e)`` is ``any(a <= s and e <= b for a, b in ranges)`` and ``overlaps(s, e)``
    is ``any(a < e and b > s for a, b in ranges)``, each a bisection instead of a scan."""

    __slots__ = ("starts", "max_end")

    def __init__(self, ranges: Iterable[tuple[int, int]]):
        rs = sorted(ranges)
        self.starts = [a for a, _ in rs]
        self.max_end = list(accumulate((b for _, b in rs), max))

    def covers(self, s: int, e: int) -> bool:
        """Does a range hold [s, e) (start <= s and e <= end)?"""
        k = bisect.bisect_right(self.starts, s)
        return k > 0 and self.max_end[k - 1] >= e

    def overlaps(self, s: int, e: int) -> bool:
        """Does a range overlap [s, e) (start < e and end > s)?"""
        k = bisect.bisect_left(self.starts, e)
        return k > 0 and self.max_end[k - 1] > s


__all__ = ["RangeIndex"]
