"""A round-up's lines are stories of their own: a visit told on the next line is another activity,
not a part of the test or the visit on the line before (invented fixtures)."""

from __future__ import annotations

from extract_helpers import run

DIGEST = (
    "Pyongyang, March 14 (KCNA) -- Following are major news items and articles in leading newspapers of the "
    "DPRK on Friday:\n"
    "- The respected Comrade Kim Jong Un inspected a tank crew training ground of the Korean People's Army. "
    "(photos accompanied)\n"
    "- He oversaw a test-fire of a new-type anti-aircraft missile. (photos accompanied)\n"
    "- He inspected the Institute of Space Engineering and a plant producing satellite parts. "
    "(photos accompanied)\n"
    "- A new bridge was opened in Kaechon City."
)


def test_each_line_of_a_round_up_is_its_own_activity() -> None:
    found = run(DIGEST, published="2030-03-14", title="Press Review")
    told = [(e.type, tuple(e.sites)) for e in found.events if e.actor == "Kim Jong Un"]
    assert [t for t, _ in told] == ["inspection", "weapons_test", "inspection"]
    test_sites = next(sites for t, sites in told if t == "weapons_test")
    assert not any("Institute" in s for s in test_sites)  # the next line's institute is not the test's site
    assert any("Institute of Space Engineering" in s for _, sites in told[2:] for s in sites)


def test_an_inspection_after_a_test_in_one_dispatch_is_still_part_of_the_test() -> None:
    text = (
        "Pyongyang, March 14 (KCNA) -- Kim Jong Un oversaw a test-fire of a new-type anti-aircraft missile on "
        "March 13. He inspected the launcher and the command post after the test."
    )
    found = run(text, published="2030-03-14", title="Kim Jong Un Oversees Test-fire")
    assert [e.type for e in found.events if e.actor == "Kim Jong Un"] == ["weapons_test"]


def test_a_written_work_he_contributes_to_a_paper_is_an_activity_of_his() -> None:
    text = (
        "Pyongyang, May 9 (KCNA) -- Following are major news items of the DPRK papers on Thursday:\n"
        '- The respected Comrade Kim Jong Un contributes a discourse "Let Us Farm Better" to Rodong Sinmun.\n'
        "- Rodong Sinmun published an article on the spring sowing."
    )
    found = run(text, published="2030-05-09", title="Press Review")
    assert [e.type for e in found.events if e.actor == "Kim Jong Un"] == ["other"]
