"""The extractor's argument rules on small hand-written sentences.

Each test names one general behaviour: where the target of a demand made in a statement is
found, when a container trigger contains nothing, and how the owner of an object or of a
prepositional object becomes the target.
"""

from __future__ import annotations

from datetime import date

import pytest

from allegiance.coding import Coder
from allegiance.models import Event

PUB = date(2001, 3, 5)


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def codes(events: list[Event]) -> set[tuple[str, str, str | None]]:
    return {(e.type, e.source.code or "", e.target.code if e.target else None) for e in events}


def test_demand_that_clause_targets_its_subject(coder: Coder) -> None:
    events = coder.code_text("China demanded that the United States cancel the sale.", "en", PUB)
    assert ("REQUEST", "CHN", "USA") in codes(events)


def test_statement_with_must_is_a_request(coder: Coder) -> None:
    events = coder.code_text("Russia said on Tuesday that Sudan must return the helicopter.",
                             "en", PUB)
    assert codes(events) == {("REQUEST", "RUS", "SDN")}


def test_plain_statement_is_not_a_request_and_keeps_its_complement(coder: Coder) -> None:
    # "say" is a container only when its clause carries "must": otherwise the withdrawal stands
    events = coder.code_text("France said it would withdraw its troops from Mali.", "en", PUB)
    assert codes(events) == {("RETREAT", "FRA", "MLI")}
    assert all(e.type != "REQUEST" for e in events)


def test_unresolved_clause_subject_is_not_replaced_by_an_inner_actor(coder: Coder) -> None:
    # the addressee is "the country" (unknown here), not the forces named inside the clause
    events = coder.code_text("Burkina Faso's junta said the country must rely on its own forces.",
                             "en", PUB)
    assert all(e.type != "REQUEST" for e in events)


def test_threat_target_inside_the_complement_object(coder: Coder) -> None:
    events = coder.code_text("Pakistan threatened to break off diplomatic relations with Kenya.",
                             "en", PUB)
    assert codes(events) == {("THREATEN", "PAK", "KEN")}


def test_owner_of_a_prepositional_object_is_the_target(coder: Coder) -> None:
    events = coder.code_text("Thousands of Turks marched to protest against Sweden's decision.",
                             "en", PUB)
    assert ("PROTEST", "TUR", "SWE") in codes(events)


def test_author_of_an_object_is_the_target(coder: Coder) -> None:
    events = coder.code_text("Poland's parliament demanded an immediate admission by Moscow.",
                             "en", PUB)
    assert codes(events) == {("REQUEST", "POL", "RUS")}


def test_new_trigger_families(coder: Coder) -> None:
    cases = {
        "Israeli soldiers jailed 20 Palestinian protesters.": ("COERCE", "ISR", "PSE"),
        "Egyptian police fired on Sudanese refugees.": ("ASSAULT", "EGY", "SDN"),
        "Israeli intelligence officials shared evidence with the United States.":
            ("COOPERATE", "ISR", "USA"),
        "Nigeria summoned the ambassador of Niger.": ("ACCUSE", "NGA", "NER"),
        "Peru issued an ultimatum to Ecuador.": ("THREATEN", "PER", "ECU"),
    }
    for text, expected in cases.items():
        assert expected in codes(coder.code_text(text, "en", PUB)), text


def test_actors_outside_the_sahel(coder: Coder) -> None:
    events = coder.code_text("Hamas guerrillas attacked Israeli soldiers near the border.",
                             "en", PUB)
    assert ("ASSAULT", "PSE", "ISR") in codes(events)
    events = coder.code_text("The Security Council condemned the Soviet Union.", "en", PUB)
    assert ("ACCUSE", "UN", "RUS") in codes(events)


def test_french_equivalents(coder: Coder) -> None:
    events = coder.code_text("Le Mali a convoqué l'ambassadeur de France.", "fr", PUB)
    assert codes(events) == {("ACCUSE", "MLI", "FRA")}
    events = coder.code_text("Les soldats maliens ont tiré sur des manifestants nigériens.",
                             "fr", PUB)
    assert codes(events) == {("ASSAULT", "MLI", "NER")}
