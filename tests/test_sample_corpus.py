"""Consistency checks of the packaged sample corpus and its gold file.

The corpus (``src/allegiance/data/sample``) is hand-written test data: these tests check that
the gold records describe the files exactly (text, url, date, language), that every gold event is
well formed and tied to a sentence of its text, and that the corpus has the promised shape
(political vs unrelated articles, EN:FR ratio, two near-duplicates, one German article, French
cooperation before the 2021-2023 realignment).
Only the standard library and ``allegiance.models`` are used, so the checks do not depend on the
ingest or coding code.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from allegiance.models import DATE_PRECISIONS, EVENT_TYPES

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "allegiance" / "data" / "sample"
GOLD = SAMPLE / "gold.jsonl"

RECORD_KEYS = {"id", "url", "file", "lang", "pub_date", "title", "text", "events"}
OPTIONAL_RECORD_KEYS = {"duplicate_of", "skip", "note", "comment"}
EVENT_REQUIRED = {"type", "source", "target", "date", "date_precision", "negated", "planned",
                  "evidence"}  # fmt: skip
EVENT_OPTIONAL = {"mode", "place", "note", "comment"}
SECTORS = {"GOV", "MIL", "IGO", "PMC", "INS", "REB", "CVL", "OPP", "ELI", "MED", "NGO", "BUS",
           "COP", "JUD", "PTY", "REL"}  # fmt: skip
ORGANISATIONS = {"ECOWAS", "AES", "AU", "UN", "EU", "NATO", "MINUSMA", "G5S", "JNIM", "ISSP"}
#: Types that may have no target (no clear target: troops mobilised, a rally).
TARGETLESS = {"MOBILIZE", "PROTEST"}
MODES = {"withdraw", "release", "military", "economic", "humanitarian", "expel", "discontinue"}
#: a promise (AGREE) or threat (THREATEN) names the act it announces as its mode ("aid")
INTENT_MODES = {t.lower() for t in EVENT_TYPES}
ACTOR = re.compile(r"^(?P<code>[A-Z][A-Z0-9]{1,9})(?: (?P<sector>[A-Z]{3}))?$")


def load_records() -> list[dict[str, Any]]:
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


RECORDS = load_records()
BY_URL = {r["url"]: r for r in RECORDS}
EVENTS = [(r, e) for r in RECORDS for e in r["events"]]


def ids(records: list[dict[str, Any]]) -> list[str]:
    return [r["id"] for r in records]


def read_front_matter(path: Path) -> tuple[dict[str, Any], str]:
    """(front matter, body) of a ``.txt`` article, as the format defines them."""
    content = path.read_text(encoding="utf-8")
    assert content.startswith("---\n"), f"{path}: no front matter"
    head, sep, body = content[4:].partition("\n---\n")
    assert sep, f"{path}: front matter not closed"
    meta = yaml.safe_load(head)
    assert isinstance(meta, dict)
    return meta, body.strip()


class ArticleParagraphs(HTMLParser):
    """Text of the ``<p>`` elements inside ``<article>`` (without class attributes) and metas."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_article = self._in_title = False
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "article":
            self._in_article = True
        elif tag == "p" and self._in_article and "class" not in attributes:
            self._current = []
        elif tag == "meta" and attributes.get("property"):
            self.meta[str(attributes["property"])] = attributes.get("content") or ""
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article = False
        elif tag == "p" and self._current is not None:
            self.paragraphs.append("".join(self._current))
            self._current = None
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)
        elif self._in_title:
            self.title += data


def shingles(text: str, size: int = 3) -> set[str]:
    """Word 3-shingles of the accent- and case-folded text (as near-duplicate detection uses)."""
    folded = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    ).casefold()
    words = re.findall(r"[^\W_]+", folded)
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


# --- the gold file ---------------------------------------------------------------------------


def test_gold_records_have_the_documented_keys() -> None:
    assert len(RECORDS) >= 30
    for r in RECORDS:
        assert RECORD_KEYS <= set(r), r["id"]
        assert set(r) <= RECORD_KEYS | OPTIONAL_RECORD_KEYS, r["id"]
        assert isinstance(r["events"], list)
        for key in ("id", "url", "file", "lang", "title", "text"):
            assert isinstance(r[key], str) and r[key].strip(), (r["id"], key)
        date.fromisoformat(r["pub_date"])


def test_ids_and_urls_are_unique() -> None:
    assert len(set(ids(RECORDS))) == len(RECORDS)
    assert len(BY_URL) == len(RECORDS)
    for r in RECORDS:
        assert re.fullmatch(r"https://[a-z0-9-]+\.example/\S+", r["url"]), r["url"]


def test_events_are_well_formed() -> None:
    assert EVENTS
    for r, e in EVENTS:
        where = f"{r['id']}: {e}"
        assert EVENT_REQUIRED <= set(e), where
        assert set(e) <= EVENT_REQUIRED | EVENT_OPTIONAL, where
        types = e["type"] if isinstance(e["type"], list) else [e["type"]]
        assert types and all(t in EVENT_TYPES for t in types), where
        assert len(set(types)) == len(types), where
        if isinstance(e["type"], list):
            assert len(types) >= 2, f"a list of types must offer alternatives: {where}"
        assert isinstance(e["negated"], bool) and isinstance(e["planned"], bool), where
        if "mode" in e:
            assert e["mode"] in MODES or e["mode"] in INTENT_MODES and set(types) <= {
                "AGREE", "THREATEN"} and e["planned"], where
        for side in ("source", "target"):
            value = e[side]
            if value is None:
                assert side == "target" and set(types) <= TARGETLESS, where
                continue
            match = ACTOR.match(value)
            assert match, where
            code, sector = match["code"], match["sector"]
            assert len(code) == 3 or code in ORGANISATIONS, where
            assert sector is None or sector in SECTORS, where
            if code in ORGANISATIONS - {"JNIM", "ISSP"}:
                assert sector in ("IGO", "MIL"), f"organisations carry a sector: {where}"
        assert e["source"] != e["target"], where


def test_event_dates_are_resolved_against_the_publication_date() -> None:
    for r, e in EVENTS:
        where = f"{r['id']}: {e['evidence'][:50]}"
        pub = date.fromisoformat(r["pub_date"])
        when = date.fromisoformat(e["date"])
        precision = e["date_precision"]
        assert precision in DATE_PRECISIONS, where
        if precision == "publication":
            assert when == pub, where
        if precision == "month":
            assert when.day == 1, where
        if precision == "year":
            assert (when.month, when.day) == (1, 1), where
        if not e["planned"]:
            assert when <= pub, f"event after publication but not planned: {where}"


def test_evidence_is_a_sentence_of_the_text() -> None:
    for r, e in EVENTS:
        evidence = e["evidence"]
        assert evidence in r["text"], f"{r['id']}: {evidence!r}"
        assert evidence[0].isupper() or evidence[0] in '«"', evidence
        assert evidence.rstrip('»" ').endswith((".", "?", "!")), evidence
        start = r["text"].index(evidence)
        assert start == 0 or r["text"][start - 1] in " \n", evidence


def test_coordinated_actors_give_one_event_each() -> None:
    """The corpus exercises the coordination rules (one event per actor / per pair)."""
    per_sentence = Counter((r["id"], e["evidence"], str(e["type"])) for r, e in EVENTS)
    assert sum(1 for n in per_sentence.values() if n >= 3) >= 4


def test_negated_planned_and_reported_events_are_present() -> None:
    assert sum(e["negated"] for _, e in EVENTS) >= 3
    assert sum(e["planned"] for _, e in EVENTS) >= 5
    assert sum("reported speech" in e.get("note", "") for _, e in EVENTS) >= 5


def test_event_count_and_type_variety() -> None:
    assert 130 <= len(EVENTS) <= 180
    used = Counter(
        t for _, e in EVENTS for t in (e["type"] if isinstance(e["type"], list) else [e["type"]])
    )
    assert len(used) >= 14, used


# --- gold against the files ------------------------------------------------------------------


@pytest.mark.parametrize("record", RECORDS, ids=ids(RECORDS))
def test_file_exists_and_contains_the_url(record: dict[str, Any]) -> None:
    path = SAMPLE / record["file"]
    assert path.is_file(), path
    assert path.resolve().is_relative_to((SAMPLE / "articles").resolve())
    assert record["url"] in path.read_text(encoding="utf-8")


TXT = [r for r in RECORDS if r["file"].endswith(".txt")]


@pytest.mark.parametrize("record", TXT, ids=ids(TXT))
def test_txt_front_matter_and_body_match_gold(record: dict[str, Any]) -> None:
    meta, body = read_front_matter(SAMPLE / record["file"])
    assert body == record["text"]
    assert meta["title"] == record["title"]
    assert meta["url"] == record["url"]
    assert meta["lang"] == record["lang"]
    assert str(meta["date"]) == record["pub_date"]
    assert meta["source"]


HTML = [r for r in RECORDS if r["file"].endswith(".html")]


@pytest.mark.parametrize("record", HTML, ids=ids(HTML))
def test_html_paragraphs_match_gold(record: dict[str, Any]) -> None:
    page = ArticleParagraphs()
    page.feed((SAMPLE / record["file"]).read_text(encoding="utf-8"))
    assert "\n\n".join(page.paragraphs) == record["text"]
    assert page.title == record["title"]
    assert page.meta["article:published_time"][:10] == record["pub_date"]
    assert page.meta["og:url"] == record["url"]


def container_records(suffix: str) -> dict[str, dict[str, Any]]:
    """url -> record of every article in the ``.jsonl``/``.csv``/``.xml`` files of the corpus."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted((SAMPLE / "articles").rglob(f"*{suffix}")):
        content = path.read_text(encoding="utf-8")
        if suffix == ".jsonl":
            rows = [json.loads(line) for line in content.splitlines() if line.strip()]
        elif suffix == ".csv":
            rows = list(csv.DictReader(io.StringIO(content, newline="")))
        else:
            rows = []
            for item in ET.fromstring(content).iter("item"):
                published = parsedate_to_datetime(item.findtext("pubDate", ""))
                rows.append(
                    {
                        "url": item.findtext("link"),
                        "title": item.findtext("title"),
                        "text": item.findtext("description"),
                        "date": published.date().isoformat(),
                        "lang": "en",
                    }
                )
        for row in rows:
            found[row["url"]] = {**row, "file": path.relative_to(SAMPLE).as_posix()}
    return found


@pytest.mark.parametrize("suffix,count", [(".jsonl", 3), (".csv", 2), (".xml", 3)])
def test_container_files_match_gold(suffix: str, count: int) -> None:
    rows = container_records(suffix)
    assert len(rows) == count
    for url, row in rows.items():
        record = BY_URL[url]
        assert record["file"] == row["file"]
        assert record["text"] == row["text"]
        assert record["title"] == row["title"]
        assert record["pub_date"] == row["date"]
        assert record["lang"] == row["lang"]
        if suffix != ".xml":
            assert set(row) >= {"text", "title", "date", "url", "source", "lang"}


def test_every_article_file_is_in_the_gold() -> None:
    referenced = Counter(r["file"] for r in RECORDS)
    for path in (SAMPLE / "articles").rglob("*"):
        if path.is_file():
            assert path.relative_to(SAMPLE).as_posix() in referenced, path
    formats = Counter(Path(f).suffix for f in referenced.elements())
    assert formats[".html"] == 2 and formats[".xml"] == 3
    assert formats[".jsonl"] == 3 and formats[".csv"] == 2
    assert formats[".txt"] > len(RECORDS) / 2


# --- shape of the corpus ---------------------------------------------------------------------


def test_enough_political_articles_and_some_unrelated_ones() -> None:
    political = [r for r in RECORDS if r["events"]]
    unrelated = [
        r for r in RECORDS if not r["events"] and "duplicate_of" not in r and "skip" not in r
    ]
    assert len(political) >= 24
    assert 3 <= len(unrelated) <= 6
    assert {r["lang"] for r in unrelated} == {"en", "fr"}


def test_articles_are_short_news_stories() -> None:
    for r in RECORDS:
        words = len(r["text"].split())
        if r["lang"] in ("en", "fr"):
            assert 120 <= words <= 350, (r["id"], words)
        else:
            assert 60 <= words <= 350, (r["id"], words)


def test_corpus_covers_french_cooperation_before_the_realignment() -> None:
    """2019 to mid-2021: France (with a little EU and UN) still cooperates with the future AES
    states, so the analysis can see the turn away from France (see ``README.md``)."""
    years = {date.fromisoformat(r["pub_date"]).year for r in RECORDS}
    assert min(years) == 2019 and max(years) == 2025
    early = [r for r in RECORDS if r["pub_date"] < "2021-07-01"]
    assert len(early) >= 6 and {r["lang"] for r in early} == {"en", "fr"}
    cooperative = {"CONSULT", "AGREE", "AID", "COOPERATE", "SUPPORT"}
    coop = other = 0
    for r in early:
        for e in r["events"]:
            codes = {e["source"].split()[0], (e["target"] or "-").split()[0]}
            if "FRA" in codes and codes & {"MLI", "BFA", "NER"}:
                first = e["type"][0] if isinstance(e["type"], list) else e["type"]
                coop, other = (coop + 1, other) if first in cooperative else (coop, other + 1)
    assert coop >= 15 and coop > 2 * other, (coop, other)


def test_english_to_french_ratio_is_about_two_to_one() -> None:
    langs = Counter(r["lang"] for r in RECORDS)
    assert set(langs) == {"en", "fr", "de"}
    assert 1.6 <= langs["en"] / langs["fr"] <= 2.4, langs
    political = Counter(r["lang"] for r in RECORDS if r["events"])
    assert 1.5 <= political["en"] / political["fr"] <= 2.5, political


def test_exactly_two_near_duplicates_of_existing_articles() -> None:
    duplicates = [r for r in RECORDS if "duplicate_of" in r]
    assert len(duplicates) == 2
    assert {r["lang"] for r in duplicates} == {"en", "fr"}
    for dup in duplicates:
        original = BY_URL[dup["duplicate_of"]]
        assert "duplicate_of" not in original and original["events"]
        assert dup["events"] == []
        assert dup["url"] != original["url"] and dup["title"] != original["title"]
        assert dup["text"] != original["text"]
        assert dup["pub_date"] >= original["pub_date"]
        assert jaccard(dup["text"], original["text"]) >= 0.88, dup["id"]
        others = [r for r in RECORDS if r["url"] not in (dup["url"], original["url"])]
        assert max(jaccard(dup["text"], r["text"]) for r in others) < 0.3


def test_no_two_originals_are_near_copies() -> None:
    originals = [r for r in RECORDS if "duplicate_of" not in r]
    sets = [shingles(r["text"]) for r in originals]
    for i, a in enumerate(sets):
        for b in sets[i + 1 :]:
            assert len(a & b) / len(a | b) < 0.3


def test_one_german_article_is_skipped_for_language() -> None:
    skipped = [r for r in RECORDS if "skip" in r]
    assert len(skipped) == 1
    (german,) = skipped
    assert german["lang"] == "de" and german["skip"] == "language" and german["events"] == []


def test_readme_describes_the_corpus() -> None:
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    for needle in ("gold.jsonl", "duplicate_of", "date_precision", "evidence"):
        assert needle in readme
