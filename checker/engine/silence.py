"""The words "(or the law is silent on it)" belong only in a finding whose fact
is `silent`. Shape messages carry the parenthesis for that case; a finding whose
facts the law states gets the message without it."""

from __future__ import annotations

import re

# every shape message words the silent case as "(or [the law] is silent ...)"
SILENT_CLAUSE = re.compile(r" ?\(or (?:the law )?is silent\b[^)]*\)")


def wording(message: str, silent: bool) -> str:
    """The message as a finding shows it: with the silence clause only when silent."""
    return message if silent else SILENT_CLAUSE.sub("", message)
