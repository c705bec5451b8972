"""Defects seen on unseen dispatches (issue 8), each in a form written for the tests in KCNA's style."""

from __future__ import annotations

from extract_helpers import run


def weapons(text: str, published: str = "2024-08-14") -> set[str]:
    return set(run(text, published=published).names("weapon"))


def test_a_ship_named_after_an_anti_japanese_fighter_carries_present_day_weapons() -> None:
    text = (
        "Pyongyang, May 2 (KCNA) -- A new frigate was launched at a shipyard on May 1.\n"
        "The frigate, named after anti-Japanese revolutionary fighter Ri Chol, is armed with cruise missiles "
        "and anti-aircraft missiles."
    )
    assert {"cruise_missile", "air_defense"} <= weapons(text, "2025-05-02")


def test_an_anti_japanese_war_story_still_recalls_the_past() -> None:
    text = (
        "Pyongyang, May 2 (KCNA) -- Veterans recalled the anti-Japanese war, when guerrillas fought with rifles "
        "and mortars."
    )
    assert not weapons(text, "2025-05-02") & {"small_arms", "artillery"}
