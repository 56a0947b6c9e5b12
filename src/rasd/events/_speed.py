"""Memoised helpers for the event stage (kept apart from its rules)."""
from __future__ import annotations

_MEMO_MAX = 200_000
_TRIGGERS: dict = {}  # id(frames) -> (frames, {token norm: ((analysis, triggers), ...)})


def trigger_candidates(frames, tok) -> tuple:
    """``((analysis, triggers), ...)`` for the analyses of ``tok`` that start a trigger of
    ``frames``, in the order of ``tok.analyses``: what ``frames.candidates(a.stem)`` gives
    for each analysis, without the empty ones. A token's analyses are a function of its
    normal form, so this is memoised per normal form."""
    got = _TRIGGERS.get(id(frames))
    if got is None or got[0] is not frames or len(got[1]) >= _MEMO_MAX:
        if len(_TRIGGERS) > 8:
            _TRIGGERS.clear()
        got = _TRIGGERS[id(frames)] = (frames, {})
    memo = got[1]
    r = memo.get(tok.norm)
    if r is None:
        r = memo[tok.norm] = tuple((a, c) for a in tok.analyses for c in (frames.candidates(a.stem),) if c)
    return r
