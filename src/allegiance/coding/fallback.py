"""Events from the learned type model (``coding.typer``) where the rules coded nothing.

For each sentence without a rule event whose most probable label is a PLOVER type with
probability at least ``threshold``, one event is added: its type is the label, its confidence
the probability, its source the first actor mentioned before the sentence's main verb (else the
first actor), its target the next actor after the source with another code or sector (or none). A
sentence that names no actor gives no event.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from ..models import Actor, Event
from . import dates as date_module
from .intensity import intensity
from .typer import NONE, TypeModel

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

#: Most tokens between two mentions of one actor phrase ("the army of Mali": 2).
MAX_GAP = 2


def sentence_actors(actors: Any, sent: Span, when: date | None) -> list[tuple[int, Actor]]:
    """The coded actors a sentence mentions, in order: ``(first token index, actor)``."""
    out: list[tuple[int, Actor]] = []
    for group in actors.split_actors(actors.mentions(sent, when=when)):
        for phrase in _phrases(group):
            actor = actors.actor_for(phrase)
            if actor is not None:
                out.append((phrase[0].start, actor))
    return sorted(out, key=lambda x: x[0])


def _phrases(group: Sequence[Any], gap: int = MAX_GAP) -> list[list[Any]]:
    """Cut a group of mentions where more than ``gap`` tokens separate two of them (the
    dictionary groups "President Bouteflika ... the Algerian army" as one actor)."""
    out: list[list[Any]] = []
    for m in sorted(group, key=lambda m: m.start):
        if out and m.start - out[-1][-1].end <= gap:
            out[-1].append(m)
        else:
            out.append([m])
    return out


def source_target(found: Sequence[tuple[int, Actor]], verb: int) -> tuple[Actor, Actor | None]:
    """Source and target among a sentence's actors (non-empty) given its main verb's index."""
    before = [i for i, (start, _a) in enumerate(found) if start < verb]
    s = before[0] if before else 0
    source = found[s][1]
    target = next((a for _i, a in found[s + 1:] if a.label != source.label), None)
    return source, target


def typer_events(model: TypeModel, threshold: float, actors: Any,
                 parts: Sequence[tuple[Doc, int]], rule_events: Sequence[Event],
                 article_id: str, pub_date: date, lang: str) -> list[Event]:
    """Model events for the sentences of ``parts`` (``(doc, char offset)``) that have no
    event in ``rule_events``."""
    covered = {ev.sent_start for ev in rule_events}
    sents = [(sent, offset) for doc, offset in parts for sent in doc.sents
             if offset + sent.start_char not in covered and sent.text.strip()]
    events: list[Event] = []
    labels = model.predict([sent.text for sent, _o in sents])
    for (sent, offset), (label, prob) in zip(sents, labels, strict=True):
        if label == NONE or prob < threshold:
            continue
        found = sentence_actors(actors, sent, pub_date)
        if not found:
            continue
        source, target = source_target(found, sent.root.i)
        text = sent.text.rstrip()
        when = date_module.resolve_date(text, pub_date, lang) or date_module.publication(pub_date)
        events.append(Event(
            article_id=article_id, sentence=text, sent_start=offset + sent.start_char,
            sent_end=offset + sent.start_char + len(text), type=label, source=source,
            target=target, date=when, confidence=round(prob, 3), intensity=intensity(label),
            trigger=sent.root.text, lang=lang,
        ))  # fmt: skip
    return events
