"""A fast reader for well-behaved YAML profiles: PyYAML's C parser, with YAML 1.2
scalars (as ruamel.yaml reads them: only true/false are booleans, no
sexagesimal numbers) and duplicate keys refused.

It carries no line numbers, so the profile loader uses it only for files with
no tags, anchors or aliases, and goes back to ruamel.yaml, which keeps lines,
as soon as anything in the file needs reporting. Both give the same values."""

from __future__ import annotations

import re
from typing import Any

import yaml

# what would make the two readers differ, or needs ruamel's refusal: tags,
# anchors, aliases, directives, a byte-order mark
NEEDS_FULL_READER = re.compile(r"(?:^|[\s\[\]{},:-])[!&*][^\s]|^%|^\ufeff", re.M)


class _Resolver(yaml.resolver.BaseResolver):
    pass


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))
# only the plainest numbers are read here; anything else that looks like a
# number stays text, which sends the file to the full reader (NUMBERISH below)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^[-+]?[0-9]+\.[0-9]+$"), list("-+0123456789"))
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp", re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), list("0123456789"))


class DuplicateKey(ValueError):
    pass


class _Constructor(yaml.constructor.SafeConstructor):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise DuplicateKey(key)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _int(constructor: _Constructor, node: yaml.ScalarNode) -> int:
    return int(constructor.construct_scalar(node), 10)  # "017" is 17, as in YAML 1.2


_Constructor.add_constructor("tag:yaml.org,2002:int", _int)


try:
    from yaml.cyaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML without libyaml: the full reader only
    _Parser = None


if _Parser is not None:
    class _Loader(_Parser, _Constructor, _Resolver):  # type: ignore[misc,valid-type]
        def __init__(self, stream: str):
            _Parser.__init__(self, stream)
            _Constructor.__init__(self)
            _Resolver.__init__(self)


# a text that starts like a number: the two readers' number rules may differ at
# the edges (underscores, odd exponents), so such documents go to the full reader
NUMBERISH = re.compile(r"^[-+]?[0-9_.]")


def _all_plain(value: Any) -> bool:
    if isinstance(value, str):
        return not NUMBERISH.match(value)
    if isinstance(value, dict):
        return all(_all_plain(k) and _all_plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_all_plain(v) for v in value)
    return True


def load(text: str) -> Any:
    """The document, or None when the full reader must be used instead."""
    if _Parser is None or NEEDS_FULL_READER.search(text):
        return None
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe constructor
    except Exception:  # noqa: BLE001 - anything odd: the full reader reports it with its line
        return None
    return data if _all_plain(data) else None
