"""JSON API tests: filters, pagination, evidence, analyses, 404s, read-only, headers, schema."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import duckdb
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

import allegiance.store
from allegiance.config import Config
from allegiance.errors import StoreError
from allegiance.models import Actor, Event, Place, ResolvedDate, content_hash
from allegiance.web import create_app

MIGRATION = Path(allegiance.store.__file__).parent / "migrations" / "001_initial.sql"

BAMAKO = Place("Bamako", "MLI", 12.65, -8.0)
NIAMEY = Place("Niamey", "NER", 13.51, 2.11)
OUAGA = Place("Ouagadougou", "BFA", 12.37, -1.53)

SCRIPT_TEXT = (
    "Protesters in Ouagadougou carried a banner reading <script>window.__pwned=1</script> "
    "outside the French embassy on Friday. "
    'A second sign showed <img src=x onerror="window.__pwned=2"> in large letters. '
    "Organisers demanded that France recall its ambassador."
)

# (key, lang, pub_date, title, url, text, events: [(sentence, type, src, tgt, intensity, extra)])
ARTICLES: list[tuple[Any, ...]] = [
    (
        "agree", "en", dt.date(2023, 1, 10), "Mali and Russia sign defence pact",
        "https://news.example.org/mali-russia-pact",
        "\U0001f1f2\U0001f1f1 Bamako, 9 January. The Malian transitional government and Russia "
        "signed a defence cooperation agreement on Monday. Officials said that joint training "
        "would begin in the spring.",
        [("The Malian transitional government and Russia signed a defence cooperation "
          "agreement on Monday.", "AGREE", ("MLI", "GOV"), ("RUS", "GOV"), 6.0,
          {"place": BAMAKO})],
    ),
    (
        "accuse", "en", dt.date(2022, 2, 15), "Bamako accuses Paris", None,
        "Malian authorities accused France of violating the national airspace with drones. "
        "The French defence ministry rejected the claim the same evening.",
        [("Malian authorities accused France of violating the national airspace with drones.",
          "ACCUSE", ("MLI", "GOV"), ("FRA", "GOV"), -3.0, {"place": BAMAKO}),
         ("The French defence ministry rejected the claim the same evening.",
          "REJECT", ("FRA", "MIL"), ("MLI", "GOV"), -2.0, {})],
    ),
    (
        "denonce", "fr", dt.date(2023, 8, 3), "Niamey dénonce les accords",
        "https://actu.example.fr/niamey-accords",
        "Niamey, le 3 août. Les autorités nigériennes ont dénoncé les accords militaires "
        "conclus avec la France. Le retrait des troupes est exigé.",
        [("Les autorités nigériennes ont dénoncé les accords militaires conclus avec la "
          "France.", "REJECT", ("NER", "GOV"), ("FRA", "GOV"), -4.0, {"place": NIAMEY})],
    ),
    (
        "charter", "en", dt.date(2023, 9, 16), "Sahel states sign a charter", None,
        "Burkina Faso, Mali and Niger signed a mutual defence charter in Bamako on Saturday. "
        "Niger's delegation also agreed to share intelligence with Mali.",
        [("Burkina Faso, Mali and Niger signed a mutual defence charter in Bamako on Saturday.",
          "AGREE", ("BFA", "GOV"), ("MLI", "GOV"), 7.0, {"place": BAMAKO}),
         ("Niger's delegation also agreed to share intelligence with Mali.",
          "AGREE", ("NER", "GOV"), ("MLI", "GOV"), 5.0, {}),
         ("Burkina Faso, Mali and Niger signed a mutual defence charter in Bamako on Saturday.",
          "AGREE", ("BFA", "GOV"), ("NER", "GOV"), 7.0, {"trigger": "signed charter"})],
    ),
    (
        "script", "en", dt.date(2023, 5, 5), "Protest <b>outside</b> the embassy",
        "javascript:alert(1)", SCRIPT_TEXT,
        [("Protesters in Ouagadougou carried a banner reading <script>window.__pwned=1</script> "
          "outside the French embassy on Friday.", "PROTEST", ("BFA", "CVL"), ("FRA", "GOV"),
          -5.0, {"place": OUAGA})],
    ),
    (
        "negated", "en", dt.date(2023, 6, 1), "No deployment", None,
        "Russia did not send troops to Niger, the ministry said on Thursday.",
        [("Russia did not send troops to Niger, the ministry said on Thursday.",
          "MOBILIZE", ("RUS", "MIL"), ("NER", "GOV"), -6.0, {"negated": True})],
    ),
    (
        "coop_fr", "fr", dt.date(2024, 2, 20), "Coopération renforcée", None,
        "Le Mali et la Russie ont renforcé leur coopération militaire à Bamako mardi.",
        [("Le Mali et la Russie ont renforcé leur coopération militaire à Bamako mardi.",
          "COOPERATE", ("MLI", "GOV"), ("RUS", "GOV"), 5.0, {"place": BAMAKO})],
    ),
]


def _monthly_articles() -> list[tuple[Any, ...]]:
    """Mali-France: cooperation every month of 2020, conflict every month of 2021."""
    out = []
    for i in range(24):
        year, month = 2020 + i // 12, i % 12 + 1
        coop = year == 2020
        sentence = (
            f"Malian and French officers held joint patrol talks in Gao, report {i}."
            if coop
            else f"Malian officials condemned French operations near Gao, report {i}."
        )
        out.append(
            (
                f"monthly{i}", "en", dt.date(year, month, 14), f"Monthly report {i}", None,
                f"Monthly security report number {i}. {sentence}",
                [(sentence, "CONSULT" if coop else "ACCUSE", ("MLI", "MIL"), ("FRA", "MIL"),
                  4.0 if coop else -4.0, {})],
            )
        )
    return out


def build_web_db(path: Path) -> dict[str, Any]:
    """Create a small Allegiance DuckDB at ``path``; return ids of notable rows."""
    con = duckdb.connect(str(path))
    con.execute(MIGRATION.read_text(encoding="utf-8"))
    con.execute(
        "INSERT INTO actors VALUES ('MLI','Mali','country',NULL), ('FRA','France','country',NULL),"
        " ('RUS','Russia','country',NULL), ('NER','Niger','country',NULL),"
        " ('BFA','Burkina Faso','country',NULL)"
    )
    ids: dict[str, Any] = {"events": {}, "articles": {}}
    for key, lang, pub, title, url, text, events in [*ARTICLES, *_monthly_articles()]:
        aid = content_hash(text)
        ids["articles"][key] = aid
        con.execute(
            "INSERT INTO articles (id, url, source, title, pub_date, lang, text, origin, n_words,"
            " status, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'coded', now())",
            [aid, url, "Example Wire", title, pub, lang, text, f"fixture:{key}",
             len(text.split())],
        )
        for n, (sentence, etype, src, tgt, intensity, extra) in enumerate(events):
            start = text.index(sentence)
            ev = Event(
                article_id=aid, sentence=sentence, sent_start=start,
                sent_end=start + len(sentence), type=etype,
                source=Actor(src[0], src[1], src[0]), target=Actor(tgt[0], tgt[1], tgt[0]),
                date=ResolvedDate(pub, "publication"), place=extra.get("place"),
                negated=extra.get("negated", False), intensity=intensity, lang=lang,
                trigger=extra.get("trigger", etype.lower()), confidence=0.8,
            )
            row = ev.to_row()
            con.execute(
                f"INSERT INTO events ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
                list(row.values()),
            )
            ids["events"][f"{key}{n}" if n else key] = ev.id
    con.close()
    return ids


N_EVENTS = sum(len(a[-1]) for a in ARTICLES) + 24


@pytest.fixture(scope="module")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    return path, build_web_db(path)


@pytest.fixture(scope="module")
def client(web_db: tuple[Path, dict[str, Any]]) -> TestClient:
    with TestClient(create_app(str(web_db[0]))) as c:
        yield c


@pytest.fixture(scope="module")
def ids(web_db: tuple[Path, dict[str, Any]]) -> dict[str, Any]:
    return web_db[1]


def _all(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    r = client.get("/api/events", params={"limit": 500, **params})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == len(body["items"])
    return body["items"]


# --- events ---------------------------------------------------------------------------------


def test_events_total_and_order(client: TestClient) -> None:
    items = _all(client)
    assert len(items) == N_EVENTS
    dates = [i["event_date"] for i in items]
    assert dates == sorted(dates, reverse=True)


def test_events_pagination_is_disjoint_and_complete(client: TestClient) -> None:
    seen: list[str] = []
    for offset in range(0, N_EVENTS + 7, 7):
        body = client.get("/api/events", params={"limit": 7, "offset": offset}).json()
        assert body["total"] == N_EVENTS and body["limit"] == 7 and body["offset"] == offset
        assert len(body["items"]) == max(0, min(7, N_EVENTS - offset))
        seen += [i["id"] for i in body["items"]]
    assert len(seen) == len(set(seen)) == N_EVENTS


def test_filters_narrow(client: TestClient) -> None:
    bfa = _all(client, actor="bfa")
    assert len(bfa) == 3
    assert all("BFA" in (e["source_code"], e["target_code"]) for e in bfa)
    assert [e["event_type"] for e in _all(client, type="PROTEST")] == ["PROTEST"]
    assert len(_all(client, type="AGREE,PROTEST")) == 5
    dyad = _all(client, dyad="RUS,MLI")
    assert {(e["source_code"], e["target_code"]) for e in dyad} == {("MLI", "RUS")}
    assert len(dyad) == 2
    fr = _all(client, lang="fr")
    assert len(fr) == 2 and all(e["lang"] == "fr" for e in fr)
    window = _all(client, since="2023-01-01", until="2023-06-30")
    assert {e["event_date"] for e in window} == {"2023-01-10", "2023-05-05", "2023-06-01"}
    assert len(_all(client, include_negated="false")) == N_EVENTS - 1
    assert _all(client, since="2023-02-01", until="2023-01-01") == []
    assert len(_all(client, type="agree")) == 4  # codes are case-insensitive
    combined = _all(client, actor="MLI", lang="en", since="2021-12-01", type="ACCUSE")
    assert {e["event_date"] for e in combined} == {"2021-12-14", "2022-02-15"}


def test_deep_offset_path_gives_the_same_pages(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from allegiance.web import queries

    params = {"actor": "MLI", "limit": 4, "offset": 3}
    plain = client.get("/api/events", params=params).json()
    monkeypatch.setattr(queries, "DEEP_OFFSET", 0)
    deep = client.get("/api/events", params=params).json()
    assert deep == plain and len(plain["items"]) == 4


def test_analysis_results_are_cached(web_db: tuple[Path, dict[str, Any]]) -> None:
    app = create_app(str(web_db[0]))
    with TestClient(app) as c:
        first = c.get("/api/shifts", params={"country": "MLI"}).json()
        misses = app.state.cache.misses
        assert c.get("/api/shifts", params={"country": "MLI"}).json() == first
        assert app.state.cache.hits == 1 and app.state.cache.misses == misses
        c.get("/api/shifts", params={"country": "MLI", "freq": "quarter"})
        assert app.state.cache.misses == misses + 1


@pytest.mark.parametrize(
    "params",
    [{"type": "HUG"}, {"type": "AGREE,"}, {"dyad": "MLI"}, {"dyad": "MLI,RUS,FRA"},
     {"since": "yesterday"}, {"limit": 0}, {"limit": 501}, {"offset": -1}],
)
def test_bad_filters_are_rejected(client: TestClient, params: dict[str, Any]) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code in (400, 422)
    assert r.json()["detail"]


def test_event_detail_has_article_and_highlight(client: TestClient, ids: dict) -> None:
    body = client.get(f"/api/events/{ids['events']['agree']}").json()
    ev, art, hl = body["event"], body["article"], body["highlight"]
    assert ev["event_type"] == "AGREE" and ev["place_name"] == "Bamako"
    assert art["url"] == "https://news.example.org/mali-russia-pact"
    assert hl["exact"] is True
    assert art["text"][hl["start"]: hl["end"]] == ev["sentence"]
    assert art["text"].startswith("\U0001f1f2\U0001f1f1")  # offsets are code points


def test_event_detail_recovers_from_bad_offsets(
    web_db: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    path = tmp_path / "copy.duckdb"
    path.write_bytes(web_db[0].read_bytes())
    eid = web_db[1]["events"]["denonce"]
    con = duckdb.connect(str(path))
    con.execute("UPDATE events SET sent_start = 1, sent_end = 5 WHERE id = ?", [eid])
    con.close()
    with TestClient(create_app(str(path))) as c:
        body = c.get(f"/api/events/{eid}").json()
    hl = body["highlight"]
    assert hl["exact"] is False
    assert body["article"]["text"][hl["start"]: hl["end"]] == body["event"]["sentence"]


def test_unknown_event_is_404(client: TestClient) -> None:
    r = client.get("/api/events/0000000000000000")
    assert r.status_code == 404
    assert "no event" in r.json()["detail"]
    assert client.get("/api/nothing-here").status_code == 404


# --- aggregates and analyses ------------------------------------------------------------------


def test_actors(client: TestClient) -> None:
    actors = {a["code"]: a for a in client.get("/api/actors").json()}
    assert actors["MLI"]["name"] == "Mali"
    assert actors["MLI"]["n_events"] == 24 + 6
    assert actors["BFA"]["n_events"] == 3
    ordered = [a["n_events"] for a in client.get("/api/actors").json()]
    assert ordered == sorted(ordered, reverse=True)


def test_stats(client: TestClient) -> None:
    s = client.get("/api/stats").json()
    assert s["n_events"] == N_EVENTS
    assert s["n_articles"] == len(ARTICLES) + 24
    assert s["n_actors"] == 5
    assert s["first_date"] == "2020-01-14" and s["last_date"] == "2024-02-20"
    assert {c["key"]: c["n"] for c in s["events_by_lang"]} == {"en": N_EVENTS - 2, "fr": 2}


def test_dyad_series(client: TestClient) -> None:
    body = client.get("/api/dyad", params={"a": "mli", "b": "FRA", "freq": "year"}).json()
    assert (body["a"], body["b"], body["freq"]) == ("MLI", "FRA", "year")
    by_year = {p["period"]: p for p in body["points"]}
    assert list(by_year) == ["2020-01-01", "2021-01-01", "2022-01-01"]
    assert by_year["2020-01-01"]["both"]["n"] == 12
    assert by_year["2020-01-01"]["both"]["cooperation"] == pytest.approx(48.0)
    assert by_year["2021-01-01"]["both"]["conflict"] == pytest.approx(48.0)
    y22 = by_year["2022-01-01"]
    assert (y22["ab"]["n"], y22["ba"]["n"]) == (1, 1)
    assert y22["both"]["counts"] == {"ACCUSE": 1, "REJECT": 1}
    assert y22["both"]["net"] == pytest.approx(-5.0)
    monthly = client.get("/api/dyad", params={"a": "MLI", "b": "FRA"}).json()["points"]
    assert len(monthly) == 26  # dense: 2020-01 .. 2022-02, quiet months included
    group = client.get("/api/dyad", params={"a": "AES-STATES", "b": "FRA", "freq": "year"})
    assert group.status_code == 200
    assert sum(p["both"]["n"] for p in group.json()["points"]) == 24 + 2 + 1 + 1
    for bad in ({"a": "MLI", "b": "FRA", "freq": "day"}, {"a": "M;--", "b": "FRA"}):
        assert client.get("/api/dyad", params=bad).status_code == 422


def test_alignment(client: TestClient) -> None:
    body = client.get(
        "/api/alignment", params={"country": "MLI", "powers": "FRA,RUS", "freq": "quarter"}
    ).json()
    assert body["powers"] == ["FRA", "RUS"] and body["window"] == 1
    series = {s["power"]: {p["period"]: p for p in s["points"]} for s in body["series"]}
    assert series["FRA"]["2020-04-01"]["share"] == 1.0
    assert series["FRA"]["2021-07-01"]["share"] == -1.0
    assert series["RUS"]["2023-01-01"]["share"] == 1.0
    assert series["RUS"]["2020-01-01"]["n_events"] == 0
    assert series["RUS"]["2020-01-01"]["share"] == 0.0
    assert list(series["FRA"]) == list(series["RUS"])  # shared dense calendar
    default = client.get("/api/alignment", params={"country": "MLI"}).json()
    assert default["powers"] == Config().reference_powers
    itself = client.get("/api/alignment", params={"country": "FRA", "powers": "FRA"}).json()
    assert itself["series"] == []


def test_shifts_find_mali_turning_from_france(client: TestClient) -> None:
    body = client.get("/api/shifts", params={"powers": "FRA,RUS"}).json()
    assert body["powers"] == ["FRA", "RUS"]
    assert {s["country"] for s in body["shifts"]} == {"MLI"}  # others have too few events
    away = [s for s in body["shifts"] if s["power"] == "FRA" and s["direction"] == "away"]
    assert away and away[0]["date"] == "2021-01-01"
    assert away[0]["mean_before"] > 0 > away[0]["mean_after"]
    assert away[0]["evidence_after"] and "condemned" in away[0]["evidence_after"][0]["sentence"]
    one = client.get("/api/shifts", params={"country": "MLI", "powers": "FRA", "evidence": 0})
    assert all(s["evidence_before"] == [] for s in one.json()["shifts"])
    assert client.get("/api/shifts", params={"country": "NER"}).json()["shifts"] == []


def test_blocs(client: TestClient) -> None:
    body = client.get("/api/blocs", params={"since": "2022-01-01"}).json()
    nodes = {n["code"]: n for n in body["nodes"]}
    assert set(nodes) == {"MLI", "FRA", "RUS", "NER", "BFA"}
    assert nodes["BFA"]["bloc"] == nodes["NER"]["bloc"]
    # France only has conflictual ties since 2022: it is a bloc of its own
    assert ["FRA"] in body["communities"]
    assert all(0.0 <= n["x"] <= 1.0 and 0.0 <= n["y"] <= 1.0 for n in nodes.values())
    assert len({(n["x"], n["y"]) for n in nodes.values()}) == 5
    edges = {(e["a"], e["b"]): e for e in body["edges"]}
    assert edges[("FRA", "NER")]["sign"] == -1 and edges[("FRA", "NER")]["weight"] == -4.0
    assert ("NER", "RUS") not in edges  # the only RUS-NER event is negated
    assert body["frustration"] >= 0
    again = client.get("/api/blocs", params={"since": "2022-01-01"}).json()
    assert again == body  # deterministic layout and communities
    empty = client.get("/api/blocs", params={"since": "2024-01-01", "until": "2023-01-01"})
    assert empty.json()["nodes"] == [] and empty.json()["edges"] == []


def test_timeline_matches_event_counts(client: TestClient) -> None:
    body = client.get("/api/timeline", params={"actor": "FRA"}).json()
    total = sum(sum(b["counts"].values()) for b in body["buckets"])
    assert total == len(_all(client, actor="FRA"))
    assert body["types"][0] == "AGREE" and len(body["types"]) == 16
    periods = [dt.date.fromisoformat(b["period"]) for b in body["buckets"]]
    months = [(p.year - 2020) * 12 + p.month for p in periods]
    assert months == list(range(months[0], months[-1] + 1))  # dense: empty months included
    assert body["buckets"][-1]["counts"] == {"REJECT": 1} and {} in [
        b["counts"] for b in body["buckets"]]


def test_places(client: TestClient) -> None:
    places = {p["name"]: p for p in client.get("/api/places").json()}
    assert set(places) == {"Bamako", "Niamey", "Ouagadougou"}
    assert places["Bamako"]["n_events"] == 4
    assert places["Bamako"]["lat"] == pytest.approx(12.65)
    assert places["Ouagadougou"]["conflictual"] == 1
    assert set(p["name"] for p in client.get("/api/places", params={"lang": "fr"}).json()) == {
        "Niamey", "Bamako"}


# --- read-only, security ----------------------------------------------------------------------


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("url", ["/api/events", "/api/actors", "/api/ingest", "/api/stats"])
def test_writes_are_refused(client: TestClient, method: str, url: str) -> None:
    r = client.request(method, url, json=[{"text": "x"}])
    assert r.status_code in (401, 403, 404, 405)


def test_writes_refused_even_with_token_configured(web_db: tuple[Path, dict]) -> None:
    app = create_app(str(web_db[0]), Config(db=str(web_db[0]), api_token="s3cret"))
    with TestClient(app) as c:
        headers = {"Authorization": "Bearer s3cret"}
        for r in (c.post("/api/ingest", json=[], headers=headers),
                  c.delete("/api/events", headers=headers)):
            assert r.status_code in (401, 403, 404, 405)
        with pytest.raises(duckdb.Error):
            app.state.db.connection.execute("DELETE FROM events")
        assert c.get("/api/stats").json()["n_events"] == N_EVENTS


def test_security_headers(client: TestClient) -> None:
    for url in ("/", "/api/stats", "/static/app.js", "/api/events/nope"):
        r = client.get(url)
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_dashboard_page_has_no_inline_script(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts and all('src="/static/' in attrs and not body.strip()
                           for attrs, body in scripts)
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers
    assert "http://" not in html and "https://" not in html  # no CDN, no external fonts
    for asset in ("/static/app.js", "/static/app.css"):
        assert client.get(asset).status_code == 200


def test_missing_database_is_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="database not found"):
        create_app(str(tmp_path / "absent.duckdb"))
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(StoreError, match="not an Allegiance database"):
        create_app(str(empty))


# --- OpenAPI conformance ---------------------------------------------------------------------


def test_openapi_conformance(web_db: tuple[Path, dict[str, Any]]) -> None:
    """Schemathesis: generated requests for every operation get schema-conformant responses.

    (Driven through Hypothesis directly: schemathesis' pytest fixture loader does not support
    pytest 9 yet.)
    """
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(str(web_db[0])))
    operations = [result.ok() for result in schema.get_all_operations()]
    labels = {op.label for op in operations}
    assert {"GET /api/events", "GET /api/events/{event_id}", "GET /api/dyad",
            "GET /api/alignment", "GET /api/shifts", "GET /api/blocs"} <= labels
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=12, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate()

        check()
