"""The learned sentence type model: examples, training, save/load, coder fallback, CLI, CV.

All sentences here are hand-written toys; "zorbled" and "flimmed" are verbs no lexicon knows,
so the rules code nothing where the model must step in.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from allegiance.cli import app
from allegiance.coding import Coder
from allegiance.coding.fallback import source_target
from allegiance.coding.typer import (
    NONE,
    TypeModel,
    TypeModelError,
    gold_examples,
    record_examples,
    split_sentences,
    train,
)
from allegiance.config import Config
from allegiance.evaluation import parse_gold
from allegiance.evaluation.cv import cross_validate, folds
from allegiance.models import Actor

COUNTRIES = ["Mali", "Niger", "Chad", "Senegal", "Ghana", "Togo", "Benin", "Guinea"]
TEMPLATES = {
    "ASSAULT": ["{a} shelled villages in {b}.", "Troops from {a} bombed a town in {b}.",
                "{a} launched air strikes on rebels in {b}."],
    "AGREE": ["{a} and {b} signed a trade accord.", "{a} reached a deal with {b} on fishing.",
              "{a} and {b} concluded a border treaty."],
    "PROTEST": ["Crowds in {a} marched against {b}.", "Students in {a} demonstrated outside "
                "the embassy of {b}.", "Thousands rallied in {a} to denounce {b} loudly."],
    NONE: ["The weather in {a} was mild.", "Football fans in {a} watched a match.",
           "A new bridge opened in {a} last spring."],
}  # fmt: skip


def _toy(templates: dict[str, list[str]] = TEMPLATES) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for label, forms in templates.items():
        for form in forms:
            for a, b in zip(COUNTRIES[:4], COUNTRIES[4:], strict=True):
                texts.append(form.format(a=a, b=b))
                labels.append(label)
    return texts, labels


@pytest.fixture(scope="module")
def model() -> TypeModel:
    return train(*_toy())


def test_split_sentences() -> None:
    text = "Mali spoke. Niger (not Chad) agreed!\n\nDone? Yes"
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Mali spoke.", "Niger (not Chad) agreed!", "Done?", "Yes"]


def test_examples_from_gold() -> None:
    text = "The weather was mild. Mali shelled a town in Niger. Fans watched a match."
    line = json.dumps({"id": "a", "lang": "en", "pub_date": "2024-01-02", "text": text,
                       "events": [{"type": "ASSAULT", "source": "MLI", "target": "NER",
                                   "evidence": "shelled a town"}]})  # fmt: skip
    no_evidence = json.dumps({"id": "b", "lang": "en", "pub_date": "2024-01-02",
                              "text": "Chad  thanked Togo.",
                              "events": [{"type": "SUPPORT", "source": "TCD"}]})  # fmt: skip
    skipped = json.dumps({"id": "c", "lang": "en", "pub_date": "2024-01-02", "text": "x",
                          "skip": "not news"})  # fmt: skip
    records = parse_gold([line, no_evidence, skipped])
    assert record_examples(records[0].text, records[0].events) == [
        ("Mali shelled a town in Niger.", "ASSAULT"), ("The weather was mild.", NONE),
        ("Fans watched a match.", NONE)]  # fmt: skip
    texts, labels = gold_examples(records)
    assert ("Chad thanked Togo.", "SUPPORT") in zip(texts, labels, strict=True)
    assert len(texts) == 4  # the skipped record gives nothing


def test_predicts_held_out_sentences(model: TypeModel) -> None:
    held_out = ["Guinea shelled positions in Benin.", "Benin and Togo signed an accord.",
                "Crowds in Guinea marched against Ghana.", "The weather in Togo was mild."]
    assert [label for label, _p in model.predict(held_out)] == [
        "ASSAULT", "AGREE", "PROTEST", NONE]
    assert all(0.0 < p <= 1.0 for _l, p in model.predict(held_out))
    assert model.predict([]) == []


def test_save_load_round_trip(model: TypeModel, tmp_path: Path) -> None:
    path = tmp_path / "sub" / "typer.joblib"
    model.save(path)
    loaded = TypeModel.load(path)
    assert loaded.labels == model.labels == (NONE, "AGREE", "PROTEST", "ASSAULT")
    sentences = ["Mali bombed a town in Chad.", "Fans in Niger watched a match."]
    assert loaded.predict(sentences) == model.predict(sentences)


def test_load_rejects_bad_files(tmp_path: Path) -> None:
    import joblib

    with pytest.raises(TypeModelError, match="not found"):
        TypeModel.load(tmp_path / "missing.joblib")
    joblib.dump({"format": 99}, tmp_path / "old.joblib")
    with pytest.raises(TypeModelError, match="format"):
        TypeModel.load(tmp_path / "old.joblib")
    with pytest.raises(TypeModelError, match="unknown label"):
        train(["a b"], ["DANCE"])


def test_source_target_picks_actor_before_verb() -> None:
    mli, ner, ner_mil = Actor("MLI"), Actor("NER"), Actor("NER", "MIL")
    assert source_target([(0, mli), (3, ner)], verb=1) == (mli, ner)
    assert source_target([(0, mli), (1, mli), (4, ner_mil)], verb=2) == (mli, ner_mil)
    assert source_target([(3, ner), (5, mli)], verb=1) == (ner, mli)
    assert source_target([(0, mli)], verb=1) == (mli, None)


ZORB = {**TEMPLATES, "ASSAULT": [*TEMPLATES["ASSAULT"], "{a} zorbled {b}.",
                                 "Forces of {a} zorbled the capital of {b}."]}  # fmt: skip


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder(Config(), geocode=False)


def test_coder_adds_model_event_where_rules_find_none(coder: Coder) -> None:
    text = "The weather in Dakar was mild.\n\nMali zorbled Niger on Tuesday."
    when = date(2024, 1, 4)
    assert coder.type_model is None and coder.code_text(text, "en", when) == []
    coder.type_model, coder.type_threshold = train(*_toy(ZORB)), 0.2
    try:
        events = coder.code_text(text, "en", when)
    finally:
        coder.type_model = None
    assert len(events) == 1
    ev = events[0]
    assert (ev.type, ev.source.code, ev.target and ev.target.code) == ("ASSAULT", "MLI", "NER")
    assert ev.sentence == "Mali zorbled Niger on Tuesday."
    assert text[ev.sent_start:ev.sent_end] == ev.sentence
    assert ev.date.value == date(2024, 1, 2) and ev.intensity == -9.0
    assert 0.2 <= ev.confidence <= 1.0 and ev.trigger == "zorbled"


def test_config_type_model(tmp_path: Path) -> None:
    assert Config().type_model is None
    (tmp_path / "allegiance.toml").write_text('type_model = "m/typer.joblib"\n'
                                              "type_model_threshold = 0.4\n")  # fmt: skip
    cfg = Config.load(tmp_path / "allegiance.toml")
    assert cfg.type_model == str((tmp_path / "m" / "typer.joblib").resolve())
    assert cfg.type_model_threshold == 0.4


def _gold(tmp_path: Path) -> Path:
    lines = []
    pairs = list(zip(COUNTRIES[:4], COUNTRIES[4:], strict=True))
    for i, (a, b) in enumerate(pairs * 2):
        verb = "zorbled" if i % 2 else "flimmed"
        type_ = "ASSAULT" if i % 2 else "PROTEST"
        text = f"The weather in {a} was mild. {a} {verb} {b} on Monday."
        lines.append(json.dumps({"id": f"t{i}", "lang": "en", "pub_date": "2024-01-03",
                                 "text": text, "events": [
                                     {"type": type_, "source": a[:3].upper(), "target": None,
                                      "evidence": f"{a} {verb} {b}"}]}))  # fmt: skip
    lines.append(json.dumps({"id": "dup", "lang": "en", "pub_date": "2024-01-03",
                             "text": "Copy.", "duplicate_of": "t0"}))  # fmt: skip
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_folds_split_by_text_deterministically(tmp_path: Path) -> None:
    from allegiance.evaluation import load_gold

    records = load_gold(_gold(tmp_path))
    parts = folds(records, 3, seed=1)
    assert parts == folds(records, 3, seed=1)
    assert sorted(r.id for p in parts for r in p) == sorted(f"t{i}" for i in range(8))
    with pytest.raises(ValueError):
        folds(records, 9)


def test_cross_validate_scores_every_threshold(tmp_path: Path, coder: Coder) -> None:
    from allegiance.evaluation import load_gold

    result = cross_validate(load_gold(_gold(tmp_path)), Config(), k=2, thresholds=(0.0, 0.99),
                            coder=coder)  # fmt: skip
    assert len(result.rules) == 2 and set(result.pooled_typer) == {0.0, 0.99}
    assert result.pooled_typer[0.99] == result.pooled_rules  # nothing that sure
    assert result.pooled_typer[0.0]["triple_r"] >= result.pooled_rules["triple_r"]
    assert len(result.selected_thresholds) == 2 and set(result.pooled_selected) == {
        "triple_p", "triple_r", "triple_f1", "type_macro_f1"}
    assert coder.type_model is None


def test_cli_train_typer_and_cv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    gold = _gold(tmp_path)
    runner = CliRunner()
    out = tmp_path / "typer.joblib"
    res = runner.invoke(app, ["evaluate", "train-typer", str(gold), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "trained on 16 sentence(s)" in res.output
    assert TypeModel.load(out).labels == (NONE, "PROTEST", "ASSAULT")
    report = tmp_path / "cv.json"
    res = runner.invoke(app, ["evaluate", "cv", str(gold), "--folds", "2", "--threshold",
                              "0.3", "--report", str(report)])  # fmt: skip
    assert res.exit_code == 0, res.output
    assert "pooled rules+typer" in res.output and "chosen per fold" in res.output
    data = json.loads(report.read_text())
    assert data["folds"] == 2 and data["threshold"] == 0.3 and "0.3" in data["pooled_typer"]
