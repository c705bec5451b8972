"""YAML for the knowledge base: PyYAML's safe subset, with a key given twice refused.

PyYAML keeps the last of two equal keys in a mapping without a word, so a
file edited by two people can lose a list and still load. Here the document
is composed into nodes first, every mapping at every depth is checked for a
key given twice, and only then is the document constructed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

# The C parser of PyYAML when present: the same safe subset, several times faster.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE_TAG = "tag:yaml.org,2002:merge"


class DuplicateKeyError(ValueError):
    """One or more mappings give the same key twice; ``problems`` are "path: ..." lines."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def load_strict(text: str) -> Any:
    """The document in ``text``. Raises yaml.YAMLError for bad YAML, DuplicateKeyError for a repeated key."""
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        problems = list(_duplicate_keys(node, ""))
        if problems:
            raise DuplicateKeyError(problems)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _duplicate_keys(node: yaml.Node, path: str) -> Iterator[str]:
    if isinstance(node, yaml.MappingNode):
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:  # "<<: *anchor" merges are allowed to repeat keys
                continue
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            line = key_node.start_mark.line + 1
            where = f"{path}.{key}" if path else str(key)
            if key in first_line:
                yield f"{where}: duplicate key at line {line} (first given at line {first_line[key]})"
            else:
                first_line[key] = line
            yield from _duplicate_keys(value_node, where)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _duplicate_keys(item, f"{path}[{i}]")
