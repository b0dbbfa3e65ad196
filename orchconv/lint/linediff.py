"""A line diff in near-linear time for the fixer: patience anchoring, difflib in the gaps.

difflib.SequenceMatcher without autojunk is quadratic on YAML, whose lines
repeat (`networks:`, `- backend`) in every service; with autojunk it ignores
exactly those lines and aligns badly.  Here lines that occur once in each
side anchor the alignment (their longest increasing run, as in Bram Cohen's
patience diff), common heads and tails are matched directly, and only the
short gaps between anchors go to SequenceMatcher.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections.abc import Hashable, Iterator, Sequence

Opcode = tuple[str, int, int, int, int]


def _unique_common(a: Sequence[Hashable], alo: int, ahi: int, b: Sequence[Hashable], blo: int,
                   bhi: int) -> list[tuple[int, int]]:
    """(i, j) of the lines that occur exactly once in a[alo:ahi] and once in b[blo:bhi]."""
    in_a: dict[Hashable, int] = {}
    for i in range(alo, ahi):
        in_a[a[i]] = -1 if a[i] in in_a else i
    in_b: dict[Hashable, int] = {}
    for j in range(blo, bhi):
        line = b[j]
        if in_a.get(line, -1) >= 0:
            in_b[line] = -1 if line in in_b else j
    return sorted((in_a[line], j) for line, j in in_b.items() if j >= 0)


def _increasing_run(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of pairs (sorted by i) whose j increase too."""
    tails: list[int] = []  # the j of the last pair of the best run of each length
    tail_index: list[int] = []
    previous: list[int] = []
    for index, (_, j) in enumerate(pairs):
        length = bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[length] = j
            tail_index[length] = index
        previous.append(tail_index[length - 1] if length else -1)
    run: list[tuple[int, int]] = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        run.append(pairs[index])
        index = previous[index]
    return run[::-1]


def matching_pairs(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[int, int]]:
    """The (i, j) with a[i] == b[j] that the diff keeps, increasing in both."""
    found: list[tuple[int, int]] = []
    stack = [(0, len(a), 0, len(b))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            found.append((alo, blo))
            alo, blo = alo + 1, blo + 1
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
            found.append((ahi, bhi))
        if alo >= ahi or blo >= bhi:
            continue
        anchors = _increasing_run(_unique_common(a, alo, ahi, b, blo, bhi))
        if not anchors:
            matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
            for block in matcher.get_matching_blocks():
                found.extend((alo + block.a + k, blo + block.b + k) for k in range(block.size))
            continue
        for i, j in anchors:
            found.append((i, j))
            stack.append((alo, i, blo, j))
            alo, blo = i + 1, j + 1
        stack.append((alo, ahi, blo, bhi))
    return sorted(found)


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """SequenceMatcher.get_opcodes()'s shape: (tag, i1, i2, j1, j2)."""
    result: list[Opcode] = []
    i = j = 0
    for mi, mj in [*matching_pairs(a, b), (len(a), len(b))]:
        if i < mi or j < mj:
            tag = "replace" if i < mi and j < mj else "delete" if i < mi else "insert"
            result.append((tag, i, mi, j, mj))
        if mi < len(a) and mj < len(b):
            if result and result[-1][0] == "equal":
                result[-1] = ("equal", result[-1][1], mi + 1, result[-1][3], mj + 1)
            else:
                result.append(("equal", mi, mi + 1, mj, mj + 1))
        i, j = mi + 1, mj + 1
    return result


class _Matcher(difflib.SequenceMatcher[str]):
    """difflib's hunk grouping over our opcodes."""

    def __init__(self, a: Sequence[str], b: Sequence[str]) -> None:
        super().__init__(None, a, b, autojunk=False)
        self._ours = opcodes(a, b)

    def set_seq2(self, b: Sequence[str]) -> None:
        self.b = b  # no index of b: the opcodes are ours

    def get_opcodes(self) -> list[Opcode]:  # type: ignore[override]
        return list(self._ours)


def _range(start: int, stop: int) -> str:
    """A hunk range as `diff -u` writes it."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start if length == 0 else start + 1},{length}"


def unified_lines(a: Sequence[str], b: Sequence[str], fromfile: str, tofile: str,
                  context: int = 3) -> Iterator[str]:
    """difflib.unified_diff(a, b, fromfile, tofile)'s lines, in near-linear time."""
    started = False
    for group in _Matcher(a, b).get_grouped_opcodes(context):
        if not started:
            started = True
            yield f"--- {fromfile}\n"
            yield f"+++ {tofile}\n"
        first, last = group[0], group[-1]
        yield f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                yield from (" " + line for line in a[i1:i2])
                continue
            if tag in ("replace", "delete"):
                yield from ("-" + line for line in a[i1:i2])
            if tag in ("replace", "insert"):
                yield from ("+" + line for line in b[j1:j2])
