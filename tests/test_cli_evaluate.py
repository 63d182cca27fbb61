"""``allegiance evaluate``: real temporary store and pipeline, a fake coder, --min-f1 exit code."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import make_event
from typer.testing import CliRunner

from allegiance import pipeline
from allegiance.cli import app
from allegiance.evaluation import GoldError
from allegiance.models import Article, Event

TEXTS = {
    "Mali accused France of supporting terrorists.": ("ACCUSE", "MLI", "FRA"),
    "Russia delivered helicopters to Burkina Faso.": ("AID", "RUS", "BFA"),
    "Le Niger a rompu avec la France.": ("SANCTION", "NER", "FRA"),
    "Le Mali a remercié la Russie.": ("SUPPORT", "MLI", "RUS"),
}


class FakeCoder:
    """Codes each known text with one event; ``wrong`` texts get the wrong target."""

    def __init__(self, wrong: set[str]) -> None:
        self.wrong = wrong
        self.seen: list[Article] = []

    def code_articles(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        for art in articles:
            self.seen.append(art)
            type_, src, tgt = TEXTS[art.text]
            if art.text in self.wrong:
                tgt = "USA"
            yield art, [make_event(art, type_, src, tgt, date(2024, 1, 2))]


@pytest.fixture
def gold_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    lines = []
    for i, (text, (type_, src, tgt)) in enumerate(TEXTS.items()):
        lang = "fr" if text.startswith("Le ") else "en"
        lines.append(json.dumps({"id": f"t{i}", "lang": lang, "pub_date": "2024-01-03",
                                 "text": text, "events": [{"type": type_, "source": src,
                                                           "target": tgt}]}))  # fmt: skip
    lines.append(json.dumps({"id": "dup", "lang": "en", "pub_date": "2024-01-03",
                             "text": "Mali accused France of supporting terrorists!",
                             "duplicate_of": "t0"}))  # fmt: skip
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _use_coder(monkeypatch: pytest.MonkeyPatch, coder: FakeCoder) -> None:
    monkeypatch.setattr(pipeline, "make_coder", lambda config: coder)


def test_scores_through_the_pipeline(gold_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    coder = FakeCoder(wrong={"Le Niger a rompu avec la France."})
    _use_coder(monkeypatch, coder)
    out = gold_file.parent / "report.json"
    result = CliRunner().invoke(
        app, ["evaluate", str(gold_file), "--report", str(out), "--no-progress", "--min-f1", "0.7"]
    )
    assert result.exit_code == 0, result.output
    assert len(coder.seen) == 4 and all(a.status == "pending" for a in coder.seen)
    assert "type+source+target" in result.output and "Worst misses" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["overall"]["triple"]["f1"] == 0.75 and data["ignored_records"] == 1
    assert data["by_lang"]["fr"]["triple"]["f1"] == 0.5
    assert data["by_lang"]["en"]["triple"]["f1"] == 1.0
    assert data["coded_texts"] == 4
    assert data["worst_misses"][0]["kind"] == "wrong"


def test_min_f1_fails_the_run(gold_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _use_coder(monkeypatch, FakeCoder(wrong={"Le Niger a rompu avec la France."}))
    result = CliRunner().invoke(app, ["evaluate", str(gold_file), "--no-progress",
                                      "--min-f1", "0.8"])  # fmt: skip
    assert result.exit_code == 1
    assert "below --min-f1" in result.output


def test_lang_filter(gold_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    coder = FakeCoder(wrong=set())
    _use_coder(monkeypatch, coder)
    result = CliRunner().invoke(app, ["evaluate", str(gold_file), "--lang", "fr",
                                      "--no-progress", "--min-f1", "1.0"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert {a.lang for a in coder.seen} == {"fr"} and len(coder.seen) == 2


def test_invalid_gold_is_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(bad), "--no-progress"])
    assert isinstance(result.exception, GoldError)
    assert str(result.exception).startswith(f"{bad}:1: missing")


def test_convert_plover_command(tmp_path: Path) -> None:
    src = tmp_path / "gsr.json"
    src.write_text(json.dumps([
        {"id": "D", "event": "DOCUMENT"},
        {"id": "X-1", "event": "FIGHT", "language": "en", "date": "2000-01-01",
         "text": "Rebels shelled a Japanese convoy.",
         "source": [{"actorText": "Rebels", "code": "AFG", "sector": "REB"}],
         "target": [{"actorText": "Japanese convoy", "code": "JAP", "sector": "CVL"}]},
    ]), encoding="utf-8")  # fmt: skip
    out = tmp_path / "out" / "gold.jsonl"
    result = CliRunner().invoke(app, ["evaluate", "convert-plover", str(src), str(out)])
    assert result.exit_code == 0, result.output
    assert "1 texts with 1 gold events" in result.output
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["events"] == [{"type": "ASSAULT", "source": "AFG REB", "target": "JPN CVL"}]
