"""Loading the knowledge base: --kb directories add and override, bad YAML fails at load time."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldguide.errors import KnowledgeBaseError
from fieldguide.kb import load


def _write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return directory


def _error(extra: Path) -> KnowledgeBaseError:
    with pytest.raises(KnowledgeBaseError) as caught:
        load([extra])
    return caught.value


def test_packaged_data_loads_and_version_is_stable() -> None:
    first, second = load(), load()
    assert first.version == second.version
    assert len(first.version) == 16
    assert first.place("Pyongyang") is not None
    assert first.person("Kim Jong Un") is not None


def test_extra_directory_adds_a_place(tmp_path: Path) -> None:
    extra = _write(
        tmp_path,
        "places.yaml",
        "defaults: {country: KP}\n"
        "places:\n"
        "  - {name: Ryongdok-ri, kind: village, parent: Uiju County, lat: 40.25, lon: 124.6, aliases: [Ryongdok]}\n",
    )
    kb = load([extra])
    place = kb.place("ryongdok")
    assert place is not None
    assert place.parent == "Uiju County"
    assert place.country == "KP"
    assert [p.name for p in kb.ancestors(place)] == ["Uiju County", "North Phyongan Province"]
    assert kb.version != load().version


def test_extra_directory_overrides_an_entry_with_the_same_name(tmp_path: Path) -> None:
    extra = _write(
        tmp_path,
        "people.yaml",
        "people:\n"
        "  - name: Kim Yo Jong\n"
        "    country: KP\n"
        "    aliases: [KYJ]\n"
        "    titles: [{title: vice department director, since: 2021}]\n",
    )
    kb = load([extra])
    person = kb.person("KYJ")
    assert person is not None and person.name == "Kim Yo Jong"
    assert kb.person("Kim Yo-jong") is not None  # replaced aliases, but romanization still folds
    assert [p.name for p in kb.people].count("Kim Yo Jong") == 1


def test_a_later_directory_wins_over_an_earlier_one(tmp_path: Path) -> None:
    first = _write(tmp_path / "a", "extra.yaml", "places:\n  - {name: Testville, kind: city, country: US}\n")
    second = _write(tmp_path / "b", "extra.yaml", "places:\n  - {name: Testville, kind: town, country: CA}\n")
    place = load([first, second]).place("Testville")
    assert place is not None and (place.kind, place.country) == ("town", "CA")


def test_designations_of_a_later_weapons_file_replace_by_name(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "weapons.yaml",
        "designations:\n"
        "  - {name: Hwasong-19, category: irbm, pattern: Hwasong-19X}\n"
        "  - {name: Newbird-1, category: uav, pattern: Newbird-1}\n",
    )
    designations = load([tmp_path]).raw["weapons"]["designations"]
    by_name = {d["name"]: d for d in designations}
    assert by_name["Hwasong-19"] == {"name": "Hwasong-19", "category": "irbm", "pattern": "Hwasong-19X"}
    assert designations[-1]["name"] == "Newbird-1"
    assert [d["name"] for d in designations].count("Hwasong-19") == 1


def test_invalid_yaml_names_the_file_and_line(tmp_path: Path) -> None:
    extra = _write(tmp_path, "places.yaml", "places:\n  - {name: Broken, kind: city\n")
    message = str(_error(extra))
    assert "places.yaml" in message
    assert "not valid YAML" in message
    assert "line" in message


def test_a_missing_parent_is_reported_at_load_time_with_file_and_entry(tmp_path: Path) -> None:
    extra = _write(
        tmp_path, "mine.yaml", "places:\n  - {name: Nowhere-ri, kind: village, parent: Atlantis, country: KP}\n"
    )
    error = _error(extra)
    assert "mine.yaml" in str(error)
    assert "'Nowhere-ri'" in str(error)
    assert "parent 'Atlantis'" in str(error)
    assert error.code == "E400"


def test_an_unknown_key_and_a_wrong_type_are_reported(tmp_path: Path) -> None:
    extra = _write(
        tmp_path,
        "places.yaml",
        "places:\n  - {name: Odd, kind: city, country: KP, lat: north, lon: 125.0, colour: red}\n",
    )
    message = str(_error(extra))
    assert "lat: expected" in message
    assert "colour: unknown key" in message


def test_an_alias_claimed_twice_is_rejected(tmp_path: Path) -> None:
    extra = _write(
        tmp_path, "places.yaml", "places:\n  - {name: Other Place, kind: city, country: KP, aliases: [Sinuiju City]}\n"
    )
    message = str(_error(extra))
    assert "'Sinuiju City'" in message
    assert "already claimed by 'Sinuiju'" in message


def test_the_same_name_twice_in_one_directory_is_rejected(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", "places:\n  - {name: Twice, kind: city, country: KP}\n")
    _write(tmp_path, "b.yaml", "places:\n  - {name: Twice, kind: town, country: KP}\n")
    assert "name already used" in str(_error(tmp_path))


def test_dprk_coordinates_outside_the_dprk_are_rejected(tmp_path: Path) -> None:
    extra = _write(
        tmp_path, "places.yaml", "places:\n  - {name: Misplaced, kind: city, country: KP, lat: 35.1, lon: 129.0}\n"
    )
    assert "outside the DPRK" in str(_error(extra))


def test_an_unknown_kind_and_a_half_coordinate_are_rejected(tmp_path: Path) -> None:
    extra = _write(tmp_path, "places.yaml", "places:\n  - {name: Blob, kind: galaxy, country: KP, lat: 39.0}\n")
    message = str(_error(extra))
    assert "unknown kind 'galaxy'" in message
    assert "both lat and lon" in message


def test_a_parent_cycle_is_rejected(tmp_path: Path) -> None:
    extra = _write(
        tmp_path,
        "places.yaml",
        "places:\n"
        "  - {name: Loop A, kind: area, parent: Loop B, country: KP}\n"
        "  - {name: Loop B, kind: area, parent: Loop A, country: KP}\n",
    )
    assert "loops back" in str(_error(extra))


def test_a_bad_title_date_is_rejected(tmp_path: Path) -> None:
    extra = _write(
        tmp_path,
        "people.yaml",
        "people:\n  - {name: Test Person, country: KP, titles: [{title: officer, since: last spring}]}\n",
    )
    assert "not a date" in str(_error(extra))


def test_a_missing_directory_is_an_error(tmp_path: Path) -> None:
    assert "not found" in str(_error(tmp_path / "absent"))


def test_all_problems_are_listed_at_once(tmp_path: Path) -> None:
    extra = _write(
        tmp_path,
        "places.yaml",
        "places:\n"
        "  - {name: One, kind: galaxy, country: KP}\n"
        "  - {name: Two, kind: city, parent: Nowhere, country: KP}\n",
    )
    error = _error(extra)
    assert len(error.details["problems"]) == 2  # type: ignore[arg-type]


def test_a_key_given_twice_is_refused_with_its_path_and_lines(tmp_path: Path) -> None:
    extra = _write(
        tmp_path,
        "events.yaml",
        "triggers:\n  inspection:\n    - toured\n  inspection:\n    - looked round\n",
    )
    error = _error(extra)
    assert "events.yaml: triggers.inspection: duplicate key at line 4 (first given at line 2)" in str(error)


def test_a_key_given_twice_inside_a_list_entry_is_refused(tmp_path: Path) -> None:
    extra = _write(tmp_path, "places.yaml", "places:\n  - {name: Twice-ri, kind: village, kind: town, country: KP}\n")
    assert "places[0].kind: duplicate key" in str(_error(extra))


def test_shipped_files_give_no_key_twice() -> None:
    from importlib import resources

    from fieldguide.kb.strict_yaml import load_strict

    for item in resources.files("fieldguide.kb").joinpath("data").iterdir():
        if item.name.endswith(".yaml"):
            load_strict(item.read_text(encoding="utf-8"))  # raises DuplicateKeyError


def _problems(extra: Path) -> list[str]:
    return list(_error(extra).details["problems"])  # type: ignore[call-overload]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("events.yaml", "trigers:\n  inspection: [toured]\n", "events.yaml: trigers: unknown key (allowed: "),
        ("events.yaml", "tasks: instructed\n", "events.yaml: tasks: expected a list, got str 'instructed'"),
        ("events.yaml", "triggers: [toured]\n", "events.yaml: triggers: expected a mapping, got a list"),
        (
            "events.yaml",
            "triggers:\n  inspecton: [toured]\n",
            "events.yaml: triggers.inspecton: unknown event type 'inspecton' (one of inspection, ",
        ),
        (
            "events.yaml",
            "triggers:\n  inspection: [toured, inspected, looked round, 'went (round']\n",
            "events.yaml: triggers.inspection[3]: not a valid regular expression (missing ), unterminated",
        ),
        ("events.yaml", "verdicts:\n  pride: [boasted]\n", "events.yaml: verdicts.pride: unknown key"),
        ("weapons.yaml", "designations:\n  - {name: X-1, category: icbm}\n", "designations[0].pattern: missing"),
        (
            "weapons.yaml",
            "categories:\n  - {id: laser, label: laser, terms: [laser guns?]}\n",
            "weapons.yaml: categories[0].id: unknown weapon category 'laser'",
        ),
        ("weapons.yaml", "generic:\n  missile: icbm\n", "weapons.yaml: generic.missile: expected a list, got str"),
        ("sites.yaml", "heads: factory\n", "sites.yaml: heads: expected a list, got str 'factory'"),
        ("sites.yaml", "verbs: [saw, '  ']\n", "sites.yaml: verbs[1]: must not be empty"),
        ("sites.yaml", "locatives: ['arrived (at']\n", "sites.yaml: locatives[0]: not a valid regular expression"),
        ("events.yaml", "recalled: long ago\n", "events.yaml: recalled: expected a list, got str 'long ago'"),
        (
            "events.yaml",
            "foreign_counterpart: ['visit (to']\n",
            "events.yaml: foreign_counterpart[0]: not a valid regular expression",
        ),
        (
            "weapons.yaml",
            "ownership:\n  foreign: ['(?:Yankee|Yankees)']\n",
            "weapons.yaml: ownership.foreign[0]: must begin with a letter, a digit or an escaped character",
        ),
        ("weapons.yaml", "ownership:\n  dprk: our\n", "weapons.yaml: ownership.dprk: expected a list, got str"),
        ("weapons.yaml", "ownership:\n  owners: [our]\n", "weapons.yaml: ownership.owners: unknown key"),
        (
            "my-rules.yaml",
            "triggers:\n  inspection: [toured]\n",
            "my-rules.yaml: triggers: unknown key (allowed: defaults, people, places); rules of extraction go in",
        ),
    ],
)
def test_a_malformed_rules_file_is_refused_with_file_key_path_and_reason(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    extra = _write(tmp_path, name, text)
    assert any(expected in problem for problem in _problems(extra)), _problems(extra)


def test_problems_of_several_rules_files_are_reported_together(tmp_path: Path) -> None:
    _write(tmp_path, "events.yaml", "tasks: instructed\n")
    _write(tmp_path, "weapons.yaml", "generic: [missile]\n")
    _write(tmp_path, "sites.yaml", "heads: factory\n")
    found = _problems(tmp_path)
    assert len(found) == 3
    assert [Path(p.split(":", 1)[0]).name for p in found] == ["events.yaml", "sites.yaml", "weapons.yaml"]


def test_a_users_trigger_list_adds_to_the_packaged_one(tmp_path: Path) -> None:
    from extract_helpers import dispatch
    from fieldguide.extract.pipeline import Extractor

    packaged = load().raw["events"]["triggers"]["inspection"]
    _write(tmp_path, "events.yaml", "triggers:\n  inspection: [toured, made a pilgrimage to]\n")
    kb = load([tmp_path])
    assert kb.raw["events"]["triggers"]["inspection"] == [*packaged, "made a pilgrimage to"]
    assert kb.raw["events"]["triggers"]["weapons_test"] == load().raw["events"]["triggers"]["weapons_test"]
    text = "Kim Jong Un made a pilgrimage to the Sinpho Fishery on August 3."
    assert [e.type for e in Extractor(load())(dispatch(text)).events] == []
    assert [e.type for e in Extractor(kb)(dispatch(text)).events] == ["inspection"]


def test_a_users_file_replaces_the_lists_it_names_under_replace(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "events.yaml",
        "replace: [triggers.inspection, verdicts]\n"
        "triggers:\n  inspection: [made a pilgrimage to]\n  speech: [spoke at length]\n"
        "verdicts:\n  praise: [lauded]\n",
    )
    events = load([tmp_path]).raw["events"]
    assert events["triggers"]["inspection"] == ["made a pilgrimage to"]
    assert events["triggers"]["speech"][-1] == "spoke at length" and len(events["triggers"]["speech"]) > 1
    assert events["verdicts"] == {"praise": ["lauded"]}
    assert "replace" not in events


def test_a_users_mapping_merges_key_by_key(tmp_path: Path) -> None:
    _write(tmp_path, "events.yaml", "venue_types:\n  speech: [lecture]\n")
    venues = load([tmp_path]).raw["events"]["venue_types"]
    assert venues["speech"] == ["lecture"]
    assert venues["ceremony"] == load().raw["events"]["venue_types"]["ceremony"]


def test_a_weapon_category_of_a_users_file_adds_terms(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "weapons.yaml",
        "replace: [categories.torpedo.terms]\n"
        "categories:\n"
        "  - {id: uav, label: drone, terms: [loitering munitions?, UAVs?]}\n"
        "  - {id: torpedo, label: torpedo, terms: [torpedo(?:es)?]}\n",
    )
    categories = {c["id"]: c for c in load([tmp_path]).raw["weapons"]["categories"]}
    packaged = {c["id"]: c for c in load().raw["weapons"]["categories"]}
    assert categories["uav"]["terms"] == [*packaged["uav"]["terms"], "loitering munitions?"]
    assert categories["uav"]["label"] == "drone"
    assert categories["torpedo"]["terms"] == ["torpedo(?:es)?"]


def test_replace_must_name_a_key_the_file_gives(tmp_path: Path) -> None:
    _write(tmp_path, "sites.yaml", "replace: [heads, verbs]\nheads: [kiosk]\n")
    assert any("sites.yaml: replace[1]: 'verbs' is not a key this file gives" in p for p in _problems(tmp_path))


def test_not_a_name_words_come_from_the_knowledge_base_and_a_users_file_adds_to_them(tmp_path: Path) -> None:
    from extract_helpers import dispatch
    from fieldguide.extract.pipeline import Extractor

    text = "Kim Jong Un received President of Freedonia Zorro Bianco and his party."
    people = [m.text for m in Extractor(load())(dispatch(text)).mentions if m.kind == "person"]
    assert "Zorro Bianco" in people
    _write(tmp_path, "name_words.yaml", "not_name_words: [Zorro]\n")
    kb = load([tmp_path])
    assert "However" in kb.raw["name_words"]["not_name_words"]
    assert "Zorro Bianco" not in [m.text for m in Extractor(kb)(dispatch(text)).mentions if m.kind == "person"]


def test_a_users_words_of_an_earlier_time_keep_the_date_of_a_place_s_making_off_the_visit(tmp_path: Path) -> None:
    from extract_helpers import dispatch
    from fieldguide.extract.pipeline import Extractor

    _write(tmp_path, "events.yaml", "earlier_time:\n  making: [unveiled]\n")
    kb = load([tmp_path])
    assert "unveiled" in kb.raw["events"]["earlier_time"]["making"]
    assert "built" in kb.raw["events"]["earlier_time"]["making"]
    text = "Kim Jong Un visited the Monument to Victory in the War, unveiled in 2013, on August 3, and looked round it."
    # the packaged words do not know "unveiled": the year dates the visit and it is dropped as recalled
    assert [e.start for e in Extractor(load())(dispatch(text)).events] == []
    assert [e.start.isoformat() for e in Extractor(kb)(dispatch(text)).events if e.start] == ["2024-08-03"]


def test_words_of_an_earlier_time_must_be_a_list(tmp_path: Path) -> None:
    _write(tmp_path, "events.yaml", "earlier_time:\n  making: unveiled\n")
    message = str(_error(tmp_path))
    assert "events.yaml" in message and "earlier_time.making" in message
