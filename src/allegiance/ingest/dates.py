"""Publication dates from the forms found in news files: ISO, RFC 822, and EN/FR written dates.

Only complete dates (day, month and year) are accepted. Relative expressions ("yesterday",
"il y a 2 jours") and partial ones ("March 2024") return ``None``: the reader never fills a
missing part from the current date. All-numeric dates are read day first (``03/04/2024`` is
3 April), falling back to month first when day first is impossible (``03/25/2024``).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

#: Labels that introduce a date in bylines and metadata, removed before parsing.
_LABEL = re.compile(
    r"^\s*(?:(?:first\s+)?published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|"
    r"last\s+updated(?:\s+on)?|date|publié(?:\s+le)?|mis\s+à\s+jour(?:\s+le)?|"
    r"modifié(?:\s+le)?|le|on)\s*[:\-–]?\s*",
    re.IGNORECASE,
)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_MIN_YEAR = 1800

_SETTINGS: dict[str, Any] = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    "DATE_ORDER": "DMY",
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_LANGUAGES = ["en", "fr"]


def _plausible(value: date | None) -> date | None:
    return value if value is not None and value.year >= _MIN_YEAR else None


def _from_iso(text: str) -> date | None:
    if not _ISO.match(text):
        return None
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None


def _from_rfc822(text: str) -> date | None:
    if not re.match(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d", text):
        return None
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _from_dateparser(text: str) -> date | None:
    import dateparser  # slow import: only when a written date must be read

    parsed = dateparser.parse(text, languages=_LANGUAGES, settings=_SETTINGS)
    if parsed is None and re.fullmatch(r"\d{1,2}[/.]\d{1,2}[/.]\d{4}", text):
        parsed = dateparser.parse(text, languages=_LANGUAGES,
                                  settings={**_SETTINGS, "DATE_ORDER": "MDY"})
    return parsed.date() if parsed is not None else None


def parse_date(value: object) -> date | None:
    """Read a publication date from ``value`` (a ``date``, ``datetime`` or string).

    Returns ``None`` when the value is empty, partial, relative or not a date at all; callers
    decide whether that is a problem (a missing date usually is not, an unreadable one is).
    """
    if isinstance(value, datetime):
        return _plausible(value.date())
    if isinstance(value, date):
        return _plausible(value)
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    text = _LABEL.sub("", text, count=1).strip(" ,.")
    if not text or len(text) > 80:
        return None
    if _ISO.match(text):  # ISO-shaped but invalid (2024-13-01) is not guessed at
        return _plausible(_from_iso(text))
    for parse in (_from_rfc822, _from_dateparser):
        found = parse(text)
        if found is not None:
            return _plausible(found)
    return None


def is_blank(value: object) -> bool:
    """True for ``None`` and whitespace-only strings: a date that was simply not given."""
    return value is None or (isinstance(value, str) and not value.strip())
