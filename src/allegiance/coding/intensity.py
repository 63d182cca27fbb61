"""The cooperation(+)/conflict(-) intensity scale of coded events.

Each event gets a number on a -10..+10 scale, fixed by its PLOVER type (and mode where it matters),
ordered as PLOVER's four quad classes: verbal cooperation (AGREE, CONSULT, SUPPORT), material
cooperation (CONCEDE, COOPERATE, AID, RETREAT), verbal conflict (REQUEST, ACCUSE, REJECT, THREATEN)
and material conflict (PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT). The values are ours, in the
spirit of the Goldstein scale; they are documented here and in the README, and the analysis uses
them as stored, so a user can recompute everything from exported events with other weights.

| type | base | modes |
|---|---|---|
| AGREE | +4 | |
| CONSULT | +2 | visit +3 |
| SUPPORT | +3 | |
| CONCEDE | +4 | |
| COOPERATE | +6 | military +7 |
| AID | +6 | military +7 |
| RETREAT | +1 | release +3 (a military pull-out de-escalates but is no rapprochement) |
| REQUEST | -1 | |
| ACCUSE | -3 | investigate -2 |
| REJECT | -4 | |
| THREATEN | -6 | |
| PROTEST | -5 | |
| SANCTION | -6 | expel -7 |
| MOBILIZE | -5 | |
| COERCE | -7 | |
| ASSAULT | -9 | |

Negated events keep their type's value in the table but are excluded from all analytics.
"""

from __future__ import annotations

BASE: dict[str, float] = {
    "AGREE": 4, "CONSULT": 2, "SUPPORT": 3, "CONCEDE": 4, "COOPERATE": 6, "AID": 6,
    "RETREAT": 1, "REQUEST": -1, "ACCUSE": -3, "REJECT": -4, "THREATEN": -6, "PROTEST": -5,
    "SANCTION": -6, "MOBILIZE": -5, "COERCE": -7, "ASSAULT": -9,
}  # fmt: skip
MODES: dict[tuple[str, str], float] = {
    ("CONSULT", "visit"): 3, ("COOPERATE", "military"): 7, ("AID", "military"): 7,
    ("RETREAT", "release"): 3, ("ACCUSE", "investigate"): -2, ("SANCTION", "expel"): -7,
}  # fmt: skip


def intensity(event_type: str, mode: str | None = None, override: float | None = None) -> float:
    """Intensity of an event of ``event_type`` (and ``mode``) on the -10..+10 scale."""
    if override is not None:
        return float(override)
    if mode is not None and (event_type, mode) in MODES:
        return float(MODES[(event_type, mode)])
    return float(BASE[event_type])


def is_cooperation(event_type: str) -> bool:
    return BASE[event_type] > 0
