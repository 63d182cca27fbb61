"""Gold JSONL loader: valid records, and one clear file:line error per kind of mistake."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from allegiance.evaluation import GoldError, load_gold
from allegiance.evaluation.codes import GoldActor

TEXT = "Niger expelled the French ambassador on Monday. Crowds cheered in Niamey."


def _line(**over: object) -> str:
    record: dict[str, object] = {
        "id": "n1", "lang": "en", "pub_date": "2023-08-30", "text": TEXT,
        "events": [{"type": "SANCTION", "source": "NER GOV", "target": "FRA",
                    "date": "2023-08-28", "evidence": "niger  expelled the French ambassador"}],
    }  # fmt: skip
    record.update(over)
    return json.dumps(record)


def _write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_loads_a_valid_file(tmp_path: Path) -> None:
    extra = _line(id="n2", duplicate_of="https://example.org/a", events=None)
    skipped = json.dumps({"id": "d1", "lang": "de", "pub_date": "2023-08-30", "text": "Hallo.",
                          "skip": "language not coded"})  # fmt: skip
    records = load_gold(_write(tmp_path, _line(url="https://example.org/a"), "", extra, skipped))
    assert [r.id for r in records] == ["n1", "n2", "d1"]
    assert [r.scored for r in records] == [True, False, False]
    assert records[0].line == 1 and records[2].line == 4
    event = records[0].events[0]
    assert event.types == ("SANCTION",)
    assert event.source == GoldActor("NER", "GOV") and event.target == GoldActor("FRA")
    assert (event.date, event.date_precision) == (date(2023, 8, 28), "day")
    assert event.evidence_span == (0, len("Niger expelled the French ambassador"))


def test_type_list_and_coarse_dates(tmp_path: Path) -> None:
    events = [{"type": ["REJECT", "ACCUSE", "REJECT"], "source": "IGO", "target": None,
               "date": "2023-08"},
              {"type": "AID", "source": "RUS", "target": "NER", "date": "2023-08-15",
               "date_precision": "year"}]  # fmt: skip
    record = load_gold(_write(tmp_path, _line(events=events)))[0]
    first, second = record.events
    assert first.types == ("REJECT", "ACCUSE") and first.target is None
    assert (first.date, first.date_precision) == (date(2023, 8, 1), "month")
    assert second.date_precision == "year"


@pytest.mark.parametrize(
    ("over", "reason"),
    [
        ({"events": [{"type": "DEMAND", "source": "NER", "target": "FRA"}]},
         "event 1: unknown event type 'DEMAND'"),
        ({"events": [{"type": "AID", "source": "NER", "target": "FRA", "evidence": "nope"}]},
         "event 1: 'evidence' not found in the text"),
        ({"events": [{"type": "AID", "source": "NER  GOV  X", "target": None}]},
         "actor must be 'CODE' or 'CODE SECTOR'"),
        ({"events": [{"type": "AID", "source": "NER", "target": None, "date": "2023-13-01"}]},
         "'date' must be YYYY-MM-DD"),
        ({"events": [{"type": "AID", "source": "NER", "target": None, "date": "2023",
                      "date_precision": "day"}]}, "too coarse"),
        ({"events": [{"type": "AID", "source": "NER", "target": None, "actor": "x"}]},
         "unknown key(s): actor"),
        ({"events": None}, "missing 'events'"),
        ({"pub_date": "30/08/2023"}, "'pub_date' must be an ISO date"),
        ({"lang": "English"}, "'lang' must be a lower-case language code"),
        ({"text": ""}, "'text' must be a non-empty string"),
        ({"duplicate_of": "zzz"}, "duplicate_of 'zzz' is not the id, url or file"),
    ],
)  # fmt: skip
def test_errors_name_file_and_line(tmp_path: Path, over: dict[str, object], reason: str) -> None:
    path = _write(tmp_path, _line(id="ok"), _line(**over))
    with pytest.raises(GoldError) as info:
        load_gold(path)
    message = str(info.value)
    assert message.startswith(f"{path}:2: ") and reason in message
    assert "\n" not in message


def test_duplicate_id_and_bad_json(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match=r"gold.jsonl:2: duplicate id 'n1' \(first on line 1\)"):
        load_gold(_write(tmp_path, _line(), _line()))
    with pytest.raises(GoldError, match=r"gold.jsonl:1: invalid JSON"):
        load_gold(_write(tmp_path, "{not json"))
    with pytest.raises(GoldError, match="gold file not found"):
        load_gold(tmp_path / "missing.jsonl")
    with pytest.raises(GoldError, match="no gold records"):
        load_gold(_write(tmp_path, ""))
