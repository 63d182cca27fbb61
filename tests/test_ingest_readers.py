"""Readers: text/Markdown, HTML, RSS/Atom, JSONL, CSV, decoding, dispatch and directory walking."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from allegiance.ingest.dates import parse_date
from allegiance.ingest.decode import decode_text
from allegiance.ingest.feeds import read_feed
from allegiance.ingest.html import read_html
from allegiance.ingest.readers import read_path
from allegiance.ingest.tabular import read_csv, read_jsonl
from allegiance.ingest.text import read_text, split_title
from allegiance.models import Problem, RawArticle

BATCH = Path(__file__).parent / "fixtures" / "ingest" / "batch"


def articles(items: list[RawArticle | Problem]) -> list[RawArticle]:
    return [i for i in items if isinstance(i, RawArticle)]


def problems(items: list[RawArticle | Problem]) -> list[Problem]:
    return [i for i in items if isinstance(i, Problem)]


# -- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-12", date(2024, 3, 12)),
        ("2024-03-12T23:10:00+01:00", date(2024, 3, 12)),
        ("Tue, 12 Mar 2024 10:00:00 GMT", date(2024, 3, 12)),
        ("Publié le 12 mars 2024 à 10h15", date(2024, 3, 12)),
        ("le 1er avril 2024", date(2024, 4, 1)),
        ("Published March 5, 2024", date(2024, 3, 5)),
        ("Updated: 5 March 2024", date(2024, 3, 5)),
        ("03/04/2024", date(2024, 4, 3)),  # day first
        ("03/25/2024", date(2024, 3, 25)),  # day first impossible -> month first
    ],
)
def test_parse_date_accepts_complete_dates(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["", "   ", "yesterday", "il y a deux jours", "March 2024", "2024", "12 mars",
             "2024-13-01", "2024-02-30", "not a date at all"],
)
def test_parse_date_never_fills_missing_parts(text: str) -> None:
    assert parse_date(text) is None


# -- text and Markdown -----------------------------------------------------------------------


def test_front_matter_fields_are_read() -> None:
    [article] = read_text((BATCH / "fr_article.txt").read_text(encoding="utf-8"), "fr.txt")
    assert isinstance(article, RawArticle)
    assert article.title == "Ouagadougou et Moscou signent un accord nucléaire civil"
    assert article.pub_date == date(2024, 3, 12)
    assert article.source == "Le Courrier du Sahel"
    assert article.url is None
    assert article.text.startswith("Le Burkina Faso a signé mardi")
    assert "---" not in article.text and "title:" not in article.text
    assert "\n\n" in article.text  # paragraph break kept


def test_front_matter_declared_language_is_normalised() -> None:
    content = "---\nlang: fr-FR\ndate: 2024-01-02\n---\nUn court texte.\n"
    [article] = read_text(content, "a.txt")
    assert isinstance(article, RawArticle)
    assert article.lang == "fr" and article.pub_date == date(2024, 1, 2)


def test_title_rule_without_front_matter() -> None:
    content = "Niger expels French ambassador\n\nThe envoy was given 48 hours to leave.\n"
    [article] = read_text(content, "a.txt")
    assert isinstance(article, RawArticle)
    assert article.title == "Niger expels French ambassador"
    assert article.text == "The envoy was given 48 hours to leave."
    assert article.pub_date is None


@pytest.mark.parametrize(
    "content",
    [
        "The envoy was given two days to leave.\n\nOfficials confirmed it.\n",  # a sentence
        "Niger expels French ambassador\nThe envoy was given two days to leave.\n",  # no blank
        "Niger expels French ambassador\n\n",  # nothing after it
        " ".join(["word"] * 30) + "\n\nBody.\n",  # too long
    ],
)
def test_title_rule_rejects(content: str) -> None:
    title, body = split_title(content)
    assert title is None and body == content


def test_markdown_heading_marker_is_dropped() -> None:
    title, body = split_title("# Bamako recalls envoy\n\nText.", markdown=True)
    assert title == "Bamako recalls envoy" and body.strip() == "Text."


def test_bad_front_matter_is_a_problem_with_line() -> None:
    [problem] = read_text("---\ntitle: a\ndate: [unclosed\n---\nBody.\n", "bad.md")
    assert isinstance(problem, Problem)
    assert problem.path == "bad.md" and "front matter" in problem.reason
    [problem] = read_text("---\ntitle: a\nBody without closing fence.\n", "open.md")
    assert isinstance(problem, Problem) and "never closed" in problem.reason


def test_unparsable_front_matter_date_names_its_line() -> None:
    [problem] = read_text("---\ntitle: a\ndate: next tuesday\n---\nBody.\n", "a.txt")
    assert isinstance(problem, Problem)
    assert problem.line == 3 and "unparsable date" in problem.reason


# -- HTML -----------------------------------------------------------------------------------


def test_html_french_page_metadata_and_text() -> None:
    [article] = read_html((BATCH / "sub" / "page_fr.html").read_text(encoding="utf-8"), "p.html")
    assert isinstance(article, RawArticle)
    assert article.title == "Niamey accueille une délégation russe"
    assert article.pub_date == date(2024, 4, 4)
    assert article.lang == "fr"
    assert article.source == "Le Courrier du Sahel"
    assert article.url == "https://example.org/niamey-delegation-russe"
    assert article.text.startswith("Une délégation du ministère russe")
    assert "Publié le" not in article.text and "Accueil" not in article.text


PAGE = """<html lang="en"><head><title>Niger ends pact</title></head><body><article>
<h1>Niger ends pact</h1>{meta}
<p>The military authorities in Niamey said on Saturday they were ending a defence agreement
with the United States, in a statement read by a spokesman on state television.</p>
<p>The spokesman said the presence of foreign troops was no longer justified and accused
Washington of ignoring the wishes of the people.</p>
<p>Officials in Washington said they were seeking clarification of the decision.</p>
</article></body></html>"""


def test_html_english_byline_date() -> None:
    [article] = read_html(PAGE.format(meta="<p>Published March 5, 2024 | By Staff</p>"), "e.html")
    assert isinstance(article, RawArticle)
    assert article.pub_date == date(2024, 3, 5) and article.lang == "en"
    assert "Published" not in article.text


def test_html_without_date_does_not_guess_from_a_year() -> None:
    [article] = read_html(PAGE.format(meta="<p>In 2019 the first troops came.</p>"), "e.html")
    assert isinstance(article, RawArticle)
    assert article.pub_date is None
    assert "In 2019 the first troops came." in article.text


# -- feeds ----------------------------------------------------------------------------------


def test_rss_entries() -> None:
    items = list(read_feed((BATCH / "feed.xml").read_text(encoding="utf-8"), "feed.xml"))
    assert problems(items) == []
    first, second = articles(items)
    assert first.origin == "feed.xml#1" and second.origin == "feed.xml#2"
    assert first.title == "Wagner fighters spotted near Timbuktu"
    assert first.pub_date == date(2024, 1, 8)
    assert first.source == "Sahel Wire" and first.lang == "en"
    assert first.url == "https://example.org/timbuktu"
    assert "<" not in first.text and "Malian soldiers" in first.text


def test_atom_content_preferred_over_summary() -> None:
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>Le Fil</title>
<entry><title>Accord signé</title><link href="https://example.org/accord"/>
<updated>2024-03-12T08:00:00Z</updated>
<content type="html">&lt;p&gt;Le Mali et le Niger ont signé un accord de défense.&lt;/p&gt;
</content>
<summary>Accord.</summary></entry></feed>"""
    [article] = read_feed(atom, "f.atom")
    assert isinstance(article, RawArticle)
    assert article.text == "Le Mali et le Niger ont signé un accord de défense."
    assert article.lang == "fr" and article.pub_date == date(2024, 3, 12)
    assert article.source == "Le Fil"


def test_malformed_feed_keeps_recovered_entries_and_reports() -> None:
    items = list(read_feed((BATCH / "broken.rss").read_text(encoding="utf-8"), "broken.rss"))
    found = problems(items)
    assert any("malformed feed" in p.reason and p.line == 15 for p in found)
    [article] = articles(items)
    assert article.title == "Bamako rappelle son ambassadeur"
    assert article.pub_date == date(2024, 3, 15)


@pytest.mark.parametrize("content", ["<rss><channel><title>x</tit", "plain words, not XML"])
def test_unusable_feed_is_one_problem(content: str) -> None:
    [problem] = read_feed(content, "x.xml")
    assert isinstance(problem, Problem)
    assert "malformed feed, nothing recovered" in problem.reason and problem.line == 1


# -- JSONL and CSV --------------------------------------------------------------------------


def test_jsonl_bad_lines_are_problems_with_line_numbers() -> None:
    items = list(read_jsonl((BATCH / "items.jsonl").read_text(encoding="utf-8"), "i.jsonl"))
    by_line = {p.line: p.reason for p in problems(items)}
    assert set(by_line) == {2, 3, 5}
    assert by_line[2].startswith("invalid JSON")
    assert by_line[3] == "missing text"
    assert "unparsable date" in by_line[5]
    good = articles(items)
    assert [a.line for a in good] == [1, 4]
    assert good[0].origin == "i.jsonl:1" and good[0].pub_date == date(2024, 1, 19)
    assert good[1].lang == "fr"


def test_jsonl_line_separator_inside_string_keeps_numbering() -> None:
    content = '{"text": "a\u2028b"}\n[1]\n{"text": "c", "date": "2024-01-02"}\n'
    items = list(read_jsonl(content, "x.jsonl"))
    assert [p.line for p in problems(items)] == [2]
    assert [a.line for a in articles(items)] == [1, 3]


def test_csv_row_without_text_is_a_problem_and_others_land() -> None:
    items = list(read_csv((BATCH / "items.csv").read_text(encoding="utf-8"), "i.csv"))
    [problem] = problems(items)
    assert (problem.line, problem.reason) == (3, "missing text")
    first, second = articles(items)
    assert first.title == "Senegal calls for dialogue" and first.line == 2
    assert second.pub_date == date(2024, 2, 1) and second.source == "Le Courrier du Sahel"


def test_csv_multiline_field_and_field_count() -> None:
    content = 'Text,Date\n"first\nsecond line",2024-01-02\nextra,2024-01-03,oops\nlast,\n'
    items = list(read_csv(content, "m.csv"))
    assert [(p.line, p.reason) for p in problems(items)] == [(4, "row has 3 fields, header has 2")]
    first, last = articles(items)
    assert first.text == "first\nsecond line" and first.line == 2
    assert last.line == 5 and last.pub_date is None


def test_csv_without_text_column() -> None:
    [problem] = read_csv("title,date\na,2024-01-01\n", "n.csv")
    assert isinstance(problem, Problem) and "no 'text' column" in problem.reason


# -- decoding, dispatch, walking -------------------------------------------------------------


def test_undecodable_bytes_are_reported_with_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Premier ligne\nCoopération\n".encode("latin-1"))
    [problem] = read_path(path)
    assert isinstance(problem, Problem)
    assert problem.reason.startswith("not valid UTF-8 at byte 18")  # 0-based offset of the é
    assert problem.line == 2


def test_utf8_bom_is_dropped() -> None:
    text = decode_text(b"\xef\xbb\xbf---\ndate: 2024-01-01\n---\nBody", "b.txt")
    assert text == "---\ndate: 2024-01-01\n---\nBody"


def test_declared_html_charset_is_honoured() -> None:
    data = '<html><head><meta charset="iso-8859-1"></head><body>Été</body></html>'
    assert "Été" in str(decode_text(data.encode("latin-1"), "p.html", allow_declared=True))
    assert isinstance(decode_text(data.encode("latin-1"), "p.txt"), Problem)


def test_unsupported_extension() -> None:
    [problem] = read_path(BATCH / "notes.docx")
    assert isinstance(problem, Problem) and "unsupported file type" in problem.reason


def test_missing_path() -> None:
    [problem] = read_path("/nonexistent/allegiance/input.txt")
    assert isinstance(problem, Problem) and "no such file" in problem.reason


def test_directory_walk_sorted_recursive_skips_hidden() -> None:
    items = list(read_path(BATCH))
    paths = [Path(i.origin.split("#")[0].rsplit(":", 1)[0]) if isinstance(i, RawArticle)
             else Path(i.path) for i in items]
    names = [str(p.relative_to(BATCH)) for p in paths]
    assert ".hidden.txt" not in names
    assert "sub/page_fr.html" in names
    assert names == sorted(names)
    assert len(articles(items)) == 13
