"""Near-duplicate detection: near-copies match, same-topic stories do not, signatures persist."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from allegiance.config import Config
from allegiance.ingest.dedup import NearDuplicateIndex, SignatureError, normalise, shingles
from allegiance.ingest.text import split_title

DEDUP = Path(__file__).parent / "fixtures" / "ingest" / "dedup"


def body(name: str) -> str:
    """Article body of a fixture (its first line is the headline)."""
    title, text = split_title((DEDUP / f"{name}.txt").read_text(encoding="utf-8"))
    assert title is not None
    return text


@pytest.fixture
def index() -> NearDuplicateIndex:
    return NearDuplicateIndex(threshold=Config().near_duplicate_threshold)


def test_normalisation_folds_accents_and_case() -> None:
    assert normalise("Coopération MILITAIRE, l'État!") == ["cooperation", "militaire", "l", "etat"]
    folded = shingles("cooperation MILITAIRE renforcee")
    assert shingles("Coopération militaire renforcée") == folded
    assert shingles("a b c d") == {"a b c", "b c d"}
    assert shingles("deux mots") == {"deux mots"}
    assert shingles("  ...  ") == set()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_republished_story_with_new_headline_and_edits_matches(
    index: NearDuplicateIndex, lang: str
) -> None:
    original, copy = body(f"{lang}_original"), body(f"{lang}_near_copy")
    assert original != copy
    index.add(f"{lang}-orig", original)
    assert index.find(copy) == f"{lang}-orig"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_different_story_on_same_topic_does_not_match(
    index: NearDuplicateIndex, lang: str
) -> None:
    index.add(f"{lang}-orig", body(f"{lang}_original"))
    assert index.find(body(f"{lang}_same_topic")) is None
    similarity = index.similarity(
        index.signature(body(f"{lang}_original")), index.signature(body(f"{lang}_same_topic"))
    )
    assert similarity < 0.2


def test_threshold_is_applied(index: NearDuplicateIndex) -> None:
    original = body("en_original")
    words = original.split()
    # rewrite every 4th word: most 3-shingles change, far below 0.8
    rewritten = " ".join(w + "x" if i % 4 == 0 else w for i, w in enumerate(words))
    index.add("orig", original)
    assert index.find(rewritten) is None
    strict = NearDuplicateIndex(threshold=0.99)
    strict.add("orig", original)
    assert strict.find(body("en_near_copy")) is None


def test_best_match_is_returned(index: NearDuplicateIndex) -> None:
    index.add("orig", body("en_original"))
    index.add("other", body("en_same_topic"))
    index.add("copy", body("en_near_copy"))
    assert index.find(body("en_near_copy")) == "copy"
    assert len(index) == 3 and "copy" in index


def test_signature_roundtrip_links_across_runs(index: NearDuplicateIndex) -> None:
    stored = [("orig", index.signature_bytes(body("fr_original"))),
              ("other", index.add("other", body("en_same_topic")))]
    assert all(isinstance(blob, bytes) for _, blob in stored)
    later = NearDuplicateIndex()
    assert later.load(stored) == 0
    assert later.find(body("fr_near_copy")) == "orig"
    assert np.array_equal(later.from_bytes(stored[0][1]), index.signature(body("fr_original")))


def test_signatures_are_deterministic() -> None:
    first = NearDuplicateIndex().signature_bytes(body("en_original"))
    assert NearDuplicateIndex().signature_bytes(body("en_original")) == first
    assert len(first) == 10 + 4 * 128


def test_unusable_signatures_are_counted_not_fatal(index: NearDuplicateIndex) -> None:
    good = index.signature_bytes(body("en_original"))
    other_params = NearDuplicateIndex(num_perm=64).signature_bytes(body("en_original"))
    assert index.load([("a", b"junk"), ("b", good[:-4]), ("c", other_params), ("d", good)]) == 3
    assert index.find(body("en_near_copy")) == "d"
    with pytest.raises(SignatureError):
        index.from_bytes(b"XYZ" + good[3:])


def test_empty_text_never_matches(index: NearDuplicateIndex) -> None:
    index.add("empty", "...")
    assert len(index) == 0
    assert index.find("!!!") is None


def test_invalid_threshold() -> None:
    with pytest.raises(ValueError):
        NearDuplicateIndex(threshold=0)
