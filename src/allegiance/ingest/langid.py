"""Language identification with lingua, limited to the languages a Sahel news corpus mixes.

The detector knows English and French (the coded languages) and a handful of other common
languages (de, es, pt, it, ar, nl) so that "something else" is recognised as such instead of
being forced into EN or FR. It is built once, on first use.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: ISO 639-1 codes the detector chooses between.
KNOWN_LANGUAGES: tuple[str, ...] = ("en", "fr", "de", "es", "pt", "it", "ar", "nl")
#: Below this confidence (0..1, over the known languages) the answer is "unknown".
MIN_CONFIDENCE = 0.6
#: Only the start of long texts is looked at: plenty for a reliable answer, and fast.
MAX_CHARS = 3000

_NAMES = {
    "english": "en", "anglais": "en", "eng": "en",
    "french": "fr", "français": "fr", "francais": "fr", "fra": "fr", "fre": "fr",
    "german": "de", "deu": "de", "ger": "de", "spanish": "es", "spa": "es",
    "portuguese": "pt", "por": "pt", "italian": "it", "ita": "it", "arabic": "ar",
    "ara": "ar", "dutch": "nl", "nld": "nl", "dut": "nl",
}  # fmt: skip


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [
        Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
        for code in KNOWN_LANGUAGES
    ]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language of ``text``, or ``None`` when too short or ambiguous.

    The best guess is returned only when lingua's relative confidence for it is at least
    ``MIN_CONFIDENCE``; a lone place name or a string of numbers gives ``None``.
    """
    sample = text[:MAX_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return None
    values = _detector().compute_language_confidence_values(sample)
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    return values[0].language.iso_code_639_1.name.lower()


def normalise_lang(value: object) -> str | None:
    """A declared language as a lower-case ISO 639-1 code: ``"fr-FR"``, ``"French"`` -> ``"fr"``.

    Unknown names are kept (lower-cased) so that they are reported as "not coded" rather than
    silently replaced; blank values give ``None``.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return _NAMES.get(code, code)
