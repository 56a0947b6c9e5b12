"""Memoised helpers for the relation stage (kept apart from its rules)."""
from __future__ import annotations

_MEMO_MAX = 100_000
# id(patterns) -> (patterns, automaton, {word: frozenset of keywords in it}); keyed by
# identity because hashing a tuple of patterns hashes every pattern, on every call
_memos: dict = {}


def keywords_of_words(words, patterns: tuple, automaton) -> frozenset:
    """The pattern keywords occurring in any of ``words`` (Aho-Corasick once per new word)."""
    got = _memos.get(id(patterns))
    if got is None or got[0] is not patterns or len(got[2]) >= _MEMO_MAX:
        if len(_memos) > 8:
            _memos.clear()
        got = _memos[id(patterns)] = (patterns, automaton(patterns), {})
    _p, auto, memo = got
    out: set = set()
    for w in set(words):
        r = memo.get(w)
        if r is None:
            r = memo[w] = frozenset(k for _end, k in auto.iter(w)) if w else frozenset()
        if r:
            out |= r
    return frozenset(out)


# id(patterns) -> (patterns, indices of patterns without keywords, {keyword: indices})
_pattern_memos: dict = {}


def patterns_with_keywords_in(present, patterns) -> list:
    """The patterns, in their order, that have no keywords or one of ``present``: the
    ones ``p.keywords.isdisjoint(present)`` does not rule out (one look-up per keyword
    of the sentence instead of one set test per pattern)."""
    got = _pattern_memos.get(id(patterns))
    if got is None or got[0] is not patterns:
        if len(_pattern_memos) > 8:
            _pattern_memos.clear()
        always, by_kw = [], {}
        for i, p in enumerate(patterns):
            if not p.keywords:
                always.append(i)
            for k in p.keywords:
                by_kw.setdefault(k, []).append(i)
        got = _pattern_memos[id(patterns)] = (patterns, always, by_kw)
    _p, always, by_kw = got
    chosen = set(always)
    for k in present:
        r = by_kw.get(k)
        if r:
            chosen.update(r)
    return [patterns[i] for i in sorted(chosen)]
