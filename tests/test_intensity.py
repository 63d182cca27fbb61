from allegiance.coding.intensity import BASE, intensity, is_cooperation
from allegiance.models import EVENT_TYPES


def test_scale_covers_every_type_within_bounds():
    assert set(BASE) == set(EVENT_TYPES)
    assert all(-10 <= v <= 10 for v in BASE.values())


def test_quad_classes_have_the_right_sign():
    coop = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"]
    assert all(is_cooperation(t) for t in coop)
    assert not any(is_cooperation(t) for t in set(EVENT_TYPES) - set(coop))


def test_modes_and_overrides():
    assert intensity("AID", "military") > intensity("AID")
    assert intensity("SANCTION", "expel") < intensity("SANCTION")
    assert intensity("SANCTION", "unknown-mode") == intensity("SANCTION")
    assert intensity("ASSAULT", override=-2.5) == -2.5
    assert intensity("ASSAULT") < intensity("THREATEN") < intensity("REQUEST") < 0
