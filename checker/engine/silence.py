"""The words "(or the law is silent on it)" belong only in a finding whose fact
is `silent`. Shape messages carry the parenthesis for that case; a finding whose
facts the law states gets the message without it."""

from __future__ import annotations

import re

# every shape message words the silent case as "(or [the law] is silent ...)"
SILENT_CLAUSE = re.compile(r" ?\(or (?:the law )?is silent\b[^)]*\)")
# its translations word it freely ("(ou la loi est muette ...)", "(ou ne dit pas si ...)",
# "(o la ley guarda silencio ...)"): the one "(or ...)" parenthesis of a message whose
# English has the clause
OR_CLAUSES = {"fr": re.compile(r" ?\(ou [^)]*\)"), "es": re.compile(r" ?\(o [^)]*\)")}


def translated_wording(english: str, translated: str, lang: str) -> str:
    """A translated message as a finding whose fact the law states shows it."""
    clause = OR_CLAUSES.get(lang)
    if clause is None or not SILENT_CLAUSE.search(english) or len(clause.findall(translated)) != 1:
        return translated
    return clause.sub("", translated)


def wording(message: str, silent: bool) -> str:
    """The message as a finding shows it: with the silence clause only when silent."""
    return message if silent else SILENT_CLAUSE.sub("", message)
