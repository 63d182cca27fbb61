"""The actor dictionary: finds actor mentions in parsed sentences and composes coded actors.

Data: the YAML files in ``allegiance/data/actors/`` (formats documented at the top of each),
plus user files (``Config.actor_files``, same format; later files override earlier entries).

Use::

    actors = default_dictionary()                     # or ActorDictionary.load(["mine.yaml"])
    ms = actors.mentions(doc[5:12], when=date(2023, 8, 1))
    actors.actor_for(ms, "the junta in Bamako")       # Actor('MLI', 'GOV', ...)

Matching is token based, leftmost-longest and non-overlapping (see ``actor_index``); English
and French demonyms and sector nouns only match text of their language (``doc.lang_``).

Composition rules of ``actor_for`` (mentions of ONE argument phrase), first that applies:

1. a person: the person's role at the mention's date ("Foreign Minister Abdoulaye Diop");
2. a metonym: its code and sector ("the Kremlin" -> RUS GOV);
3. an organisation or group: its code and sector, except that an IGO followed by a military or
   police noun takes that sector ("ECOWAS troops" -> ECOWAS MIL; "Wagner" -> RUS PMC);
4. a country, demonym or capital (the first one): its country code, with the phrase's sector
   noun (a strong noun such as "army" beats a person-role noun such as "spokesman"); with no
   sector noun, a capital makes it GOV ("Moscow" -> RUS GOV), a country or demonym leaves the
   sector empty ("Mali" -> MLI);
5. sector nouns alone: None (the caller may resolve them from context).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..models import Actor
from .actor_data import (
    ActorData,
    Country,
    Metonym,
    Organisation,
    Person,
    SectorNouns,
    packaged_paths,
    read_files,
)
from .actor_index import Pattern, PhraseIndex, phrase_key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

KINDS = ("country", "capital", "demonym", "org", "group", "person", "sector", "metonym")
#: Sectors an IGO mention takes from a noun beside it ("ECOWAS troops" -> ECOWAS MIL).
IGO_TAKES = frozenset({"MIL", "COP"})
_NOUNISH = frozenset({"NOUN", "PROPN"})
_ARG_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "obj", "dobj", "iobj", "pobj"})


@dataclass(frozen=True)
class Mention:
    """An actor mention: tokens ``start``..``end`` (exclusive) of the Doc."""

    start: int
    end: int
    code: str | None  # MLI / ECOWAS / JNIM ...; None for a bare sector noun
    sector: str | None
    kind: str  # one of KINDS
    text: str


@dataclass(frozen=True)
class _Meaning:
    kind: str  # a KINDS value or 'ignore'
    code: str | None = None
    sector: str | None = None
    weak: bool = False
    person: Person | None = None


class ActorDictionary:
    """Countries, organisations, groups, persons, sector nouns and metonyms, indexed for
    matching. Build with ``load``; instances are read-only and safe to share."""

    def __init__(self, data: ActorData) -> None:
        self._data = data
        self._index = PhraseIndex()
        self._weak: set[str] = set()  # phrase keys of weak sector nouns
        self._names: dict[str, str] = {}
        self._registry: list[tuple[str, str, str, str | None]] = []
        self._codes: set[str] = set()
        for entry in data.ordered():
            self._register(entry)
        self._build_registry()

    # ------------------------------------------------------------------ construction
    @classmethod
    def load(cls, extra_files: Sequence[str | Path] = ()) -> ActorDictionary:
        """The packaged dictionary plus user files (same YAML format; later files win)."""
        return cls(read_files([*packaged_paths(), *extra_files]))

    def _add(self, names: Sequence[str], meaning: _Meaning, lang: str | None = None) -> None:
        for name in names:
            self._index.add(Pattern.build(name, meaning, lang))

    def _register(self, entry: object) -> None:
        if isinstance(entry, Country):
            self._add(entry.names, _Meaning("country", entry.code))
            self._add(entry.capitals, _Meaning("capital", entry.code))
            self._add(entry.demonyms, _Meaning("demonym", entry.code), "en")
            self._add(entry.demonyms_fr, _Meaning("demonym", entry.code), "fr")
        elif isinstance(entry, Organisation):
            self._add(entry.names, _Meaning(entry.kind, entry.actor_code, entry.sector))
        elif isinstance(entry, Person):
            self._add(entry.names, _Meaning("person", person=entry))
        elif isinstance(entry, SectorNouns):
            meaning = _Meaning("sector", None, entry.sector, entry.weak)
            for lang, names in (("en", entry.en), ("fr", entry.fr)):
                self._add(names, meaning, lang)
                for name in names:
                    key = phrase_key(name)
                    (self._weak.add if entry.weak else self._weak.discard)(key)
        elif isinstance(entry, Metonym):
            self._add(entry.names, _Meaning("metonym", entry.code, entry.sector))
        elif isinstance(entry, str):
            self._add([entry], _Meaning("ignore"))

    def _build_registry(self) -> None:
        d = self._data
        for c in d.countries.values():
            self._names[c.code] = c.name
            self._registry.append((c.code, c.name, "country", c.code))
        for o in d.organisations.values():
            if o.coded_as:
                self._names.setdefault(o.code, o.name)
                continue
            self._names[o.code] = o.name
            if o.kind == "group":
                kind = "armed_group"
            else:
                kind = {"IGO": "igo", "NGO": "ngo"}.get(o.sector or "", "org")
            self._registry.append((o.code, o.name, kind, o.country))
        self._codes = {c for c, *_ in self._registry}

    # ------------------------------------------------------------------ matching
    def mentions(self, doc: Doc | Span, when: date | None = None) -> list[Mention]:
        """All actor mentions in ``doc`` (a Doc or a Span; indices are Doc token indices),
        non-overlapping, leftmost-longest. ``when`` selects persons' roles (None: current)."""
        tokens = list(doc)
        if not tokens:
            return []
        real_doc = tokens[0].doc
        lang = real_doc.lang_
        has_pos = real_doc.has_annotation("POS")

        def accept(pat: Pattern, toks: Sequence[Any]) -> bool:
            if has_pos and pat.meaning.kind == "sector":
                # a mistagged noun still heads an argument ("la junte" tagged ADJ as nsubj)
                return any(t.pos_ in _NOUNISH or t.dep_ in _ARG_DEPS for t in toks)
            return True

        out: list[Mention] = []
        for i, j, pat in self._index.scan(tokens, lang, accept):
            m: _Meaning = pat.meaning
            if m.kind == "ignore":
                continue
            code, sector = m.code, m.sector
            if m.person is not None:
                role = m.person.role_at(when)
                code, sector = role.code, role.sector
            start, end = tokens[i].i, tokens[j - 1].i + 1
            if m.kind in ("demonym", "country") and _sided(real_doc, start):
                continue  # "pro-Iranian Hizbollah", "anti-French": a stance, not a nationality
            out.append(Mention(start, end, code, sector, m.kind, real_doc[start:end].text))
        return out

    # ------------------------------------------------------------------ composition
    def is_weak_sector(self, mention: Mention) -> bool:
        """Whether a sector mention is a person-role noun (leader, spokesman, minister)."""
        return mention.kind == "sector" and phrase_key(mention.text) in self._weak

    def _noun_sector(self, mentions: Sequence[Mention]) -> str | None:
        nouns = [m for m in mentions if m.kind == "sector" and m.sector]
        strong = [m for m in nouns if not self.is_weak_sector(m)]
        pick = strong or nouns
        return pick[0].sector if pick else None

    def actor_for(self, mentions: Sequence[Mention], text: str = "") -> Actor | None:
        """Compose the mentions of ONE argument phrase into one coded actor (rules in the
        module docstring); None when they name no code (sector nouns only, or nothing)."""
        ms = sorted(mentions, key=lambda m: m.start)
        if not ms:
            return None
        text = text or " ".join(m.text for m in ms)
        for kind in ("person", "metonym"):
            hit = next((m for m in ms if m.kind == kind and m.code), None)
            if hit is not None:
                return Actor(hit.code, hit.sector, text)  # type: ignore[arg-type]
        noun = self._noun_sector(ms)
        org = next((m for m in ms if m.kind in ("org", "group") and m.code), None)
        if org is not None:
            sector = org.sector
            if org.kind == "org" and org.sector == "IGO" and noun in IGO_TAKES:
                sector = noun
            return Actor(org.code, sector, text)  # type: ignore[arg-type]
        place = next((m for m in ms if m.kind in ("country", "demonym", "capital") and m.code),
                     None)
        if place is None:
            return None
        sector = noun
        if sector is None and any(m.kind == "capital" and m.code == place.code for m in ms):
            sector = "GOV"
        return Actor(place.code, sector, text)  # type: ignore[arg-type]

    def split_actors(self, mentions: Sequence[Mention]) -> list[list[Mention]]:
        """Group the mentions of a (possibly coordinated) phrase into one list per actor.

        A mention with a code different from the current group's starts a new group; sector
        nouns join the current group. A group made only of demonyms borrows the sector noun
        of a neighbouring group ("French and Malian troops" -> [French, troops],
        [Malian, troops]; "les armées malienne et burkinabè" likewise). Heuristic: a phrase
        like "the French ambassador to Mali" also splits; use ``actor_for`` on the whole
        argument phrase for its single actor.
        """
        groups: list[list[Mention]] = []
        cur: list[Mention] = []
        cur_code: str | None = None
        for m in sorted(mentions, key=lambda m: m.start):
            if m.code is not None and cur_code is not None and m.code != cur_code:
                groups.append(cur)
                cur, cur_code = [], None
            cur.append(m)
            if m.code is not None:
                cur_code = m.code
        if cur:
            groups.append(cur)
        for gi, group in enumerate(groups):
            if all(m.kind == "demonym" for m in group):
                for nb in (gi + 1, gi - 1):
                    if 0 <= nb < len(groups):
                        nouns = [m for m in groups[nb] if m.kind == "sector"]
                        if nouns and any(m.kind == "demonym" for m in groups[nb]):
                            group.extend(nouns)
                            group.sort(key=lambda m: m.start)
                            break
        return groups

    # ------------------------------------------------------------------ lookups
    def name(self, code: str) -> str:
        """Display name of an actor code; the code itself when unknown."""
        return self._names.get(code, code)

    def registry(self) -> list[tuple[str, str, str, str | None]]:
        """``(code, name, kind, home country)`` of every code an event can carry; kind is
        country | igo | ngo | org | armed_group. Entries coded as another code (Wagner ->
        RUS, Barkhane -> FRA) are not listed: their events carry that other code."""
        return list(self._registry)

    def military_rule(self, code: str, when: date | None) -> bool:
        """Whether ``code`` was ruled by soldiers on ``when`` (data/actors/military_rule.yaml)."""
        if when is None:
            return False
        return any(c == code and start <= when and (end is None or when <= end)
                   for c, start, end in self._data.military_rule)

    def is_known(self, code: str) -> bool:
        """Whether ``code`` is a code of the registry."""
        return code in self._codes

    def person(self, person_id: str) -> Person | None:
        """A person entry by id (for reports and tests)."""
        return self._data.persons.get(person_id)

    def __len__(self) -> int:
        return len(self._index)


@lru_cache(maxsize=8)
def _cached(extra: tuple[str, ...]) -> ActorDictionary:
    return ActorDictionary.load(extra)


def default_dictionary(extra_files: Sequence[str | Path] = ()) -> ActorDictionary:
    """The dictionary for these extra files, loaded once per process and shared."""
    return _cached(tuple(str(Path(p)) for p in extra_files))


def _sided(doc: Doc, start: int) -> bool:
    """Whether the name at ``start`` follows "pro-" or "anti-" ("pro-Iranian", "anti-français")."""
    if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in SIDE_PREFIXES:
        return True
    return start >= 1 and doc[start - 1].lower_.rstrip("-") in SIDE_PREFIXES and \
        doc[start - 1].text.endswith("-")


#: Prefixes that make a nationality word a stance ("pro-Russian", "anti-French").
SIDE_PREFIXES = frozenset({"pro", "anti"})
