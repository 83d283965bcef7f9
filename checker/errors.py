"""Errors a user can act on: every one names the file, the line where there is
one, what is wrong and what to do. The CLI turns them into exit code 2."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Problem:
    """One thing wrong with an input file."""

    file: str | None
    line: int | None
    message: str
    hint: str | None = None

    @property
    def located(self) -> str:
        """`file:line: message`, as compilers say it."""
        where = self.file or "<input>"
        if self.line:
            where += f":{self.line}"
        return f"{where}: {self.message}"

    def __str__(self) -> str:
        return self.located + (f"\n  hint: {self.hint}" if self.hint else "")


class InputError(Exception):
    """Bad input: one or more problems, reported together."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, file: str | Path | None, line: int | None, message: str,
           hint: str | None = None) -> InputError:
        return cls(Problem(str(file) if file is not None else None, line, message, hint))


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """A hint naming the closest known word, if one is close enough."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None
