"""Aligning predicted events with gold events within one text.

Comparison of one gold event ``g`` with one predicted event ``p``:

* type: ``p.type`` is one of ``g.types``;
* source / target: the codes match (``codes.code_matches``: equal, or a wildcard gold code and
  a non-country predicted code); a null gold target matches only a prediction without target
  (likewise for a null gold source, which no prediction can have);
* triple: type, source and target all match;
* sector: same sector on the same side (only where the gold side has a sector);
* date: ``p.date.value`` equals ``g.date`` at the gold precision (same day / month / year;
  'publication' is compared like 'day');
* place: same name (case, accents and spacing ignored), or a gold ISO alpha-3 code equal to
  the predicted place's country.

Alignment: a pair is *alignable* when the gold event has no ``evidence``, or when the
predicted sentence overlaps the evidence (character spans intersect, or one text contains
the other). Alignable pairs are ranked by the key (triple, type, source, target, sectors
agreeing, date, place), best first, ties broken by gold then prediction order; they are taken
greedily, and each gold and each predicted event is used at most once. Unaligned gold events
are misses (false negatives), unaligned predictions are spurious (false positives); so a
prediction repeated twice can match once and counts once as a false positive.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Actor, Event
from .codes import GoldActor, code_matches
from .gold import GoldEvent


def actor_matches(gold: GoldActor | None, pred: Actor | None) -> bool:
    """Whether a predicted actor's code satisfies the gold actor (null matches null only)."""
    if gold is None or pred is None:
        return gold is None and pred is None
    return code_matches(gold.code, pred.code)


def sector_pairs(gold: GoldEvent, pred: Event | None) -> list[tuple[str, str | None]]:
    """(gold sector, predicted sector on the same side) for each gold side that has a sector."""
    out: list[tuple[str, str | None]] = []
    for g, p in ((gold.source, pred.source if pred else None),
                 (gold.target, pred.target if pred else None)):  # fmt: skip
        if g is not None and g.sector:
            out.append((g.sector, p.sector.upper() if p and p.sector else None))
    return out


def date_matches(gold: GoldEvent, pred: Event) -> bool:
    """Whether the predicted date equals the gold date at the gold precision."""
    if gold.date is None:
        return False
    g, p = gold.date, pred.date.value
    if gold.date_precision == "year":
        return g.year == p.year
    if gold.date_precision == "month":
        return (g.year, g.month) == (p.year, p.month)
    return g == p


def _norm(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def place_matches(gold: GoldEvent, pred: Event) -> bool:
    """Whether the predicted place is the gold place (see the module docstring)."""
    if gold.place is None or pred.place is None:
        return False
    if _norm(gold.place) == _norm(pred.place.name):
        return True
    code = gold.place.strip()
    return len(code) == 3 and code.isupper() and pred.place.country == code


@dataclass(frozen=True)
class PairCheck:
    """How one gold event compares with one predicted event."""

    type: bool
    source: bool
    target: bool
    sectors: int
    date: bool
    place: bool

    @property
    def triple(self) -> bool:
        return self.type and self.source and self.target

    def key(self) -> tuple[bool, bool, bool, bool, int, bool, bool]:
        """Ranking key for greedy alignment, best first."""
        return (self.triple, self.type, self.source, self.target, self.sectors, self.date,
                self.place)  # fmt: skip


def check(gold: GoldEvent, pred: Event) -> PairCheck:
    """Compare one gold with one predicted event."""
    return PairCheck(
        type=pred.type in gold.types,
        source=actor_matches(gold.source, pred.source),
        target=actor_matches(gold.target, pred.target),
        sectors=sum(g == p for g, p in sector_pairs(gold, pred)),
        date=date_matches(gold, pred),
        place=place_matches(gold, pred),
    )


def alignable(gold: GoldEvent, pred: Event) -> bool:
    """Whether ``pred`` may be aligned with ``gold`` (its sentence overlaps the evidence)."""
    if gold.evidence is None:
        return True
    if gold.evidence_span is not None:
        start, end = gold.evidence_span
        if pred.sent_start < end and start < pred.sent_end:
            return True
    ev, sent = _norm(gold.evidence), _norm(pred.sentence)
    return bool(sent) and (ev in sent or sent in ev)


@dataclass
class Alignment:
    """The result of aligning one text: pairs of (gold index, predicted index) and leftovers."""

    pairs: list[tuple[int, int, PairCheck]]
    missed: list[int]  # gold indexes without a prediction
    spurious: list[int]  # predicted indexes without a gold event


def align(gold: Sequence[GoldEvent], pred: Sequence[Event]) -> Alignment:
    """Greedy one-to-one alignment of ``pred`` to ``gold`` (rules in the module docstring)."""
    candidates = [
        (check(g, p), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
        if alignable(g, p)
    ]
    candidates.sort(key=lambda c: (tuple(-int(v) for v in c[0].key()), c[1], c[2]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int, PairCheck]] = []
    for result, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi, result))
    pairs.sort(key=lambda p: p[0])
    missed = [i for i in range(len(gold)) if i not in used_gold]
    spurious = [i for i in range(len(pred)) if i not in used_pred]
    return Alignment(pairs, missed, spurious)
