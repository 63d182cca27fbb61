"""Temporal expressions in English and French sentences, resolved against a publication date.

``find_dates`` returns every expression with its character span, ``resolve_date`` picks one
for an event, ``publication`` is the fallback when a sentence has no date. Everything is done
with precompiled regular expressions (no ``dateparser`` per sentence: too slow, too eager).

Resolution rules (``pub`` is the publication date):

* A day without a year ("on April 3", "le 3 avril") is the most recent such day not after
  ``pub`` + 2 days (feeds and time zones put some articles a day early); with ``future=True``
  the next such day on or after ``pub``. Ranges ("April 3-4", "du 3 au 5 avril") resolve their
  first day that way; ``end`` is the last day (a year later if the range crosses New Year).
* A month without a year ("in December") is the most recent such month that has begun by
  ``pub`` (so "in December" in an article of 2024-01-10 is 2023-12), or with ``future=True``
  the next one that has not ended. "last February"/"février dernier" is the most recent one
  strictly before the month of ``pub``, "next May"/"mai prochain" the first one after it.
* Weekdays: a bare weekday ("on Tuesday", "mardi", "this Tuesday") is the most recent such day
  on or before ``pub`` (``pub`` itself when it is that weekday), or with ``future=True`` the
  next one on or after ``pub``. "last Tuesday"/"mardi dernier" is strictly before ``pub`` (a
  week earlier when ``pub`` is a Tuesday), "next Tuesday"/"mardi prochain" strictly after.
* "last/this/next week" and "la semaine dernière/cette semaine/prochaine" give the
  Monday-Sunday range of that week (precision day, ``end`` = Sunday).
* "N days/weeks ago" give day precision, "N months ago" month, "N years ago" year.

Precision values: day ranges and days are ``day``; months ``month`` (value = the 1st);
years ``year`` (value = 1 January).

Heuristics against false positives:

* English month and weekday names must be capitalised ("may decide", "a march" never match).
  A month name on its own ("in May", "early March", "last February") is only a date after a
  preposition (in, during, since, until, by, before, after, through, from, of), a modifier
  (early, late, mid, end/beginning/start/middle of) or last/next/this, never before "'s"
  ("May's government"); abbreviations ("Jan", "Mar") only count next to a day or a year, so
  "Jan Egeland" is not January. With a day number or a year ("May 3", "3 May", "May 2023")
  the name needs no other context.
* French is matched case-insensitively (headlines capitalise); "mars" is always the month.
  A month alone also needs a preposition (en, depuis, dès, durant, pendant, jusqu'en, avant,
  après, au mois de), a modifier (début, fin, mi-, courant) or dernier/prochain/passé.
* A bare year is a date only after such a preposition or modifier ("in 2022", "en 2022",
  "début 2023"), never on its own ("Resolution 2022", "2022 soldiers").
* Numeric dates: ISO ``2023-04-03`` always; ``03/04/2023`` is day-first in French; in English
  it is used only when unambiguous (one part > 12, or both parts equal).
* When expressions overlap the longest wins ("3 April 2023" rather than "2023").

``text`` is the expression as written, without a leading locating word ("on", "in", "le",
"en"), but with words that carry meaning ("last", "early", "du ... au", "il y a", "ago").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from ..models import ResolvedDate

#: How far after the publication date a past event without a year may fall (time zones, feeds).
PAST_TOLERANCE = timedelta(days=2)

_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "publication": 3}

_MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4,
    "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9,
    "octobre": 10, "novembre": 11, "decembre": 12,
}  # fmt: skip

_WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4,
    "samedi": 5, "dimanche": 6,
}  # fmt: skip

_NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
}  # fmt: skip


def _fold(word: str) -> str:
    """Lower-case, accents removed, apostrophes straightened, trailing dot and spaces dropped."""
    decomposed = unicodedata.normalize("NFKD", word.replace("’", "'"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.lower().rstrip(".").split())


#: One-to-one lower-casing (keeps character offsets) for the French rules.
_LOWER = {
    code: c.lower()
    for code in range(0x41, 0x250)
    if len(c := chr(code).lower()) == 1 and c != chr(code)
}


def _lower(text: str) -> str:
    """Lower-cased text with the same character offsets (``str.lower`` unless it changes them)."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_LOWER)


# ---------------------------------------------------------------------------------------------
# Regex building blocks. Every rule's core starts with a distinctive token (digit, month,
# weekday, keyword) so the regex engine can skip ahead quickly; optional words in front of it
# ("from", "early", "last", "du", "le mois de") are matched by a separate prefix pattern on
# the few characters before the core. English is case-sensitive (keywords accept a capital
# first letter); French rules run on a lower-cased copy of the text.


def _cap(words: str) -> str:
    """'last|next' -> '(?:[Ll]ast|[Nn]ext)': a keyword may start a sentence."""
    alts = [f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in words.split("|")]
    return "(?:" + "|".join(alts) + ")"


_EN_MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?!\w)"
)
_EN_MONTH_ANY = (  # flat alternation: much faster to scan for than a nested one
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
    r"(?!\w)"
)
_FR_MONTH = (
    r"(?:janvier|janv\.|f[ée]vrier|f[ée]vr?\.|mars|avril|avr\.|mai|juin|juillet|juil\."
    r"|ao[uû]t|septembre|sept\.|octobre|oct\.|novembre|nov\.|d[ée]cembre|d[ée]c\.)(?!\w)"
)
_EN_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!\w)"
_FR_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(?!\w)"
_EN_NUM = (
    r"(?:\d{1,2}|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en"
    r"|[Ee]leven|[Tt]welve|[Aa]n?)"
)
_FR_NUM = r"(?:\d{1,2}|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze)"
_APOS = r"['’]"


def _day(name: str, lang: str) -> str:
    suffix = r"(?:st|nd|rd|th)?" if lang == "en" else r"(?:er|ᵉʳ|re)?"
    return rf"(?P<{name}>\d\d?){suffix}(?!\w|[.,/]\d)"  # 1..31 checked by the handlers


def _year(name: str) -> str:
    return rf"(?P<{name}>(?:19|20)\d\d)(?!\d)"


def _group(name: str, body: str) -> str:
    return rf"(?P<{name}>{body})"


# ---------------------------------------------------------------------------------------------
# Resolution helpers.

Groups = dict[str, str | None]
Resolution = tuple[date, str, date | None]
Handler = Callable[[Groups, date, bool], Resolution | None]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_without_year(month: int, day: int, pub: date, future: bool) -> date | None:
    """The most recent (or, ``future``, the next) valid month/day relative to ``pub``."""
    if future:
        for year in range(pub.year, pub.year + 9):
            d = _safe_date(year, month, day)
            if d is not None and d >= pub:
                return d
        return None
    limit = pub + PAST_TOLERANCE
    for year in range(limit.year, limit.year - 9, -1):
        d = _safe_date(year, month, day)
        if d is not None and d <= limit:
            return d
    return None


def _month_without_year(month: int, pub: date, future: bool) -> date:
    if future:
        return date(pub.year if month >= pub.month else pub.year + 1, month, 1)
    return date(pub.year if month <= pub.month else pub.year - 1, month, 1)


def _shift_months(pub: date, months: int) -> date:
    index = pub.year * 12 + pub.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_of(text: str | None) -> int | None:
    return _MONTHS.get(_fold(text)) if text else None


def _number(text: str) -> int:
    folded = _fold(text)
    return int(folded) if folded.isdigit() else _NUMBERS[folded]


_REL_OFFSETS = {
    "last": -1, "past": -1, "this": 0, "next": 1, "derniere": -1, "dernier": -1,
    "passee": -1, "passe": -1, "prochaine": 1, "prochain": 1, "": 0,
}  # fmt: skip


def _offset(rel: str | None) -> int:
    """-1, 0 or +1 from the relative words in ``rel`` ('last', 'of next year', 'dernière')."""
    return sum(_REL_OFFSETS.get(w, 0) for w in _fold(rel or "").replace("'", " ").split())


# ---------------------------------------------------------------------------------------------
# Handlers: (groups, pub, future) -> (value, precision, end), or None to reject the match.


def _h_iso(g: Groups, pub: date, future: bool) -> Resolution | None:
    d = _safe_date(int(g["y"] or 0), int(g["mo"] or 0), int(g["d"] or 0))
    return (d, "day", None) if d else None


def _numeric(day_first: bool) -> Handler:
    def handler(g: Groups, pub: date, future: bool) -> Resolution | None:
        a, b, year = int(g["a"] or 0), int(g["b"] or 0), int(g["y"] or 0)
        if not day_first:  # English: only when the order cannot matter or is forced
            if b > 12 >= a:
                a, b = b, a
            elif not a > 12 >= b and a != b:
                return None
        d = _safe_date(year, b, a)
        return (d, "day", None) if d else None

    return handler


def _h_day(g: Groups, pub: date, future: bool) -> Resolution | None:
    month, day = _month_of(g["m"]), int(g["d"] or 0)
    if month is None:
        return None
    if g.get("y"):
        d = _safe_date(int(g["y"] or 0), month, day)
    else:
        d = _day_without_year(month, day, pub, future)
    return (d, "day", None) if d else None


def _h_day_range(g: Groups, pub: date, future: bool) -> Resolution | None:
    m2 = _month_of(g["m2"])
    m1 = _month_of(g.get("m1")) or m2
    if m1 is None or m2 is None:
        return None
    d1, d2 = int(g["d1"] or 0), int(g["d2"] or 0)
    y1s, y2s = g.get("y1"), g.get("y2")
    if y1s or y2s:
        y2 = int(y2s or y1s or 0)
        y1 = int(y1s) if y1s else (y2 if (m1, d1) <= (m2, d2) else y2 - 1)
        start = _safe_date(y1, m1, d1)
    else:
        start = _day_without_year(m1, d1, pub, future)
        y2 = start.year if start else pub.year
    if start is None:
        return None
    end = _safe_date(y2, m2, d2)
    if end is not None and end < start and not y2s:
        end = _safe_date(y2 + 1, m2, d2)  # "du 30 décembre au 2 janvier"
    if end is None or end <= start or (end - start).days > 366:
        return None
    return start, "day", end


def _h_month(g: Groups, pub: date, future: bool) -> Resolution | None:
    month = _month_of(g["m"])
    if month is None:
        return None
    if g.get("y"):
        return date(int(g["y"] or 0), month, 1), "month", None
    rel, ry = g.get("rel"), g.get("ry")
    if not (g.get("prep") or g.get("mod") or rel or ry):
        return None  # a lone month name is not enough context
    if ry:
        return date(pub.year + _offset(ry), month, 1), "month", None
    if rel and _offset(rel) < 0:
        return date(pub.year if month < pub.month else pub.year - 1, month, 1), "month", None
    if rel and _offset(rel) > 0:
        return date(pub.year if month > pub.month else pub.year + 1, month, 1), "month", None
    return _month_without_year(month, pub, future), "month", None


def _h_year(g: Groups, pub: date, future: bool) -> Resolution | None:
    if not (g.get("prep") or g.get("mod")):
        return None  # "2022 soldiers", "Resolution 2022"
    return date(int(g["y"] or 0), 1, 1), "year", None


def _h_rel_unit(g: Groups, pub: date, future: bool) -> Resolution | None:
    """'last week', 'this month', 'next year', 'la semaine dernière', 'l'an prochain' ..."""
    if g.get("u") and not g.get("rel"):
        return None  # English "week" without last/this/next
    unit = _fold(g.get("u") or g.get("u2") or "")
    offset = _offset(g.get("rel"))
    if unit in ("week", "semaine"):
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=offset)
        return monday, "day", monday + timedelta(days=6)
    if unit in ("month", "mois"):
        return _shift_months(pub, offset), "month", None
    return date(pub.year + offset, 1, 1), "year", None


def _h_ago(g: Groups, pub: date, future: bool) -> Resolution | None:
    """'3 days ago', 'two weeks ago', 'il y a deux ans' ..."""
    if not g.get("n"):
        return None
    n = _number(g["n"] or "")
    unit = _fold(g["u"] or "")
    if unit.startswith(("day", "jour")):
        return pub - timedelta(days=n), "day", None
    if unit.startswith(("week", "semaine")):
        return pub - timedelta(weeks=n), "day", None
    if unit.startswith(("month", "mois")):
        return _shift_months(pub, -n), "month", None
    return date(pub.year - n, 1, 1), "year", None


_DAY_WORDS = {
    "yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "last night": -1,
    "this morning": 0, "this afternoon": 0, "this evening": 0, "earlier today": 0,
    "the day before yesterday": -2, "day before yesterday": -2,
    "hier": -1, "aujourd'hui": 0, "demain": 1, "avant-hier": -2, "apres-demain": 2,
    "ce matin": 0, "ce soir": 0, "cet apres-midi": 0,
}  # fmt: skip


def _h_day_word(g: Groups, pub: date, future: bool) -> Resolution | None:
    offset = _DAY_WORDS.get(_fold((g.get("pre") or "") + (g["w"] or "")))
    return None if offset is None else (pub + timedelta(days=offset), "day", None)


def _weekday_date(wd: int, pub: date, rel: str | None, future: bool) -> date:
    offset = _offset(rel)
    if offset < 0:
        return pub - timedelta(days=(pub.weekday() - wd - 1) % 7 + 1)
    if offset > 0:
        return pub + timedelta(days=(wd - pub.weekday() - 1) % 7 + 1)
    if future:
        return pub + timedelta(days=(wd - pub.weekday()) % 7)
    return pub - timedelta(days=(pub.weekday() - wd) % 7)


def _h_weekday(g: Groups, pub: date, future: bool) -> Resolution | None:
    wd = _WEEKDAYS[_fold(g["wd"] or "")]
    return _weekday_date(wd, pub, g.get("rel"), future), "day", None


def _h_weekday_range(g: Groups, pub: date, future: bool) -> Resolution | None:
    """'dans la nuit de lundi à mardi': the range ends on the second weekday."""
    wd1, wd2 = _WEEKDAYS[_fold(g["wd1"] or "")], _WEEKDAYS[_fold(g["wd2"] or "")]
    end = _weekday_date(wd2, pub, None, future)
    return end - timedelta(days=(wd2 - wd1) % 7), "day", end


# ---------------------------------------------------------------------------------------------
# Rules.


@dataclass(frozen=True)
class _Rule:
    """A core regex, its handler, and optional words allowed just before the core.

    ``needs`` names a cheap test (a digit, a month name) run once per text, so that most
    sentences skip most rules. ``prefix`` is searched in the characters before the core and
    must end where the core starts; its group ``pre`` becomes part of the expression text,
    its group ``prep`` (a locating preposition) is context only. ``left`` lists characters
    that may not precede the core (letters and digits never may).
    """

    core: re.Pattern[str]
    handler: Handler
    prefix: re.Pattern[str] | None = None
    left: str = ""
    needs: str = ""  # a feature of the text (see _FEATURES) without which the rule is skipped


_PREFIX_WINDOW = 40


def _rule(
    core: str, handler: Handler, prefix: str | None = None, left: str = "", needs: str = ""
) -> _Rule:
    pre = re.compile(rf"(?<!\w)(?:{prefix})$") if prefix else None
    return _Rule(re.compile(core), handler, pre, left, needs)


def _rules_en() -> list[_Rule]:
    d, d1, d2 = _day("d", "en"), _day("d1", "en"), _day("d2", "en")
    y, y1, y2 = _year("y"), _year("y1"), _year("y2")
    mon = _EN_MONTH_ANY
    m, m1, m2 = _group("m", mon), _group("m1", mon), _group("m2", mon)
    to = rf"(?:\s*[-–—‑]\s*|\s+{_cap('to|until|till|through|and')}\s+(?:the\s+)?)"
    of = r"(?:of\s+)?"
    frm = rf"(?P<pre>{_cap('from|between')}\s+(?:the\s+)?)?"
    wd = rf"(?P<pre>{_EN_WEEKDAY},?\s+)?(?:[Tt]he\s+)?"
    mod = rf"(?P<mod>{_cap('early|late|mid|the end of|end of|the beginning of|beginning of')}"
    mod += rf"|{_cap('the start of|start of|the middle of|middle of')})(?:\s+|-)"
    prep = _cap("in|during|since|until|till|by|before|after|through|from|of")
    ctx = rf"(?:(?P<prep>{prep})\s+)?(?P<pre>{mod})?"
    ctx_rel = rf"(?:(?P<prep>{prep})\s+)?(?P<pre>{mod}|(?P<rel>{_cap('last|next|this')})\s+)?"
    digit_left = ".,/-"
    return [
        _rule(rf"{d1}\s+{of}{m1}(?:,?\s+{y1})?{to}{d2}\s+{of}{m2}(?:,?\s+{y2})?",
              _h_day_range, frm, digit_left, "month"),
        _rule(rf"{m1}\s+{d1}(?:,?\s+{y1})?{to}{m2}\s+{d2}(?:,?\s+{y2})?", _h_day_range, frm,
              needs="month"),
        _rule(rf"{m2}\s+{d1}{to}{d2}(?:,?\s+{y2})?", _h_day_range, frm, needs="month"),
        _rule(rf"{d1}{to}{d2}\s+{of}{m2}(?:,?\s+{y2})?", _h_day_range, frm, digit_left,
              "month"),
        _rule(rf"{d}\s+{of}{m}(?:,?\s+{y})?", _h_day, wd, digit_left, "month"),
        _rule(rf"{m}\s+{d}(?:,?\s+{y})?", _h_day, wd, needs="month"),
        _rule(rf"{m}(?:,?\s+|\s+of\s+){y}", _h_month, ctx, needs="month"),
        _rule(rf"(?P<m>{_EN_MONTH_FULL})(?!['’]s)(?!,?\s+(?:of\s+)?\d)"
              r"(?:\s+(?P<ry>(?:of\s+)?(?:last|this|next)\s+year)(?!\w))?",
              _h_month, ctx_rel, needs="month"),
        _rule(y, _h_year, ctx, ".,/", "digit"),
        _rule(r"(?P<u>week|month|year)(?!\w)", _h_rel_unit,
              rf"(?P<pre>(?:{_cap('earlier|later')}\s+)?(?P<rel>{_cap('last|this|next')})\s+)"),
        _rule(r"ago(?!\w)", _h_ago,
              rf"(?P<pre>(?P<n>{_EN_NUM})\s+(?P<u>days?|weeks?|months?|years?)\s+)"),
        _rule(r"(?P<w>yesterday|today|tomorrow|tonight|night|morning|afternoon|evening"
              r"|Yesterday|Today|Tomorrow|Tonight)(?!\w)", _h_day_word,
              rf"(?P<pre>(?:[Tt]he\s+)?[Dd]ay\s+before\s+|{_cap('last|this|earlier')}\s+)?"),
        _rule(rf"(?P<wd>{_EN_WEEKDAY})(?!s\b)", _h_weekday,
              rf"(?P<pre>(?P<rel>{_cap('last|next|this|past')})\s+)?"),
    ]  # fmt: skip


def _rules_fr() -> list[_Rule]:
    d, d1, d2 = _day("d", "fr"), _day("d1", "fr"), _day("d2", "fr")
    y, y1, y2 = _year("y"), _year("y1"), _year("y2")
    m, m1, m2 = _group("m", _FR_MONTH), _group("m1", _FR_MONTH), _group("m2", _FR_MONTH)
    wd = rf"(?:{_FR_WEEKDAY}\s+)?"
    frm = rf"(?P<pre>(?:(?:du|les|entre\s+le)\s+)?{wd})?"
    to = rf"(?:\s+(?:au|et\s+le|et)\s+|\s*[-–—‑]\s*){wd}"
    mod = (
        rf"(?P<mod>(?:au\s+)?début(?:\s+du\s+mois)?(?:\s+de|\s+d{_APOS})?"
        rf"|(?:à\s+la\s+)?fin(?:\s+du\s+mois)?(?:\s+de|\s+d{_APOS})?|(?:à\s+la\s+)?mi|courant)"
        r"(?:\s*-\s*|\s*)"
    )
    prep = (
        rf"(?P<prep>en|depuis|dès|durant|pendant|jusqu{_APOS}en|avant|après"
        rf"|(?:au|le)\s+mois\s+d(?:e\s+|{_APOS})|d{_APOS}ici)\s*"
    )
    ctx = rf"(?:{prep})?(?P<pre>{mod})?"
    digit_left = ".,/-"
    return [
        _rule(rf"{d1}\s+{m1}(?:\s+{y1})?{to}{d2}\s+{m2}(?:\s+{y2})?", _h_day_range, frm,
              digit_left, "month"),
        _rule(rf"{d1}{to}{d2}\s+{m2}(?:\s+{y2})?", _h_day_range, frm, digit_left, "month"),
        _rule(rf"{d}\s+{m}(?:\s+{y})?", _h_day, rf"(?P<pre>{wd})", digit_left, "month"),
        _rule(rf"{m}\s+{y}", _h_month, ctx, needs="month"),
        _rule(rf"(?P<m>{_FR_MONTH})(?!\s+\d)(?:\s+(?P<rel>dernier|prochain|passé)(?!\w)"
              rf"|\s+(?P<ry>de\s+l{_APOS}(?:année|an)\s+(?:dernière|dernier|passée|prochaine)))?",
              _h_month, ctx, needs="month"),
        _rule(y, _h_year, ctx, ".,/", "digit"),
        _rule(r"(?P<u>année|an|mois|semaine)\s+(?P<rel>dernière|dernier|passée|passé"
              r"|prochaine|prochain)(?!\w)", _h_rel_unit, rf"(?P<pre>l{_APOS}|le\s+|la\s+)?"),
        _rule(r"(?:cette|ce)\s+(?P<u2>année|mois|semaine)(?:-ci)?(?!\w)", _h_rel_unit),
        _rule(rf"il\s+y\s+a\s+(?P<n>{_FR_NUM})\s+(?P<u>jours?|semaines?|mois|ans?|années?)"
              r"(?!\w)", _h_ago),
        _rule(rf"(?P<w>avant-hier|hier|aujourd{_APOS}hui|après-demain|demain|ce\s+matin"
              r"|ce\s+soir|cet\s+après-midi)(?!\w)", _h_day_word),
        _rule(rf"de\s+(?P<wd1>{_FR_WEEKDAY})\s+(?:à|au)\s+(?P<wd2>{_FR_WEEKDAY})",
              _h_weekday_range, r"(?P<pre>nuit\s+)?"),
        _rule(rf"(?P<wd>{_FR_WEEKDAY})(?:\s+(?P<rel>dernier|prochain|passé)(?!\w))?",
              _h_weekday, r"(?P<pre>ce\s+)?"),
    ]  # fmt: skip


def _rules_shared(day_first: bool) -> list[_Rule]:
    iso = r"(?P<y>[12]\d\d\d)-(?P<mo>[01]?\d)-(?P<d>[0-3]?\d)(?![\w/]|[.-]\d)"
    num = r"(?P<a>\d\d?)([/.])(?P<b>\d\d?)\2(?P<y>(?:19|20)\d\d)(?![\w/]|[.-]\d)"
    return [
        _rule(iso, _h_iso, left="./-", needs="digit"),
        _rule(num, _numeric(day_first), left="./-", needs="digit"),
    ]


_RULES: dict[str, list[_Rule]] = {
    "en": _rules_shared(day_first=False) + _rules_en(),
    "fr": _rules_shared(day_first=True) + _rules_fr(),
}


_FEATURES: dict[str, dict[str, re.Pattern[str]]] = {
    "en": {"digit": re.compile(r"\d"), "month": re.compile(_EN_MONTH_ANY)},
    "fr": {"digit": re.compile(r"\d"), "month": re.compile(_FR_MONTH)},
}


def _is_french(lang: str) -> bool:
    return (lang or "").lower().startswith("fr")


def _candidates(
    scan: str, lang: str, pub: date, future: bool
) -> Iterator[tuple[int, int, int, Resolution]]:
    """Yield (start, end, rule order, resolution) for every accepted rule match."""
    features = _FEATURES[lang]
    have: dict[str, bool] = {}
    for order, rule in enumerate(_RULES[lang]):
        if rule.needs:
            if rule.needs not in have:
                have[rule.needs] = features[rule.needs].search(scan) is not None
            if not have[rule.needs]:
                continue
        for m in rule.core.finditer(scan):
            start = m.start()
            if start and (scan[start - 1].isalnum() or scan[start - 1] in rule.left):
                continue
            groups: Groups = m.groupdict()
            if rule.prefix is not None:
                p = rule.prefix.search(scan, max(0, start - _PREFIX_WINDOW), start)
                if p is not None:
                    groups.update(p.groupdict())
                    if p.group("pre"):
                        start = p.start("pre")
            res = rule.handler(groups, pub, future)
            if res is not None:
                yield start, m.end(), order, res


# ---------------------------------------------------------------------------------------------
# Public API.


def publication(pub_date: date) -> ResolvedDate:
    """The fallback date of an event whose sentence gives none: the publication date."""
    return ResolvedDate(value=pub_date, precision="publication")


def find_dates(
    text: str, pub_date: date, lang: str, future: bool = False
) -> list[tuple[int, int, ResolvedDate]]:
    """All temporal expressions in ``text`` as ``(start, end, ResolvedDate)``, by position.

    ``start``/``end`` are character offsets (``text[start:end]`` is ``ResolvedDate.text``).
    Overlapping candidates are settled longest-first. ``lang`` is 'en' or 'fr' (anything
    else is treated as English). ``future`` resolves dates without a year, and bare weekdays,
    forward (for planned events).
    """
    french = _is_french(lang)
    scan = _lower(text) if french else text
    found = sorted(
        _candidates(scan, "fr" if french else "en", pub_date, future),
        key=lambda f: (f[0] - f[1], f[2], f[0]),
    )
    chosen: list[tuple[int, int, ResolvedDate]] = []
    for start, end, _order, (value, precision, last) in found:
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, ResolvedDate(value, precision, text[start:end], last)))
    chosen.sort(key=lambda c: c[0])
    return chosen


def resolve_date(
    text: str, pub_date: date, lang: str, future: bool = False
) -> ResolvedDate | None:
    """The date an event sentence states, or None when it states none.

    When several expressions occur, the most precise wins (day, then month, then year), and
    among equally precise ones the first. Callers that know the trigger position should use
    ``find_dates`` and take the expression nearest the trigger instead.
    """
    dates = find_dates(text, pub_date, lang, future)
    if not dates:
        return None
    return min(dates, key=lambda f: (_PRECISION_RANK[f[2].precision], f[0]))[2]
