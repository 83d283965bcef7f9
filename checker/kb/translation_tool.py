"""The translator's tool: list what is left to translate, put translations into
the per-language files with their records, mark texts reviewed, count.

    python -m checker.kb.translation_tool status
    python -m checker.kb.translation_tool todo --lang fr instruments/palermo.ttl > todo.json
    python -m checker.kb.translation_tool apply --lang fr todo.json
    python -m checker.kb.translation_tool review --lang fr instruments/palermo.ttl [palermo:A3-a ...]
    python -m checker.kb.translation_tool rehome --lang fr   # after subjects moved between files
    python -m checker.kb.translation_tool prune --lang fr    # drop texts whose English is gone

A todo/apply file is JSON: {source file: {subject: {property: text}}}, names
written with the source file's prefixes. A text may be an object
{"text": ..., "official": true|false, "note": ...}; a nested text's property
carries its digest (`sh:message@0123456789`); skos:altLabel and
skos:hiddenLabel take a list. Whatever `apply` writes is `unreviewed`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rdflib import Graph, URIRef

from ..errors import InputError
from . import locate as paths
from .languages import TRANSLATED, translation_file, translation_language
from .locate import find
from .translations import (
    GCC,
    GCI,
    LANGUAGE_SPECIFIC,
    REVIEWED,
    UNREVIEWED,
    Entry,
    TextKey,
    audit,
    audit_file,
    digest,
    english_texts,
    read_translation,
    render,
    source_files,
)
from .turtle import parse_turtle


def _resolve(graph: Graph, name: str) -> URIRef:
    if name.startswith("<") and name.endswith(">"):
        return URIRef(name[1:-1])
    prefix, _, local = name.partition(":")
    for p, ns in graph.namespaces():
        if p == prefix:
            return URIRef(str(ns) + local)
    raise ValueError(f"unknown prefix in {name!r}")


def _curie(graph: Graph, node: URIRef) -> str:
    from .translations import _name

    return _name(graph, node, set())


def _source(name: str) -> Path:
    path = Path(name)
    return path if path.is_absolute() else find().root / path


def todo(sources: list[Path], lang: str) -> dict:
    out: dict = {}
    for source in sources:
        result = audit_file(source, lang)
        graph = parse_turtle(source)
        for issue in result.issues:
            if issue.kind in ("orphan", "wrong language"):
                continue
            key = issue.key
            prop = _curie(graph, key.prop) + (f"@{key.nested}" if key.nested else "")
            root = find().root
            rel = str(source.relative_to(root)) if source.is_relative_to(root) else str(source)
            out.setdefault(rel, {}).setdefault(_curie(graph, key.subject), {})[prop] = issue.english
    return out


def _digest_of(key: TextKey, english: dict[TextKey, list[str]]) -> str:
    """The digest a record carries: a nested text is named by the digest of ONE
    English text, even when the same text occurs twice under one subject."""
    return key.nested or digest(english[key])


def apply(data: dict, lang: str) -> int:
    written = 0
    for name, subjects in data.items():
        source = _source(name)
        graph = parse_turtle(source)
        graph.bind("gci", GCI)
        graph.bind("gcc", GCC)
        english = english_texts(graph)
        entries, extra = read_translation(source, lang)
        for sname, props in subjects.items():
            subject = _resolve(graph, sname)
            for pname, value in props.items():
                pname, _, nested = pname.partition("@")
                prop = _resolve(graph, pname)
                if prop in LANGUAGE_SPECIFIC:
                    extra[(subject, prop)] = sorted(value if isinstance(value, list) else [value])
                    continue
                key = TextKey(subject, prop, nested)
                if key not in english:
                    raise InputError.at(source, None, f"{sname} has no English {pname} to translate"
                                        + (f" with digest {nested}" if nested else ""))
                if isinstance(value, str):
                    value = {"text": value}
                texts = value["text"] if isinstance(value["text"], list) else [value["text"]]
                if not all(t.strip() for t in texts):
                    raise InputError.at(source, None, f"empty {lang} text for {sname} {pname}")
                entries[key] = Entry(sorted(texts), UNREVIEWED, _digest_of(key, english),
                                     value.get("official"), value.get("note"))
                written += 1
        translation_file(source, lang).write_text(render(source, lang, entries, extra), encoding="utf-8")
    return written


def review(source: Path, lang: str, subjects: list[str]) -> int:
    graph = parse_turtle(source)
    english = english_texts(graph)
    wanted = {_resolve(graph, s) for s in subjects}
    entries, extra = read_translation(source, lang)
    count = 0
    for key, entry in entries.items():
        if key in english and (not wanted or key.subject in wanted):
            entry.status = REVIEWED
            entry.source_digest = _digest_of(key, english)
            count += 1
    translation_file(source, lang).write_text(render(source, lang, entries, extra), encoding="utf-8")
    return count


def rehome(lang: str, folders: list[Path] | None = None) -> int:
    """Move each translated text to the translation file beside the source file that
    now holds its subject (after a file was split or a subject moved); a translation
    file left with nothing, or whose source is gone, is removed."""
    from .languages import source_of_translation

    folders = folders or find().source_folders()
    sources = [s for folder in folders for s in paths.turtle_files(folder)]
    owner: dict[URIRef, Path] = {}
    for source in sources:
        for subject in parse_turtle(source).subjects():
            if isinstance(subject, URIRef):
                owner.setdefault(subject, source)
    held = sorted({source_of_translation(t) for folder in folders for t in paths.translation_files(folder)
                   if translation_language(t) == lang} | set(sources))
    data = {source: read_translation(source, lang) for source in held}
    moved = 0
    for source in held:
        entries, extra = data[source]
        for key in [k for k in entries if owner.get(k.subject, source) != source]:
            data.setdefault(owner[key.subject], ({}, {}))[0][key] = entries.pop(key)
            moved += 1
        for key in [k for k in extra if owner.get(k[0], source) != source]:
            data.setdefault(owner[key[0]], ({}, {}))[1][key] = extra.pop(key)
            moved += 1
    for source, (entries, extra) in data.items():
        target = translation_file(source, lang)
        if (entries or extra) and source.exists():
            target.write_text(render(source, lang, entries, extra), encoding="utf-8")
        elif target.exists() and (not source.exists() or not (entries or extra)):
            target.unlink()
    return moved


def prune(lang: str, sources: list[Path] | None = None) -> int:
    """Drop the translated texts whose English text is gone (a removed subject or
    property, an old version of a changed nested text); they are never shown."""
    removed = 0
    for source in sources if sources is not None else source_files():
        if not translation_file(source, lang).exists():
            continue
        english = english_texts(parse_turtle(source))
        entries, extra = read_translation(source, lang)
        gone = [k for k in entries if k not in english]
        for key in gone:
            del entries[key]
        if gone:
            translation_file(source, lang).write_text(render(source, lang, entries, extra),
                                                      encoding="utf-8")
            removed += len(gone)
    return removed


def status_table(sources: list[Path]) -> str:
    rows = [f"{'file':<44} {'lang':<4} {'texts':>6} {'reviewed':>9} {'unreviewed':>11} "
            f"{'missing':>8} {'stale':>6} {'other':>6}"]
    for a in audit(sources):
        other = len(a.issues) - a.count("missing") - a.count("stale")
        root = find().root
        rel = a.source.relative_to(root) if a.source.is_relative_to(root) else a.source
        rows.append(f"{str(rel):<44} {a.lang:<4} {a.total:>6} {a.reviewed:>9} {a.unreviewed:>11} "
                    f"{a.count('missing'):>8} {a.count('stale'):>6} {other:>6}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checker.kb.translation_tool",
                                     description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("status", help="count texts per file and language")
    p_todo = sub.add_parser("todo", help="the texts still to translate, as JSON")
    p_todo.add_argument("--lang", choices=TRANSLATED, required=True)
    p_todo.add_argument("sources", nargs="*")
    p_apply = sub.add_parser("apply", help="write translations from a JSON file (unreviewed)")
    p_apply.add_argument("--lang", choices=TRANSLATED, required=True)
    p_apply.add_argument("json_file")
    p_review = sub.add_parser("review", help="mark texts reviewed against the current English")
    p_review.add_argument("--lang", choices=TRANSLATED, required=True)
    p_review.add_argument("source")
    p_review.add_argument("subjects", nargs="*")
    p_rehome = sub.add_parser("rehome", help="move translations to the file beside their subject's source")
    p_rehome.add_argument("--lang", choices=TRANSLATED, required=True)
    p_prune = sub.add_parser("prune", help="drop translations whose English text is gone")
    p_prune.add_argument("--lang", choices=TRANSLATED, required=True)
    args = parser.parse_args(argv)
    try:
        if args.command == "status":
            print(status_table(source_files()))
        elif args.command == "todo":
            sources = [_source(s) for s in args.sources] or source_files()
            print(json.dumps(todo(sources, args.lang), ensure_ascii=False, indent=2))
        elif args.command == "apply":
            data = json.loads(Path(args.json_file).read_text(encoding="utf-8"))
            print(f"{apply(data, args.lang)} text(s) written, unreviewed")
        elif args.command == "prune":
            print(f"{prune(args.lang)} orphaned text(s) removed")
        elif args.command == "rehome":
            print(f"{rehome(args.lang)} text(s) moved")
        elif args.command == "review":
            print(f"{review(_source(args.source), args.lang, args.subjects)} text(s) marked reviewed")
    except (InputError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
