"""Article text cut into plain and highlighted pieces, for the article page.

Claims may share a sentence or nest (a quantity inside its sentence); the page marks each sentence
once, with every claim on it, and never lets text become markup: the template escapes each piece.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Piece:
    text: str
    claims: list[dict] = field(default_factory=list)  # empty for plain text

    @property
    def label(self) -> str:
        """Who says what here, for the small tag before the sentence: "FSB · alleged · killed"."""
        seen = []
        for c in self.claims:
            who = c["speaker"]["name"] if c["speaker"] else "outlet"
            text = f"{who} · {c['hedge']} · {c['predicate']}"
            if text not in seen:
                seen.append(text)
        return "; ".join(seen[:2]) + (f" (+{len(seen) - 2})" if len(seen) > 2 else "")

    @property
    def hedges(self) -> str:
        return " ".join(sorted({f"hedge-{c['hedge']}" for c in self.claims}))


def pieces(text: str, claims: list[dict]) -> list[Piece]:
    spans: dict[tuple[int, int], list[dict]] = {}
    for claim in claims:
        start, end = claim["span"]
        spans.setdefault((start, end), []).append(claim)
    out: list[Piece] = []
    cursor = 0
    for (start, end), group in sorted(spans.items()):
        if start < cursor:  # overlaps a sentence already marked: attach to it
            out[-1].claims.extend(group)
            continue
        if start > cursor:
            out.append(Piece(text[cursor:start]))
        out.append(Piece(text[start:end], list(group)))
        cursor = end
    if cursor < len(text):
        out.append(Piece(text[cursor:]))
    return out
