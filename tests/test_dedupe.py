"""Near-duplicate detection: MinHash signatures, LSH band keys, Jaccard estimates."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from archive_fixtures import FARM, MISSILE, MUNITIONS, REPORT
from fieldguide.link import dedupe


def test_the_fast_signature_equals_datasketch() -> None:
    for text in (MUNITIONS, MISSILE, FARM, REPORT, "one", "two words", ""):
        assert dedupe.signature(text) == dedupe.datasketch_signature(text)


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=400))
def test_the_fast_signature_equals_datasketch_on_any_text(text: str) -> None:
    assert dedupe.signature(text) == dedupe.datasketch_signature(text)


def test_a_signature_has_128_values_and_is_stable() -> None:
    sig = dedupe.signature(MUNITIONS)
    assert len(sig) == 128 * 4
    assert sig == dedupe.signature(MUNITIONS)
    # Case and punctuation do not matter; words do.
    assert dedupe.signature(MUNITIONS.upper().replace(",", "")) == sig


def test_a_small_edit_keeps_the_estimate_above_the_threshold() -> None:
    edited = MUNITIONS.replace("in the coming year", "next year")
    assert dedupe.jaccard(dedupe.signature(MUNITIONS), dedupe.signature(edited)) >= dedupe.NEAR_DUPLICATE


def test_unrelated_texts_are_far_apart() -> None:
    sigs = [dedupe.signature(t) for t in (MUNITIONS, MISSILE, FARM, REPORT)]
    for i, a in enumerate(sigs):
        for b in sigs[i + 1 :]:
            assert dedupe.jaccard(a, b) < 0.3


def test_near_duplicates_share_a_band_and_unrelated_texts_do_not() -> None:
    words = MUNITIONS.split()
    rng = random.Random(1)
    for _ in range(20):
        copy = list(words)
        copy[rng.randrange(len(copy))] = "changed"
        keys = set(dedupe.band_keys(dedupe.signature(" ".join(copy))))
        assert keys & set(dedupe.band_keys(dedupe.signature(MUNITIONS)))
    assert not set(dedupe.band_keys(dedupe.signature(MUNITIONS))) & set(dedupe.band_keys(dedupe.signature(FARM)))


def test_band_keys_are_16_signed_64_bit_integers() -> None:
    keys = dedupe.band_keys(dedupe.signature(MISSILE))
    assert len(keys) == dedupe.BANDS == 16
    assert all(-(2**63) <= k < 2**63 for k in keys)
    assert len(set(keys)) == 16


def test_best_match_picks_the_closest_candidate_above_the_threshold() -> None:
    target = dedupe.signature(MUNITIONS)
    near = dedupe.signature(MUNITIONS.replace("coming year", "next year"))
    candidates = [("farm", dedupe.signature(FARM)), ("near", near), ("same", target)]
    assert dedupe.best_match(target, candidates) == ("same", 1.0)
    assert dedupe.best_match(target, candidates[:1]) is None
