"""Check parsed YAML against the TypedDict specs in ``spec.py``.

A small structural checker rather than a schema library: the specs are the
single statement of the shapes, and the problems it reports name the key path
so that a user can find the line to fix.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from typing import Annotated, Any, Union, get_args, get_origin, is_typeddict


def problems(value: Any, expected: Any, path: str = "") -> list[str]:
    """Every way ``value`` fails to fit ``expected``.

    ``expected`` is a type, a union, list[...], dict[..., ...], a TypedDict, or
    Annotated[str, check] where each check has ``check(value) -> reason | None``
    (spec.OneOf, spec.Compiles).
    """
    if is_typeddict(expected):
        return _typeddict_problems(value, expected, path)
    origin = get_origin(expected)
    if origin is Annotated:
        base, *checks = get_args(expected)
        base_problems = problems(value, base, path)
        if base_problems:
            return base_problems
        reasons = (check.check(value) for check in checks)
        return [f"{path or 'value'}: {reason}" for reason in reasons if reason]
    if origin is dict:
        return _dict_problems(value, expected, path)
    if origin in (Union, types.UnionType):
        options = get_args(expected)
        found = [problems(value, option, path) for option in options]
        if any(not p for p in found):
            return []
        names = " or ".join(_type_name(o) for o in options)
        return [f"{path or 'value'}: expected {names}, got {_value_name(value)}"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{path or 'value'}: expected a list, got {_value_name(value)}"]
        (item_type,) = get_args(expected)
        out: list[str] = []
        for i, item in enumerate(value):
            out.extend(problems(item, item_type, f"{path}[{i}]"))
        return out
    if expected is type(None):
        return [] if value is None else [f"{path}: expected nothing, got {_value_name(value)}"]
    if expected is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif expected is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif expected is dt.date:
        ok = isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    else:
        ok = isinstance(value, expected)
    return [] if ok else [f"{path or 'value'}: expected {_type_name(expected)}, got {_value_name(value)}"]


def _dict_problems(value: Any, expected: Any, path: str) -> list[str]:
    if not isinstance(value, dict):
        return [f"{path or 'value'}: expected a mapping, got {_value_name(value)}"]
    key_type, item_type = get_args(expected)
    prefix = f"{path}." if path else ""
    out: list[str] = []
    for key, item in value.items():
        key_problems = problems(key, key_type, f"{prefix}{key}")
        out.extend(key_problems)
        if not key_problems:
            out.extend(problems(item, item_type, f"{prefix}{key}"))
    return out


def _typeddict_problems(value: Any, spec: Any, path: str) -> list[str]:
    if not isinstance(value, dict):
        return [f"{path or 'value'}: expected a mapping, got {_value_name(value)}"]
    hints = _field_types(spec)
    prefix = f"{path}." if path else ""
    out = [f"{prefix}{key}: missing" for key in sorted(spec.__required_keys__) if key not in value]
    for key, item in value.items():
        if key not in hints:
            allowed = ", ".join(sorted(hints))
            out.append(f"{prefix}{key}: unknown key (allowed: {allowed})")
            continue
        out.extend(problems(item, hints[key], f"{prefix}{key}"))
    return out


@functools.cache
def _field_types(spec: Any) -> dict[str, Any]:
    """Each key's expected type, NotRequired taken off; worked out once per spec, not once per
    entry (the knowledge base checks over a thousand entries against a handful of specs)."""
    return {key: _unwrap_required(tp) for key, tp in typing.get_type_hints(spec, include_extras=True).items()}


def _unwrap_required(tp: Any) -> Any:
    # get_type_hints(include_extras=True) keeps Annotated, and with it NotRequired[...] too.
    while get_origin(tp) in (typing.NotRequired, typing.Required):
        (tp,) = get_args(tp)
    return tp


def _type_name(tp: Any) -> str:
    if tp is type(None):
        return "nothing"
    if get_origin(tp) is Annotated:
        return _type_name(get_args(tp)[0])
    if is_typeddict(tp) or get_origin(tp) is dict:
        return "a mapping"
    if get_origin(tp) is list:
        return "a list"
    return {str: "text", int: "an integer", float: "a number", dt.date: "a date"}.get(tp, str(tp))


def _value_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"
