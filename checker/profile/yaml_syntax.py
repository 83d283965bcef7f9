"""YAML as a profile may be written: parsed with ruamel.yaml (YAML 1.2, lines
kept, duplicate keys refused), holding plain values only (no tags, anchors,
aliases or binary), nested at most MAX_DEPTH deep; syntax errors point at the
line where the problem began."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem


def line_of(container: Any, key: Any = None) -> int | None:
    """1-based line of a key in a ruamel mapping, or of an item in a sequence."""
    lc = getattr(container, "lc", None)
    if lc is None:
        return None
    try:
        if key is None:
            return lc.line + 1
        if isinstance(key, int):
            return lc.item(key)[0] + 1
        return lc.key(key)[0] + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return lc.line + 1


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


def syntax_problems(path: Path, text: str) -> list[Problem]:
    """What a profile may not hold, found in the stream of YAML events before any
    value is built: tags (`!!int`, `!<...>`, `!custom`), anchors and aliases, merge
    keys (`<<`, which would merge keys past the duplicate check), and nesting
    deeper than MAX_DEPTH (refused here, so no reader ever recurses that deep).
    A syntax error is left to the full reader, which reports it with its line."""
    import yaml

    try:
        from yaml.cyaml import CParser as Parser
    except ImportError:  # pragma: no cover - PyYAML without libyaml
        from yaml.parser import Parser as _Parser
        from yaml.reader import Reader
        from yaml.scanner import Scanner

        class Parser(Reader, Scanner, _Parser):  # type: ignore[no-redef]
            def __init__(self, stream: str):
                Reader.__init__(self, stream)
                Scanner.__init__(self)
                _Parser.__init__(self)
    try:
        parser = Parser(text)
    except Exception:  # noqa: BLE001 - the full reader reports it
        return []
    problems: list[Problem] = []
    depth = 0
    keys: list[bool] = []  # per open mapping: is the next scalar a key?
    try:
        while (event := parser.get_event()) is not None:
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                problems.append(Problem(str(path), line, f"YAML anchor or alias '*{event.anchor}' "
                                        "is not allowed", "write the value out in full"))
                continue
            anchor = getattr(event, "anchor", None)
            if anchor:
                problems.append(Problem(str(path), line, f"YAML anchor or alias '&{anchor}' is not "
                                        "allowed", "write the value out in full"))
            tag = getattr(event, "tag", None)
            explicit = tag is not None and not (isinstance(event, yaml.ScalarEvent)
                                                and event.implicit[0])
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                explicit = tag is not None and not event.implicit
            if explicit:
                if tag == "tag:yaml.org,2002:binary":
                    problems.append(Problem(str(path), line, "binary data is not allowed in a profile"))
                else:
                    problems.append(Problem(str(path), line, f"YAML tag '{_short_tag(tag)}' is not "
                                            "allowed in a profile",
                                            "remove the tag; profiles hold plain values only"))
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent,
                                  yaml.ScalarEvent, yaml.AliasEvent)) and keys and keys[-1] is not None:
                is_key = keys[-1]
                keys[-1] = not is_key
                if is_key and isinstance(event, yaml.ScalarEvent) and event.value == "<<" \
                        and not event.style:
                    problems.append(Problem(str(path), line, "a YAML merge key `<<` is not allowed "
                                            "in a profile", "write the keys out in full; a merge "
                                            "could hide a key given twice"))
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                keys.append(True) if isinstance(event, yaml.MappingStartEvent) else keys.append(None)
                if depth > MAX_DEPTH + 1:
                    problems.append(Problem(str(path), line, "the YAML is nested too deeply",
                                            f"a profile is at most {MAX_DEPTH} levels deep"))
                    break
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
                keys.pop()
            if len(problems) >= 50:
                break
    except yaml.YAMLError:
        return problems  # the full reader reports the syntax error with its line
    return problems


def read_yaml(path: Path, text: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    if re.search(r"^%", text, re.M):
        line = text[: re.search(r"^%", text, re.M).start()].count("\n") + 1
        raise InputError.at(path, line, "YAML directives are not allowed in a profile",
                            "remove the line; profiles are read as YAML 1.2")
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    last_line = text.count("\n") + (0 if text.endswith("\n") else 1)
    try:
        data = yaml.load(text)
        problems: list[Problem] = []
        plain_yaml_problems(data, path, problems, 0)
        if problems:
            raise InputError(problems)
        return data
    except RecursionError:
        raise InputError.at(path, _deepline_of(text), "the YAML is nested too deeply",
                            "a profile is at most a few levels deep") from None
    except MarkedYAMLError as exc:
        # the end of the file is a poor place to point at: the open quote or the
        # key without its colon is where the reader's context began
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and mark is not None and (
                mark.line + 1 > last_line or "simple key" in (exc.context or "")):
            mark = exc.context_mark
        line = min(mark.line + 1, last_line) if mark is not None else None
        what = (exc.problem or exc.context or "not valid YAML").strip()
        if "duplicate key" in str(exc):
            what = "a key appears twice in the same mapping; keep one"
        raise InputError.at(path, line, f"YAML syntax error: {what}",
                            "check indentation, colons and quotes on this line") from None
    except YAMLError as exc:
        raise InputError.at(path, None, f"YAML error: {exc}") from None
    except ValueError as exc:  # e.g. 2026-02-30, which looks like a date but is none
        found = next(((i + 1, d) for i, row in enumerate(text.splitlines())
                      if not row.lstrip().startswith("#") and (d := _impossible_date(row))),
                     (None, ""))
        raise InputError.at(path, found[0], f"{found[1] or 'a date'} is not a real date ({exc})",
                            "write an existing date as YYYY-MM-DD") from None


MAX_DEPTH = 12


def _deepline_of(text: str, limit: int = MAX_DEPTH) -> int | None:
    """The line where brackets first nest deeper than a profile ever does."""
    depth = 0
    for i, row in enumerate(text.splitlines()):
        for ch in row:
            depth += 1 if ch in "[{" else -1 if ch in "]}" else 0
            if depth > limit:
                return i + 1
    return None


def _impossible_date(row: str) -> str:
    for m in re.finditer(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", row):
        try:
            dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return m.group(0)
    return ""


def plain_yaml_problems(node: Any, path: Path, problems: list[Problem], depth: int,
                parent: Any = None, key: Any = None) -> None:
    """Profiles hold plain values: no tags (which could construct objects), no
    anchors or aliases (which could multiply a value), no binary, bounded depth."""
    line = line_of(parent, key) if parent is not None else 1
    tag = getattr(getattr(node, "tag", None), "value", None)
    if tag is not None:
        problems.append(Problem(str(path), line, f"YAML tag '{tag}' is not allowed in a profile",
                                "remove the tag; profiles hold plain values only"))
        return
    anchor = getattr(getattr(node, "anchor", None), "value", None)
    if anchor is not None:
        problems.append(Problem(str(path), line, f"YAML anchor or alias '&{anchor}' is not allowed",
                                "write the value out in full"))
        return
    if isinstance(node, (bytes, bytearray)):
        problems.append(Problem(str(path), line, "binary data is not allowed in a profile"))
        return
    if depth > MAX_DEPTH:
        problems.append(Problem(str(path), line, "the YAML is nested too deeply",
                                f"a profile is at most {MAX_DEPTH} levels deep"))
        return
    if hasattr(node, "items"):
        for k, v in node.items():
            if not isinstance(k, str):
                problems.append(Problem(str(path), line_of(node, k), f"the key {k!r} is not text"))
            plain_yaml_problems(v, path, problems, depth + 1, node, k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            plain_yaml_problems(v, path, problems, depth + 1, node, i)
