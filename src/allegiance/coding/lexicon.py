"""Trigger lexicons: which verbs and nouns signal which PLOVER event, and where their actors are.

The data lives in ``allegiance/data/lexicon/{lang}.yaml`` (format in the README beside it); users
add or replace entries with their own files (``Config.lexicon_files``). This module only loads and
validates; ``extract.py`` applies the rules to a parse.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from ..models import EVENT_TYPES

#: Event types that stand without a target unless a rule says otherwise.
TARGETLESS_TYPES = frozenset({"MOBILIZE", "PROTEST"})
_CONDITIONS = frozenset(
    {"object", "not_object", "particle", "xcomp", "not_xcomp", "comp_modal", "target_kind",
     "source_sector", "has_target"}
)
_RULE_KEYS = frozenset(
    {"type", "mode", "when", "source", "target", "reciprocal", "container", "no_target",
     "intensity"}
)


@dataclass(frozen=True)
class Rule:
    """One way a trigger lemma becomes an event; the first rule whose conditions hold wins."""

    type: str
    mode: str | None
    source: tuple[str, ...]
    target: tuple[str, ...]
    when: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    reciprocal: bool = False
    container: bool = False
    no_target: bool = False
    intensity: float | None = None


@dataclass
class Lexicon:
    lang: str
    verbs: dict[str, list[Rule]]
    nouns: dict[str, list[Rule]]
    planning: frozenset[str]
    speech: frozenset[str]
    aspect: frozenset[str]
    negators: frozenset[str]
    future_aux: frozenset[str]
    #: commitment triggers ("promise", "pledge", "be ready to"): AGREE when what is committed
    #: to is cooperative, THREATEN when it is hostile ("vowed to attack")
    commitment: frozenset[str] = frozenset()
    #: planning verbs after which the act keeps its own type, planned: a decision or a schedule
    #: ("decided to withdraw", "is due to leave"), not a promise or threat (``extract.intent``)
    decided: frozenset[str] = frozenset()
    #: inflected surface form (lower-case) -> lemma, for when the tagger mislabels a verb
    verb_forms: dict[str, str] = field(default_factory=dict)
    #: words that start a multi-word particle ("out", "on") per verb lemma
    container_lemmas: frozenset[str] = frozenset()

    def verb_rules(self, lemma: str, lower: str) -> tuple[str, list[Rule]] | None:
        rules = self.verbs.get(lemma)
        if rules:
            return lemma, rules
        guess = self.verb_forms.get(fold(lower)) or self.verb_forms.get(fold(lemma))
        if guess:
            return guess, self.verbs[guess]
        if self.lang == "en" and lemma.startswith("re") and len(lemma) > 5:
            # "reimposed blockades", "re-imposed": the act again
            base = lemma[3:] if lemma[2] == "-" else lemma[2:]
            if base in self.verbs:
                return base, self.verbs[base]
        return None

    def noun_rules(self, lemma: str) -> list[Rule] | None:
        return self.nouns.get(lemma) or self.nouns.get(fold(lemma))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case and strip accents ("Été" -> "ete")."""
    nfkd = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in nfkd if not unicodedata.combining(c))


def _parse_rule(raw: dict[str, Any], where: str, defaults: dict[str, Any], noun: bool) -> Rule:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: a rule must be a mapping, got {raw!r}")
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown rule field(s) {sorted(unknown)}")
    etype = raw.get("type")
    if etype not in EVENT_TYPES:
        raise ConfigError(f"{where}: unknown PLOVER type {etype!r}")
    when = raw.get("when") or {}
    bad = set(when) - _CONDITIONS
    if bad:
        raise ConfigError(f"{where}: unknown condition(s) {sorted(bad)}")
    for cond, values in when.items():
        odd = [x for x in values if not isinstance(x, str)] if isinstance(values, list) else []
        if odd:  # YAML reads on/off/yes/no unquoted as booleans
            raise ConfigError(f"{where}: condition {cond!r} has non-text value(s) {odd!r}; "
                              f"quote words like \"on\", \"off\", \"no\"")
    src_default = defaults.get("noun_source" if noun else "source", ["subj"])
    tgt_default = defaults.get("noun_target" if noun else "target", ["obj"])
    return Rule(
        type=etype,
        mode=raw.get("mode"),
        source=tuple(raw.get("source", src_default)),
        target=tuple(raw.get("target", tgt_default)),
        when={k: (set(v) if isinstance(v, list) else v) for k, v in when.items()},
        reciprocal=bool(raw.get("reciprocal", False)),
        container=bool(raw.get("container", False)),
        no_target=bool(raw.get("no_target", etype in TARGETLESS_TYPES)),
        intensity=raw.get("intensity"),
    )


def _parse_entries(data: dict[str, Any], key: str, where: str, defaults: dict[str, Any],
                   ) -> dict[str, list[Rule]]:
    out: dict[str, list[Rule]] = {}
    for lemma, rules in (data.get(key) or {}).items():
        if not isinstance(rules, list) or not rules:
            raise ConfigError(f"{where}: {key}.{lemma}: expected a non-empty list of rules")
        out[str(lemma)] = [
            _parse_rule(r, f"{where}: {key}.{lemma}[{i}]", defaults, noun=key == "nouns")
            for i, r in enumerate(rules)
        ]
    return out


def _inflections(lemma: str, lang: str) -> set[str]:
    """Regular inflected forms of a verb lemma, used only when the tagger misses the verb."""
    forms: set[str] = set()
    if lang == "fr":
        for suffix, stems in (("er", ("é", "ée", "és", "ées", "e", "es", "ent", "era", "eront",
                                      "erait", "eraient", "ait", "aient", "a", "ant")),
                              ("ir", ("i", "ie", "is", "ies", "it", "issent", "ira", "iront",
                                      "issait", "issant"))):
            if lemma.endswith(suffix):
                stem = lemma[: -len(suffix)]
                forms.update(stem + s for s in stems)
    else:
        base = lemma[:-1] if lemma.endswith("e") else lemma
        forms.update({lemma + "s", base + "ed", base + "ing", lemma + "d"})
        if lemma.endswith("y"):
            forms.update({lemma[:-1] + "ied", lemma[:-1] + "ies"})
    return {fold(f) for f in forms}


def _read_yaml(path: Path | Any) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read lexicon {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a lexicon must be a YAML mapping")
    return data


@lru_cache(maxsize=8)
def load_lexicon(lang: str, extra_files: Sequence[str] = ()) -> Lexicon:
    """The packaged lexicon for ``lang`` with user files applied (same-lemma entries replace)."""
    packaged = resources.files("allegiance") / "data" / "lexicon" / f"{lang}.yaml"
    if not packaged.is_file():
        raise ConfigError(f"no trigger lexicon for language {lang!r}")
    base = _read_yaml(packaged)
    defaults = base.get("defaults") or {}
    verbs = _parse_entries(base, "verbs", str(packaged), defaults)
    nouns = _parse_entries(base, "nouns", str(packaged), defaults)
    lists = {k: set(base.get(k) or []) for k in
             ("planning", "decided", "speech", "aspect", "negators", "future_aux",
              "commitment")}
    for extra in extra_files:
        path = Path(extra)
        data = _read_yaml(path)
        if data.get("lang", lang) != lang:
            continue
        verbs.update(_parse_entries(data, "verbs", str(path), defaults))
        nouns.update(_parse_entries(data, "nouns", str(path), defaults))
        for k in lists:
            lists[k].update(data.get(k) or [])
    forms: dict[str, str] = {}
    for lemma in verbs:
        for form in _inflections(lemma, lang):
            forms.setdefault(form, lemma)
    return Lexicon(
        lang=lang,
        verbs=verbs,
        nouns=nouns,
        planning=frozenset(lists["planning"]),
        speech=frozenset(lists["speech"]),
        aspect=frozenset(lists["aspect"]),
        negators=frozenset(lists["negators"]),
        future_aux=frozenset(lists["future_aux"]),
        commitment=frozenset(lists["commitment"]),
        decided=frozenset(lists["decided"]),
        verb_forms=forms,
        container_lemmas=frozenset(
            lem for lem, rules in verbs.items() if any(r.container for r in rules)
        ),
    )
