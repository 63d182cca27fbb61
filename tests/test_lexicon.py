from pathlib import Path

import pytest

from allegiance.coding.lexicon import fold, load_lexicon
from allegiance.errors import ConfigError
from allegiance.models import EVENT_TYPES


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_packaged_lexicons_cover_all_types(lang):
    lex = load_lexicon(lang)
    types = {r.type for rules in [*lex.verbs.values(), *lex.nouns.values()] for r in rules}
    assert types == set(EVENT_TYPES)
    assert lex.planning and lex.speech and lex.negators


def test_rule_order_and_conditions():
    lex = load_lexicon("en")
    withdraw = lex.verbs["withdraw"]
    assert [r.type for r in withdraw] == ["SANCTION", "RETREAT"]
    assert withdraw[0].when["target_kind"] == {"org"}
    assert lex.verbs["meet"][0].reciprocal
    assert lex.verbs["ask"][0].container
    assert lex.verbs["protest"][0].no_target


def test_inflected_forms_recover_mistagged_verbs():
    lex = load_lexicon("fr")
    # the small French model sometimes tags "expulsé" as an adverb with lemma "expulsé"
    assert lex.verb_rules("expulsé", "expulsé")[0] == "expulser"
    assert lex.verb_rules("xyz", "xyz") is None
    assert fold("Été") == "ete"


def test_user_file_replaces_and_adds(tmp_path: Path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "lang: en\nverbs:\n  snub: [{type: REJECT, target: [obj]}]\n"
        "  meet: [{type: CONSULT, mode: summit, target: [obj]}]\n",
        encoding="utf-8",
    )
    lex = load_lexicon("en", (str(extra),))
    assert lex.verbs["snub"][0].type == "REJECT"
    assert lex.verbs["meet"][0].mode == "summit"
    assert load_lexicon("en").verbs["meet"][0].mode is None  # packaged one untouched


@pytest.mark.parametrize(
    "body, message",
    [
        ("verbs:\n  snub: [{type: SNUB}]\n", "unknown PLOVER type"),
        ("verbs:\n  snub: [{type: REJECT, colour: red}]\n", "unknown rule field"),
        ("verbs:\n  snub: [{type: REJECT, when: {moon: full}}]\n", "unknown condition"),
        ("verbs:\n  snub: []\n", "non-empty list"),
        ("- just a list\n", "YAML mapping"),
    ],
)
def test_invalid_user_files_give_clear_errors(tmp_path: Path, body, message):
    bad = tmp_path / "bad.yaml"
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_lexicon("en", (str(bad),))


def test_unknown_language():
    with pytest.raises(ConfigError, match="no trigger lexicon"):
        load_lexicon("de")


def test_yaml_booleans_in_conditions_are_refused(tmp_path: Path) -> None:
    # unquoted on/off are YAML booleans: a rule would silently never match
    extra = tmp_path / "mine.yaml"
    extra.write_text("lang: en\nverbs:\n  call: [{type: CONCEDE, when: {particle: [off]}}]\n",
                     encoding="utf-8")
    with pytest.raises(ConfigError, match="quote"):
        load_lexicon("en", (str(extra),))


def test_a_verb_prefixed_with_re_is_the_act_again() -> None:
    lex = load_lexicon("en")
    assert lex.verb_rules("reimpose", "reimposed")[0] == "impose"
    assert lex.verb_rules("re-open", "re-opened")[0] == "open"
    assert lex.verb_rules("recount", "recounted") is None  # no "count" act to repeat
