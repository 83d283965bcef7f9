"""JSON as a profile may be written (the syntax of JSON-LD profiles): parsed into
the same tree the YAML reader gives, with the line of every key and item, so
that the one profile reader can point at the line. Strict JSON: duplicate keys,
NaN and Infinity are errors, and nesting deeper than a profile ever goes is an
error, not a RecursionError."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..errors import InputError

MAX_DEPTH = 32
_TOKEN = re.compile(r"""
    (?P<ws>[ \t\r\n]+)
  | (?P<string>"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*")
  | (?P<number>-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)
  | (?P<punct>[{}\[\]:,])
  | (?P<word>true|false|null)
""", re.X)


class _Parser:
    def __init__(self, text: str, path: Path):
        self.text = text
        self.path = path
        self.pos = 0
        self.line = 1

    def fail(self, message: str, line: int | None = None) -> InputError:
        return InputError.at(self.path, line or self.line, f"JSON syntax error: {message}")

    def next(self) -> tuple[str, str, int]:
        """(kind, text, line) of the next token, whitespace skipped."""
        while True:
            if self.pos >= len(self.text):
                return "end", "", self.line
            m = _TOKEN.match(self.text, self.pos)
            if m is None:
                ch = self.text[self.pos]
                what = "an unescaped control character in a string" if ch == '"' else f"unexpected {ch!r}"
                raise self.fail(what)
            kind, value = m.lastgroup, m.group()
            line = self.line
            self.line += value.count("\n")
            self.pos = m.end()
            if kind != "ws":
                return kind, value, line

    def value(self, depth: int, token: tuple[str, str, int] | None = None) -> tuple[Any, int]:
        kind, text, line = token or self.next()
        if depth > MAX_DEPTH:
            raise InputError.at(self.path, line, "the JSON is nested too deeply",
                                "a profile is at most a few levels deep")
        if kind == "string":
            return json.loads(text), line
        if kind == "number":
            return (json.loads(text) if re.fullmatch(r"-?[0-9]+", text) else float(text)), line
        if kind == "word":
            return {"true": True, "false": False, "null": None}[text], line
        if text == "{":
            return self.mapping(depth, line), line
        if text == "[":
            return self.sequence(depth, line), line
        raise self.fail(f"expected a value, found {text or 'the end of the file'!r}", line)

    def mapping(self, depth: int, line: int) -> CommentedMap:
        out = CommentedMap()
        out.lc.line, out.lc.col = line - 1, 0
        token = self.next()
        if token[1] == "}":
            return out
        while True:
            kind, text, kline = token
            if kind != "string":
                raise self.fail(f"expected a key in double quotes, found {text or 'the end'!r}", kline)
            key = json.loads(text)
            if key in out:
                raise InputError.at(self.path, kline, f"the key {key!r} appears twice in one "
                                    "object; keep one")
            colon = self.next()
            if colon[1] != ":":
                raise self.fail(f"expected ':' after the key {key!r}", colon[2])
            value, vline = self.value(depth + 1)
            out[key] = value
            out.lc.add_kv_line_col(key, [kline - 1, 0, vline - 1, 0])
            sep = self.next()
            if sep[1] == "}":
                return out
            if sep[1] != ",":
                raise self.fail(f"expected ',' or '}}', found {sep[1] or 'the end of the file'!r}",
                                sep[2])
            token = self.next()

    def sequence(self, depth: int, line: int) -> CommentedSeq:
        out = CommentedSeq()
        out.lc.line, out.lc.col = line - 1, 0
        token = self.next()
        if token[1] == "]":
            return out
        while True:
            value, vline = self.value(depth + 1, token)
            out.append(value)
            out.lc.add_kv_line_col(len(out) - 1, [vline - 1, 0, vline - 1, 0])
            sep = self.next()
            if sep[1] == "]":
                return out
            if sep[1] != ",":
                raise self.fail(f"expected ',' or ']', found {sep[1] or 'the end of the file'!r}",
                                sep[2])
            token = self.next()


def read_json(path: Path, text: str) -> Any:
    """The JSON document as a tree with lines; InputError on anything not strict JSON."""
    parser = _Parser(text.lstrip("\ufeff"), path)
    value, _line = parser.value(0)
    kind, rest, line = parser.next()
    if kind != "end":
        raise parser.fail(f"extra data after the document: {rest!r}", line)
    return value
