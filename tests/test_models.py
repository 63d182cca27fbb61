from datetime import date

from allegiance.models import Actor, Event, Place, Problem, ResolvedDate, content_hash


def _event(**kw) -> Event:
    base = dict(article_id="a1", sentence="Niger expelled the French ambassador.", sent_start=0,
                sent_end=38, type="SANCTION", source=Actor("NER", "GOV", "Niger"),
                target=Actor("FRA", "GOV", "the French ambassador"),
                date=ResolvedDate(date(2023, 8, 26), "day", "on Saturday"), mode="expel",
                trigger="expelled")
    base.update(kw)
    return Event(**base)


def test_content_hash_ignores_whitespace_only():
    assert content_hash("Mali  left\nECOWAS.") == content_hash("Mali left ECOWAS.")
    assert content_hash("Mali left ECOWAS.") != content_hash("Niger left ECOWAS.")


def test_event_id_is_deterministic_and_distinguishes_events():
    assert _event().id == _event().id
    assert _event().id != _event(target=Actor("FRA", None, "France")).id
    assert len(_event().id) == 16


def test_event_row_is_flat():
    row = _event(place=Place("Niamey", "NER", 13.5, 2.1)).to_row()
    assert row["source_code"] == "NER" and row["target_sector"] == "GOV"
    assert row["event_date"] == date(2023, 8, 26) and row["date_precision"] == "day"
    assert row["place_name"] == "Niamey" and row["place_lat"] == 13.5
    assert Actor("ECOWAS", "IGO").label == "ECOWAS IGO" and Actor("MLI").label == "MLI"


def test_problem_str():
    assert str(Problem("feed.xml", 12, "not well-formed")) == "feed.xml:12: not well-formed"
    assert str(Problem("a.bin", None, "not valid UTF-8")) == "a.bin: not valid UTF-8"
