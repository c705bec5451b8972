"""The knowledge base: places, people, weapons and event triggers as YAML data, validated at load.

from fieldguide.kb import load
kb = load()                       # packaged data
kb = load([Path("my-kb")])        # plus a directory that adds or overrides entries
kb.place("Chagang Province")      # -> Place(name="Jagang Province", ...)
kb.person("Kim Jong-un")          # -> Person(name="Kim Jong Un", ...)
kb.raw["weapons"]                 # weapons.yaml as plain data
"""

from typing import TYPE_CHECKING, Any

from fieldguide.kb.entities import DPRK, KnowledgeBase, Person, Place, TitleSpan
from fieldguide.kb.romanize import fold_person, fold_place, place_variants

if TYPE_CHECKING:
    from fieldguide.kb.loader import load


def __getattr__(name: str) -> Any:
    # the loader imports the YAML parser and the specs, which a start from the cache (cache.py) never needs
    if name == "load":
        from fieldguide.kb.loader import load

        return load
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "DPRK",
    "KnowledgeBase",
    "Person",
    "Place",
    "TitleSpan",
    "fold_person",
    "fold_place",
    "load",
    "place_variants",
]
