"""Synthetic events for tests and benchmarks, generated in DuckDB SQL (fast, deterministic).

``generate_events(n, seed)`` yields rows (dicts with the ``events`` table's columns);
``load_synthetic(con, n, seed)`` inserts the same rows (plus one ``articles`` row per four
events) into a DuckDB connection, creating the schema if needed. Row ``i`` depends only on
``(i, seed)``, so both give identical data and a million rows load in seconds.

The data has a planted realignment for the analysis to find: events between the AES states
(MLI, BFA, NER) and France are mostly cooperative before 2022-02-01 and mostly conflictual
after; with Russia it is the reverse from 2021-09-01. All other pairs are 55 % cooperative.
A quarter of the events are between an AES state and France or Russia; 3 % are negated.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from typing import Any

import duckdb

ACTORS = (
    "MLI", "BFA", "NER", "FRA", "RUS", "USA", "CHN", "TCD", "SEN", "CIV", "NGA", "GHA", "DZA",
    "MAR", "TUR", "GBR", "DEU", "ITA", "MRT", "BEN", "TGO", "GIN", "EGY", "LBY", "SDN", "CMR",
    "UKR", "IND", "BRA", "ZAF", "ECOWAS", "AES", "UN", "EU", "AU", "JNIM",
)  # fmt: skip
AES = ("MLI", "BFA", "NER")
SECTORS = ("GOV", "MIL", None, "GOV", "CVL", None)
COOPERATION = {"AGREE": 4, "CONSULT": 2, "SUPPORT": 3, "CONCEDE": 4, "COOPERATE": 6, "AID": 6,
               "RETREAT": 1}  # fmt: skip
CONFLICT = {"REQUEST": -1, "ACCUSE": -3, "REJECT": -4, "THREATEN": -6, "PROTEST": -5,
            "SANCTION": -6, "MOBILIZE": -5, "COERCE": -7, "ASSAULT": -9}  # fmt: skip
FIRST_DAY, N_DAYS = "2015-01-01", 4018  # through 2025-12-31
FRA_BREAK, RUS_BREAK = "2022-02-01", "2021-09-01"
EVENTS_PER_ARTICLE = 4


def _lit(values: tuple[Any, ...]) -> str:
    return "[" + ", ".join("NULL" if v is None else f"'{v}'" for v in values) + "]"


def _u(k: int) -> str:
    """Uniform [0, 1) number from (i, seed, k)."""
    return f"((hash(i, $seed, {k}) % 1000003) / 1000003.0)"


def _events_sql() -> str:
    coop, conf = tuple(COOPERATION), tuple(CONFLICT)
    weights = {**COOPERATION, **CONFLICT}
    intensity = " ".join(f"WHEN '{t}' THEN {v}" for t, v in weights.items())
    na = len(ACTORS)
    return f"""
    WITH r AS (
        SELECT i, {_u(1)} AS u1, {_u(2)} AS u2, {_u(3)} AS u3, {_u(4)} AS u4, {_u(5)} AS u5,
               {_u(6)} AS u6, {_u(7)} AS u7, {_u(8)} AS u8, {_u(9)} AS u9
        FROM range($n) t(i)
    ), pick AS (
        SELECT *, DATE '{FIRST_DAY}' + CAST(floor(u2 * {N_DAYS}) AS INTEGER) AS d,
            CASE WHEN u1 < 0.25 THEN {_lit(AES)}[1 + CAST(floor(u3 * 3) AS INTEGER)]
                 ELSE {_lit(ACTORS)}[1 + CAST(floor(u3 * {na}) AS INTEGER)] END AS a1,
            CASE WHEN u1 < 0.125 THEN 'FRA' WHEN u1 < 0.25 THEN 'RUS'
                 ELSE {_lit(ACTORS)}[1 + CAST(floor(u4 * {na}) AS INTEGER)] END AS a2
        FROM r
    ), pair AS (
        SELECT *,
            CASE WHEN a1 = a2 THEN {_lit(ACTORS)}[1 + (list_position({_lit(ACTORS)}, a2) % {na})]
                 ELSE a2 END AS b2,
            CASE WHEN u1 < 0.125 THEN (CASE WHEN d < DATE '{FRA_BREAK}' THEN 0.8 ELSE 0.15 END)
                 WHEN u1 < 0.25 THEN (CASE WHEN d < DATE '{RUS_BREAK}' THEN 0.3 ELSE 0.85 END)
                 ELSE 0.55 END AS p_coop
        FROM pick
    ), typed AS (
        SELECT *,
            CASE WHEN u5 < p_coop THEN {_lit(coop)}[1 + CAST(floor(u6 * {len(coop)}) AS INTEGER)]
                 ELSE {_lit(conf)}[1 + CAST(floor(u6 * {len(conf)}) AS INTEGER)] END AS etype,
            u7 < 0.5 AS flip
        FROM pair
    )
    SELECT
        'syn' || $seed || '-' || i AS id,
        'syn-art' || $seed || '-' || (i // {EVENTS_PER_ARTICLE}) AS article_id,
        CAST((i % {EVENTS_PER_ARTICLE}) * 120 AS INTEGER) AS sent_start,
        CAST((i % {EVENTS_PER_ARTICLE}) * 120 + 100 AS INTEGER) AS sent_end,
        'Synthetic event ' || i || ': ' || (CASE WHEN flip THEN b2 ELSE a1 END) || ' '
            || lower(etype) || ' ' || (CASE WHEN flip THEN a1 ELSE b2 END) || '.' AS sentence,
        etype AS event_type,
        CAST(NULL AS VARCHAR) AS mode,
        CASE WHEN flip THEN b2 ELSE a1 END AS source_code,
        {_lit(SECTORS)}[1 + CAST(floor(u8 * {len(SECTORS)}) AS INTEGER)] AS source_sector,
        CASE WHEN flip THEN b2 ELSE a1 END AS source_text,
        CASE WHEN flip THEN a1 ELSE b2 END AS target_code,
        {_lit(SECTORS)}[1 + CAST(floor(u9 * {len(SECTORS)}) AS INTEGER)] AS target_sector,
        CASE WHEN flip THEN a1 ELSE b2 END AS target_text,
        d AS event_date,
        CAST(NULL AS DATE) AS event_date_end,
        'day' AS date_precision,
        CAST(NULL AS VARCHAR) AS date_text,
        CAST(NULL AS VARCHAR) AS place_name,
        CAST(NULL AS VARCHAR) AS place_country,
        CAST(NULL AS DOUBLE) AS place_lat,
        CAST(NULL AS DOUBLE) AS place_lon,
        u9 < 0.03 AS negated,
        u8 < 0.05 AS planned,
        u7 > 0.95 AS reported,
        round(0.5 + 0.45 * u4, 3) AS confidence,
        CAST(CASE etype {intensity} END AS DOUBLE) AS intensity,
        lower(etype) AS trigger,
        CASE WHEN i % 3 = 0 THEN 'fr' ELSE 'en' END AS lang
    FROM typed
    ORDER BY i
    """


def generate_events(n: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """Yield ``n`` synthetic event rows (dicts with the ``events`` table's columns)."""
    con = duckdb.connect()
    try:
        cur = con.execute(_events_sql(), {"n": n, "seed": seed})
        names = [d[0] for d in cur.description]
        while batch := cur.fetchmany(10_000):
            for row in batch:
                yield dict(zip(names, row, strict=True))
    finally:
        con.close()


def _ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables")
              .fetchall()}
    if "events" in tables and "articles" in tables:
        return
    sql = resources.files("allegiance.store").joinpath("migrations/001_initial.sql").read_text(
        encoding="utf-8"
    )
    con.execute(sql)


def load_synthetic(con: duckdb.DuckDBPyConnection, n: int, seed: int = 0) -> int:
    """Insert ``n`` synthetic events (and their articles) into ``con``; return ``n``.

    Creates the schema (migration 001) when the connection has no ``events`` table.
    """
    _ensure_schema(con)
    n_articles = (n + EVENTS_PER_ARTICLE - 1) // EVENTS_PER_ARTICLE
    con.execute(
        f"""
        INSERT INTO articles BY NAME
        SELECT 'syn-art' || $seed || '-' || i AS id,
               'Synthetic article ' || i || '.' AS text, 'synthetic' AS origin,
               CAST({EVENTS_PER_ARTICLE * 12} AS INTEGER) AS n_words, 'coded' AS status,
               'synthetic' AS source, 'en' AS lang, current_timestamp AS ingested_at,
               current_timestamp AS coded_at
        FROM range($n) t(i)
        """,
        {"n": n_articles, "seed": seed},
    )
    con.execute(f"INSERT INTO events BY NAME {_events_sql()}", {"n": n, "seed": seed})
    return n
