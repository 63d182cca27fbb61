"""The coder on small hand-written texts: the behaviours the issue names, one test each.

Sentences are ours and deliberately plain; each assertion is about what a careful PLOVER coder
would code (type, actors as code + sector, flags, dates), so a regression in the lexicon, the
actor dictionary or the extractor shows up here with the sentence that broke.
"""

from __future__ import annotations

from datetime import date

import pytest

from allegiance.coding import Coder
from allegiance.coding.coder import paragraphs
from allegiance.models import Article, Event, content_hash

PUB = date(2023, 8, 10)


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def triples(events: list[Event]) -> set[tuple[str, str, str | None]]:
    return {(e.type, e.source.label, e.target.label if e.target else None) for e in events}


def codes(events: list[Event]) -> set[tuple[str, str, str | None]]:
    return {(e.type, e.source.code or "", e.target.code if e.target else None) for e in events}


def test_paragraphs_keep_offsets() -> None:
    text = "First one.\n\n  \nSecond one\nstill second.\n\nThird."
    parts = paragraphs(text)
    assert [p for p, _ in parts] == ["First one.", "Second one\nstill second.", "Third."]
    for part, offset in parts:
        assert text[offset:offset + len(part)] == part


def test_active_and_passive_voice(coder: Coder) -> None:
    active = coder.code_text("Niger expelled the French ambassador on Saturday.", "en", PUB)
    passive = coder.code_text("The French ambassador was expelled by Niger on Saturday.", "en", PUB)
    for events in (active, passive):
        assert ("SANCTION", "NER", "FRA") in codes(events)
        [event] = [e for e in events if e.type == "SANCTION"]
        assert event.mode == "expel"


def test_coordinated_subjects_give_one_event_each(coder: Coder) -> None:
    events = coder.code_text("Mali, Burkina Faso and Niger left ECOWAS on Sunday.", "en", PUB)
    assert {(e.source.code, e.target.code if e.target else None) for e in events} == {
        ("MLI", "ECOWAS"), ("BFA", "ECOWAS"), ("NER", "ECOWAS")}
    assert {e.type for e in events} == {"SANCTION"}


def test_possessive_title_gives_government_sector(coder: Coder) -> None:
    text = ("Mali's Foreign Minister Abdoulaye Diop met Russian Foreign Minister Sergei Lavrov "
            "in Moscow.")
    events = coder.code_text(text, "en", PUB)
    assert ("CONSULT", "MLI GOV", "RUS GOV") in triples(events)


def test_nominal_event(coder: Coder) -> None:
    text = "Burkina Faso demanded the withdrawal of French troops from its territory."
    events = coder.code_text(text, "en", PUB)
    assert any(e.type == "REQUEST" and e.source.code == "BFA" and e.target is not None
               and e.target.code == "FRA" for e in events)  # fmt: skip


def test_negated_and_planned_flags(coder: Coder) -> None:
    [neg] = coder.code_text("Niger did not sign the agreement with France.", "en", PUB)
    assert neg.negated and neg.type == "SUPPORT"  # signing: CAMEO 057
    planned = coder.code_text("Lavrov will visit Bamako next week.", "en", PUB)
    assert planned and all(e.planned for e in planned)
    assert planned[0].source.label == "RUS GOV" and planned[0].target.code == "MLI"


def test_dates_are_resolved_against_publication(coder: Coder) -> None:
    [event] = coder.code_text("In February 2023, Mali expelled the French ambassador.", "en", PUB)
    assert event.date.value == date(2023, 2, 1) and event.date.precision == "month"
    [event] = coder.code_text("Mali expelled the French ambassador.", "en", PUB)
    assert event.date.value == PUB and event.date.precision == "publication"


def test_french_sentence_and_metonym(coder: Coder) -> None:
    text = "Bamako a expulsé l'ambassadeur de France lundi."
    events = coder.code_text(text, "fr", date(2022, 2, 1))
    assert ("SANCTION", "MLI", "FRA") in codes(events)
    [event] = [e for e in events if e.type == "SANCTION"]
    assert event.date.value == date(2022, 1, 31)


def test_pronoun_subject_from_previous_sentence(coder: Coder) -> None:
    text = ("President Emmanuel Macron spoke in Paris on Thursday. "
            "He accused the junta in Bamako of turning to Russian mercenaries.")
    events = coder.code_text(text, "en", PUB)
    assert ("ACCUSE", "FRA GOV", "MLI GOV") in triples(events)


def test_evidence_sentence_and_offsets_across_paragraphs(coder: Coder) -> None:
    text = "Markets were calm.\n\nNiger expelled the French ambassador on Saturday.\n\nIt rained."
    [event] = coder.code_text(text, "en", PUB)
    assert event.sentence == "Niger expelled the French ambassador on Saturday."
    assert text[event.sent_start:event.sent_end] == event.sentence


def test_unrelated_text_gives_nothing(coder: Coder) -> None:
    text = ("Mali beat Burkina Faso 2-1 in the football match on Sunday. "
            "The striker's attack in the second half decided the game.")
    assert coder.code_text(text, "en", PUB) == []


def test_uncoded_language_and_missing_date_give_no_events(coder: Coder) -> None:
    german = Article(id=content_hash("x"), text="Niger hat den Botschafter ausgewiesen.",
                     origin="t", pub_date=PUB, lang="de")
    undated = Article(id=content_hash("y"), text="Niger expelled the French ambassador.",
                      origin="t", pub_date=None, lang="en")
    out = list(coder.code_articles([german, undated]))
    assert [(a.id, evs) for a, evs in out] == [(german.id, []), (undated.id, [])]


def test_intensity_follows_the_scale(coder: Coder) -> None:
    [event] = coder.code_text("Niger expelled the French ambassador.", "en", PUB)
    assert event.intensity == -7.0
    [event] = coder.code_text("Russia delivered helicopters to Mali.", "en", PUB)
    assert event.type == "AID" and event.intensity > 0
