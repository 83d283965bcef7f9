"""What the engine builds from a knowledge base before the first check — the
profile format, the requirement catalogue with its shapes and the instruments'
dates — kept in the parse cache (kb/cache.py), so that one `gapcheck check`
starts without reading the knowledge base's graph or walking the shapes again.

Keyed by the knowledge-base and shape files and by the code that builds
these; anything stale or unreadable is simply built again."""

from __future__ import annotations

from pathlib import Path

from ..kb import cache, time_rules
from ..kb import requirements as reqmod
from ..kb.base import KnowledgeBase
from ..kb.locate import find
from ..profile import format as schemamod

# the names under which the builders keep what they build on a KnowledgeBase
# (tests/test_engines.py checks that priming is what they then return)
DERIVED = {"schema": "profile-format", "catalogue": "requirements", "instruments": "instrument_times"}
EXTRA = "engine-cache"  # other things an engine keeps in the same cache entry


def prime(kb: KnowledgeBase) -> None:
    """Give `kb` its profile format, catalogue and instruments' dates from the cache,
    or build them and put them in the cache."""
    built = [name for name in DERIVED.values() if name in kb._derived]
    if len(built) == len(DERIVED):
        return
    key = cache.key("engine", _inputs(kb))
    hit = cache.get(key) if not built else None
    # what an engine keeps (a compiled form names the blank nodes of the catalogue's
    # shapes) is only taken with the catalogue it was built from: when part of the entry
    # was already built in this process, the rest is built here too
    if isinstance(hit, dict) and set(DERIVED) <= set(hit):
        for what, name in DERIVED.items():
            kb.derived(name, lambda _k, value=hit[what]: value)
        kb.derived(EXTRA, lambda _k: {k: v for k, v in hit.items() if k not in DERIVED})
        return
    kb.derived(EXTRA, lambda _k: {})
    _save(kb)


def cached(kb: KnowledgeBase, name: str) -> object | None:
    """Something an engine kept with the catalogue (built from its shapes graph)."""
    prime(kb)
    return kb.derived(EXTRA, lambda _k: {}).get(name)


def keep(kb: KnowledgeBase, name: str, value: object) -> None:
    """Keep `value`, built from the catalogue's shapes graph, in its cache entry."""
    prime(kb)
    kb.derived(EXTRA, lambda _k: {})[name] = value
    _save(kb)


def _save(kb: KnowledgeBase) -> None:
    entry = {"schema": schemamod.load(kb), "catalogue": reqmod.load(kb),
             "instruments": time_rules.instruments(kb),
             **kb.derived(EXTRA, lambda _k: {})}
    cache.put(cache.key("engine", _inputs(kb)), entry)


def _inputs(kb: KnowledgeBase) -> list[Path]:
    folders = kb.folders if kb.folders is not None else find()
    here = Path(__file__).parent  # this module and the fast engine's compiled form
    code = [Path(schemamod.__file__), Path(reqmod.__file__), Path(time_rules.__file__),
            here / "prepared.py", here / "fast.py"]
    return [*kb.files, *folders.requirement_shape_files(), *code]
