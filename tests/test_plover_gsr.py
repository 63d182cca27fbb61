"""PLOVER gold-standard converter: a hand-written record in the GSR's shape, and the real file."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from allegiance.evaluation import load_gold
from allegiance.evaluation.locate import ENV_VAR, find_eval_dir, plover_gsr_file
from allegiance.evaluation.plover_gsr import LABELS, PloverGsrError, convert, write_jsonl
from allegiance.models import EVENT_TYPES

# Invented sentences, in the shape of the PLOVER GSR file (PLOVER 0.5b1).
RECORDS = [
    {"id": "GSR-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "file documentation",
     "version": "0.5b1"},
    {"id": "GSR-DEMAND-0001", "date": "2000-01-01", "event": "DEMAND", "language": "en",
     "source": [{"actorText": "Tokyo", "code": "JAP", "sector": "GOV"}],
     "target": [{"actorText": "Italian villagers", "code": "ITL", "sector": "CVLalb"},
                {"actorText": "the UN", "code": "IGO", "sector": "***"}],
     "mode": "", "text": "Tokyo urged Italian villagers and the UN to leave the valley.",
     "textInfo": {"markup": "(SRC: Tokyo) (EVT: urged) (TAR: Italian villagers) ..."}},
    {"id": "GSR-AGREE-0001", "date": "2000-01-01", "event": "AGREE", "language": "en",
     "source": [{"actorText": "Vietnam", "code": "VTN"}, {"actorText": "Chile", "code": "CHL"}],
     "target": "", "mode": "visit", "eventLoc": {"name": "Hanoi", "country code": "VN"},
     "text": "Vietnam and Chile agreed to trade more rice.",
     "textInfo": {"markup": "(SRC/TAR: Vietnam) and (SRC/TAR: Chile) (EVT: agreed) ..."}},
    {"id": "GSR-FIGHT-0001", "date": "2000-01-01", "event": "FIGHT", "language": "en",
     "source": None, "target": [{"actorText": "soldiers", "code": "PER", "sector": "MIL"}],
     "text": "Unknown gunmen shot at Peruvian soldiers.", "textInfo": {"markup": "..."}},
    {"id": "GSR-DISAPPROVE-0001", "date": "2000-01-01", "event": "DISAPPROVE", "language": "en",
     "source": [{"actorText": "Peruvian", "code": "PER", "sector": "GOV"}],
     "text": "Unknown gunmen shot at Peruvian soldiers.", "textInfo": {"markup": "..."}},
    {"id": "GSR-FIGHT-0001", "date": "2000-01-01", "event": "INVESTIGATE", "language": "en",
     "source": [{"actorText": "group", "code": "NGO"}, {"actorText": "press", "code": "FRA"}],
     "target": "diplomatic", "text": "A rights group and the French press probed the raid.",
     "textInfo": {"markup": "(SRC: rights group) and the (SRC: French press) (EVT: probed)"}},
]  # fmt: skip


@pytest.fixture
def gsr_file(tmp_path: Path) -> Path:
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    return path


def test_converts_hand_written_records(gsr_file: Path) -> None:
    out = list(convert(gsr_file))
    assert [r["id"] for r in out] == [
        "GSR-DEMAND-0001", "GSR-AGREE-0001", "GSR-FIGHT-0001", "GSR-FIGHT-0001-2"]
    demand, agree, fight, probe = out
    assert demand["events"] == [
        {"type": "REQUEST", "source": "JPN GOV", "target": "ITA CVL"},
        {"type": "REQUEST", "source": "JPN GOV", "target": "IGO"},
    ]
    assert demand["pub_date"] == "2000-01-01" and demand["lang"] == "en"
    assert agree["events"] == [  # reciprocal SRC/TAR actors, no target list
        {"type": "AGREE", "source": "VNM", "target": "CHL", "mode": "visit", "place": "Hanoi"},
        {"type": "AGREE", "source": "CHL", "target": "VNM", "mode": "visit", "place": "Hanoi"},
    ]
    assert fight["events"] == [  # two records with the same sentence are merged
        {"type": "ASSAULT", "source": None, "target": "PER MIL"},
        {"type": "ACCUSE", "source": "PER GOV", "target": None},
    ]
    assert probe["events"] == [
        {"type": "ACCUSE", "source": "NGO", "target": None},
        {"type": "ACCUSE", "source": "FRA", "target": None},
    ]
    assert all("date" not in e for r in out for e in r["events"])


def test_output_is_valid_gold(gsr_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "gold.jsonl"
    assert write_jsonl(convert(gsr_file), out) == 4
    records = load_gold(out)
    assert sum(len(r.events) for r in records) == 8


def test_bad_input(tmp_path: Path) -> None:
    with pytest.raises(PloverGsrError, match="not found"):
        list(convert(tmp_path / "none.json"))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"id": "x", "event": "HUG", "text": "t", "source": []}]))
    with pytest.raises(PloverGsrError, match="unknown event label 'HUG'"):
        list(convert(bad))
    bad.write_text("{}")
    with pytest.raises(PloverGsrError, match="JSON array"):
        list(convert(bad))


def test_find_eval_dir_from_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    assert find_eval_dir() == tmp_path
    assert plover_gsr_file() is None
    monkeypatch.delenv(ENV_VAR)
    (tmp_path / "shared" / "eval").mkdir(parents=True)
    (tmp_path / "repo" / "src").mkdir(parents=True)
    assert find_eval_dir(tmp_path / "repo" / "src") == tmp_path / "shared" / "eval"


REAL = plover_gsr_file()
needs_real = pytest.mark.skipif(
    REAL is None,
    reason=f"PLOVER gold-standard records not found (set {ENV_VAR} or place shared/eval/ "
    "next to the repository)",
)


@needs_real
def test_real_file(tmp_path: Path) -> None:
    assert REAL is not None
    raw = json.loads(REAL.read_text(encoding="utf-8"))
    sentences = {r["text"] for r in raw if r.get("event") != "DOCUMENT"}
    out = list(convert(REAL))
    assert len(raw) == 323 and len(out) == len(sentences) == 316
    types = Counter(e["type"] for r in out for e in r["events"])
    assert set(types) <= set(EVENT_TYPES) and not set(types) & set(LABELS)
    assert types["REQUEST"] >= 34 and types["ASSAULT"] >= 32
    codes = {e[side].split()[0] for r in out for e in r["events"] for side in ("source", "target")
             if e[side]}  # fmt: skip
    assert not codes & {"JAP", "ITL", "VTN", "ISM"} and {"JPN", "ITA", "VNM", "IGO"} <= codes
    sectors = {e[s].split()[1] for r in out for e in r["events"] for s in ("source", "target")
               if e[s] and " " in e[s]}  # fmt: skip
    assert all(len(s) == 3 and s.isupper() for s in sectors)
    path = tmp_path / "gsr.jsonl"
    write_jsonl(iter(out), path)
    records = load_gold(path)
    assert len(records) == 316 and sum(len(r.events) for r in records) == 362
