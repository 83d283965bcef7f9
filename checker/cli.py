"""The `gapcheck` command: a thin layer over the library.

Exit codes: 0 nothing to report at or above the threshold, 1 gaps (or
knowledge-base failures) found, 2 bad input. Heavy modules are imported inside
the commands so that `gapcheck --help` starts fast."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import click

from .reports.renderers import FORMATS
from .reports.scan_output import FORMATS as SCAN_FORMATS

EXIT_OK, EXIT_FOUND, EXIT_BAD_INPUT = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C


def reports_input_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn an InputError into its message on stderr and exit code 2, never a
    traceback; an interrupt into exit 130 (128 + the signal for SIGTERM/SIGHUP)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .errors import InputError
        from .reports.output import Interrupted

        try:
            return func(*args, **kwargs)
        except InputError as exc:
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except KeyboardInterrupt:
            _ignore_interrupts()
            click.echo("interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except Interrupted as exc:
            _ignore_interrupts()
            click.echo("interrupted", err=True)
            sys.exit(128 + exc.signum)

    return wrapper


def _ignore_interrupts() -> None:
    """Stopping already: another Ctrl-C must not turn the message into click's
    "Aborted!" and exit 1."""
    import signal

    from .reports.output import INTERRUPTS

    for signum in INTERRUPTS:
        signal.signal(signum, signal.SIG_IGN)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gapcheck")
@click.option("--kb", "kb_dir", type=click.Path(path_type=str), default=None, metavar="DIR",
              help="Read the knowledge base (ontology/, instruments/, shapes/) from DIR instead "
                   "of the one installed with gapcheck; also GAPCHECK_KB=DIR.")
@click.pass_context
def main(ctx: click.Context, kb_dir: str | None) -> None:
    """Hold a national legal framework against the international standards on
    trafficking in persons, migrant workers and child labour, and report its gaps."""
    import logging

    ctx.obj = {"kb_dir": kb_dir}

    # rdflib logs ill-typed literals and odd IRIs with tracebacks; the checker
    # reports those itself, as profile errors with their lines
    logging.getLogger("rdflib").setLevel(logging.CRITICAL)


def engine_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """--engine, for the commands that validate profiles."""
    from .engine.choice import CHOICES, ENV

    return click.option(
        "--engine", "engine_name", type=click.Choice(CHOICES), default=None,
        help="SHACL engine: pyshacl (the reference) or fast (pyshacl-turbo, installed with "
             "`pip install gapcheck[fast]`; same findings). Default: auto, the fast one when "
             f"installed; also {ENV}.")(func)


def knowledge_base():  # noqa: ANN201 - a checker.kb.base.KnowledgeBase
    """The knowledge base this run reads (--kb, GAPCHECK_KB, or the installed one);
    missing or incomplete, it is bad input (exit 2)."""
    from .kb import base

    obj = click.get_current_context().find_root().obj or {}
    return base.load(obj.get("kb_dir"))


@main.group()
def kb() -> None:
    """Check and explore the knowledge base of instruments and requirements."""


@kb.command("check")
@reports_input_errors
def kb_check() -> None:
    """Validate the knowledge base against its meta-shapes."""
    from .kb import base as kbmod
    from .kb.metacheck import check, parameter_failures

    base = knowledge_base()
    failures = check(base) + parameter_failures(
        base, kbmod.load_files(base.folders.requirement_shape_files(), kind="shapes"))
    for failure in failures:
        click.echo(str(failure))
    if failures:
        click.echo(f"knowledge base: {len(failures)} problem(s) to fix", err=True)
        sys.exit(EXIT_FOUND)
    click.echo("knowledge base: every instrument, provision, requirement and term is complete, "
               "and every number a shape tests agrees with its parameter")


@kb.command("stats")
@reports_input_errors
def kb_stats() -> None:
    """Count provisions per instrument and checking status, and requirement-source
    links per basis."""
    from .kb.explore import STATUSES, basis_stats, stats

    graph = knowledge_base().graph
    rows = stats(graph)
    header = f"{'instrument':<24} {'binding':<10} " + " ".join(f"{s:>10}" for s in STATUSES)
    click.echo(header + f" {'total':>6}")
    totals = dict.fromkeys(STATUSES, 0)
    for row in rows:
        for s in STATUSES:
            totals[s] += row.by_status.get(s, 0)
        counts = " ".join(f"{row.by_status.get(s, 0):>10}" for s in STATUSES)
        click.echo(f"{row.short_name:<24} {row.bindingness:<10} {counts} {row.total:>6}")
    counts = " ".join(f"{totals[s]:>10}" for s in STATUSES)
    click.echo(f"{'all ' + str(len(rows)) + ' instruments':<24} {'':<10} {counts} "
               f"{sum(totals.values()):>6}")
    click.echo("")
    click.echo(f"{'basis of requirement-source links':<36} {'links':>6} {'requirements':>13}  gap at most")
    links = basis_stats(graph)
    for row in links:
        click.echo(f"{row.basis:<36} {row.links:>6} {row.requirements:>13}  {row.cap}")
    click.echo(f"{'all links':<36} {sum(r.links for r in links):>6}")


@kb.command("show")
@click.argument("ident")
@click.option("--lang", type=click.Choice(["en", "fr", "es"]), default="en", show_default=True,
              help="Language of the texts; each translated text shows its review status.")
@reports_input_errors
def kb_show(ident: str, lang: str) -> None:
    """Print one instrument, provision or requirement.

    IDENT is e.g. `palermo`, `palermo:A3-a`, `c189#A9-c` or `PRO-03`."""
    from .errors import InputError
    from .i18n import locale
    from .kb.explore import describe, describe_parts, display_name, name_in, resolve, suggest
    from .kb.translations import Texts

    base = knowledge_base()
    graph = base.graph
    node = resolve(graph, ident.replace("#", ":", 1) if "#" in ident and
                   not ident.startswith("http") else ident)
    if node is None:
        raise InputError.at(None, None, f"no instrument, provision or requirement is called "
                            f"'{ident}'", suggest(graph, ident) or "try `gapcheck kb stats` for "
                            "the instruments, or an ID such as palermo:A3-a or PRO-03")
    texts = Texts(graph, base.translations)
    click.echo(f"{name_in(texts, node, lang, display_name(graph, node))}\n  <{node}>")
    loc = locale(lang)
    for label, value in describe(graph, node, texts, lang) + describe_parts(base, node, lang):
        click.echo("  " + loc._("%(label)s: %(value)s", label=label, value=value))


FAIL_ON = ("binding", "standard", "any", "regression", "never")


def lang_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """--lang: the language of an output's words, texts and dates."""
    from .i18n import LANGUAGES

    return click.option("--lang", "lang", type=click.Choice(LANGUAGES), default=None,
                        help="Language of the output: en, fr or es (default: from the locale, "
                             "LANGUAGE / LC_ALL / LC_MESSAGES / LANG, else English). What the "
                             "profile's author wrote is shown as written.")(func)


def output_language(lang: str | None) -> str:
    from .i18n import from_environment

    return lang or from_environment()


def refuse_warnings(reports, strict: bool, lang: str = "en") -> None:  # noqa: ANN001
    """Print each report's warnings on stderr in `lang`; with --strict, refuse
    them (exit 2)."""
    from .errors import InputError
    from .i18n import SOURCE_LANGUAGE, locale
    from .reports.localize import localizer

    said = localizer(knowledge_base(), lang) if lang != SOURCE_LANGUAGE else None
    problems, seen = [], set()
    for report in reports:  # a bill's baseline first: its warnings carry its own lines
        for warning in report.profile.warnings:
            if warning.message not in seen:
                seen.add(warning.message)
                problems.append(said.problem(warning) if said else warning)
    if strict and problems:
        raise InputError(problems)
    loc = locale(lang)
    for problem in problems:
        text = loc._("warning: %(text)s", text=problem.located)
        if problem.hint:
            text += "\n  " + loc._("hint: %(hint)s", hint=problem.hint)
        click.echo(text, err=True)


def exit_code(result, fail_on: str) -> int:
    """1 when something at or above the threshold is found, else 0."""
    from .engine.status import Severity
    from .reports.compare import Comparison

    if fail_on == "never":
        return EXIT_OK
    if isinstance(result, Comparison):
        if fail_on in ("any", "regression"):
            return EXIT_FOUND if result.by_change("opens") else EXIT_OK
        return EXIT_FOUND if result.opened_at_or_above(fail_on) else EXIT_OK
    gaps = [f for f in result.findings if f.status.falls_short]  # gaps and partial findings
    if fail_on == "any":
        return EXIT_FOUND if gaps else EXIT_OK
    rank = Severity(fail_on).rank
    return EXIT_FOUND if any(Severity(f.severity).rank <= rank for f in gaps) else EXIT_OK


def write_output(path: str, text: str | bytes, inputs: list) -> None:
    """The whole output or none, never over an input (reports.output)."""
    from pathlib import Path

    from .reports.output import write_atomically

    write_atomically(path, text, [Path(p) for p in inputs if p])


def inputs_of(result) -> list:  # noqa: ANN001
    """The files a result was read from: the profile, a baseline, a bill's baseline."""
    from .reports.compare import Comparison

    reports = [result.baseline, result.amended] if isinstance(result, Comparison) else [result]
    return [r.profile.path for r in reports if r.profile.path]


@main.command("migrate")
@click.argument("profile", type=click.Path(path_type=str))
@click.option("--write", is_flag=True,
              help="Replace the file (atomically) instead of printing the migrated profile.")
@reports_input_errors
def migrate_command(profile: str, write: bool) -> None:
    """Move PROFILE to the current profile format (format 1 -> 2).

    YAML keeps its comments and layout: `gapcheck: 2`, and one-item `evidence`,
    `reservations` and `about` become lists. Turtle and JSON-LD are written in
    their canonical form. What changed is listed on standard error."""
    from .profile.migrate import migrate

    text, changes = migrate(profile, knowledge_base())
    for change in changes:
        click.echo(f"{profile}: {change}", err=True)
    if not changes:
        click.echo(f"{profile}: already in the current format", err=True)
    if write:
        if changes:  # replacing the input is the point here: the file is rewritten whole
            from .reports.output import write_atomically

            write_atomically(profile, text)
    else:
        click.echo(text, nl=False)


@main.command("check")
@click.argument("profile", type=click.Path(dir_okay=True, path_type=str))
@click.option("--baseline", type=click.Path(path_type=str), default=None,
              help="The framework to compare with (a bill names its own in `amends:`).")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              default="table", show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(path_type=str), default=None,
              help="Write to this file (atomically) instead of standard output.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exit 1 when a gap at or above this severity is found (default: binding); "
                   "for a bill or with --baseline, when the bill opens one (default: "
                   "regression, any gap the bill opens, whatever its severity).")
@click.option("--strict", is_flag=True,
              help="Refuse (exit 2) a profile with dates that cannot be counted, such as a "
                   "ratification dated after its as_of date, instead of warning.")
@lang_option
@engine_option
@reports_input_errors
def check_command(profile: str, baseline: str | None, fmt: str, output: str | None,
                  fail_on: str | None, strict: bool, lang: str | None,
                  engine_name: str | None) -> None:
    """Check PROFILE (YAML, Turtle or JSON-LD) against the requirements.

    A bill is checked as applied to the framework it amends, and compared
    with it: which gaps it closes, opens (regressions) and leaves. Any
    regression fails the check unless --fail-on says otherwise."""
    from .api import check
    from .i18n import locale
    from .reports.compare import Comparison
    from .reports.localize import localize
    from .reports.renderers import render

    lang = output_language(lang)
    kb_ = knowledge_base()
    result = check(profile, baseline, kb_, engine_name)
    is_comparison = isinstance(result, Comparison)
    if fail_on is None:
        fail_on = "regression" if is_comparison else "binding"
    if fail_on == "regression" and not is_comparison:
        raise click.UsageError("--fail-on regression needs a bill or --baseline")
    refuse_warnings([result.baseline, result.amended] if is_comparison else [result], strict, lang)
    shown, loc = localize(result, kb_, lang), locale(lang)
    if output:
        write_output(output, render(shown, fmt, color=False, loc=loc),
                     [profile, baseline, *inputs_of(result)])
    else:
        color = fmt == "table" and sys.stdout.isatty()
        click.echo(render(shown, fmt, color=color, loc=loc), nl=False, color=color)
    sys.exit(exit_code(result, fail_on))


@main.command("matrix")
@click.argument("profiles", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(path_type=str), default=None,
              help="Write to this file (atomically) instead of standard output.")
@click.option("--strict", is_flag=True,
              help="Refuse (exit 2) profiles with dates that cannot be counted, instead of warning.")
@lang_option
@engine_option
@reports_input_errors
def matrix_command(profiles: tuple[str, ...], fmt: str, output: str | None, strict: bool,
                   lang: str | None, engine_name: str | None) -> None:
    """Compare states: requirements x profiles (files or folders of profiles).

    Bills in the set are applied to their baselines and summarised below the table."""
    from .reports import collection, matrix

    lang = output_language(lang)
    coll = collection.load(list(profiles), kb=knowledge_base(), engine_name=engine_name)
    refuse_warnings(coll.all_reports(), strict, lang)
    from .i18n import locale

    text = matrix.render(coll, fmt, locale(lang))
    if output:
        write_output(output, text, [*profiles, *coll.sources.values()])
    else:
        click.echo(text, nl=False)


@main.command("publish")
@click.argument("profiles", nargs=-1, type=click.Path(path_type=str))
@click.option("--out", "out", type=click.Path(path_type=str), default="out/site", show_default=True,
              help="The folder to write the site to (replaced whole when the build succeeds).")
@click.option("--settings", "settings_file", type=click.Path(path_type=str), default=None,
              help="Site settings (YAML): title, organisation, logo, introduction, disclaimer, "
                   "licence, contact, languages.")
@click.option("--languages", "languages", default=None, metavar="CODES",
              help="The site's languages, comma-separated (en, fr, es), the first the default; "
                   "several give one site with a language switcher under /en/ /fr/ /es/ "
                   "(default: the settings' languages, else en).")
@click.option("--strict", is_flag=True,
              help="Refuse (exit 2) profiles with dates that cannot be counted, instead of warning.")
@engine_option
@reports_input_errors
def publish_command(profiles: tuple[str, ...], out: str, settings_file: str | None,
                    languages: str | None, strict: bool, engine_name: str | None) -> None:
    """Build the static gap-report website for PROFILES (files or folders;
    in a source checkout, by default the examples in profiles/)."""
    from pathlib import Path

    from . import resources
    from .errors import InputError
    from .reports import collection
    from .site import settings as settings_mod
    from .site.build import build_site

    settings = settings_mod.load(settings_file)
    if languages is not None:
        import dataclasses

        settings = dataclasses.replace(settings, languages=settings_mod.parse_languages(languages))
    checkout = resources.checkout_root()
    given = list(profiles) or ([checkout / "profiles"] if checkout is not None else [])
    if not given:
        raise InputError.at(None, None, "no profiles to publish",
                            "give profile files (.yaml, .ttl, .jsonld) or folders that hold them")
    coll = collection.load(given, kb=knowledge_base(), engine_name=engine_name)
    if not coll.reports and not coll.bills:
        raise InputError.at(", ".join(map(str, given)), None, "no profiles to publish",
                            "give profile files (.yaml, .ttl, .jsonld) or folders that hold them")
    refuse_warnings(coll.all_reports(), strict)  # what publish says is said in English
    site = build_site(coll, Path(out), settings)
    click.echo(f"site: {len(coll.reports)} gap reports, {len(coll.bills)} bills -> {site}/index.html")


@main.command("new")
@click.argument("state_code")
@click.option("--bill", is_flag=True, help="Start a bill rather than a framework.")
@click.option("--amends", default=None, metavar="PROFILE_ID",
              help="With --bill: the id of the profile the bill amends.")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The date the profile describes (default: today).")
@click.option("--id", "ident", default=None, help="The profile's id (default: from the code and year).")
@click.option("--out", "out", type=click.Path(path_type=str), default=None,
              help="Write to this new file instead of standard output.")
@reports_input_errors
def new_command(state_code: str, bill: bool, amends: str | None, as_of, ident: str | None,  # noqa: ANN001
                out: str | None) -> None:
    """Write a starting profile for STATE_CODE (or, with --bill, a bill): every key of
    the format, explained, with what a profile needs filled in."""
    import datetime as dt
    from pathlib import Path

    from .errors import InputError
    from .profile.starter import Starter, check_arguments, render

    check_arguments(state_code, bill, amends, ident)
    start = Starter(state_code, as_of.date() if as_of else dt.date.today(), bill, amends, ident)
    text = render(knowledge_base(), start)
    if out is None:
        click.echo(text, nl=False)
        return
    if Path(out).exists():
        raise InputError.at(out, None, "the file exists; gapcheck new never writes over a profile",
                            "give a new file name")
    write_output(out, text, [])
    click.echo(f"{out}: a starting {'bill' if bill else 'profile'} for {state_code}; "
               f"`gapcheck check {out}` reports every requirement as not assessed", err=True)


@main.group()
def questionnaire() -> None:
    """Send a questionnaire workbook out, read the answers back as a profile."""


@questionnaire.command("export")
@click.option("--state", default=None, help="The ISO 3166 alpha-3 code of the state it goes to.")
@click.option("--from", "source", type=click.Path(path_type=str), default=None,
              help="A profile to pre-fill it from (last round's answers).")
@click.option("--out", "out", type=click.Path(path_type=str), required=True,
              help="The workbook to write (.xlsx), or a printable questionnaire (.md).")
@reports_input_errors
def questionnaire_export(state: str | None, source: str | None, out: str) -> None:
    """Write the questionnaire: one sheet per area, one row per question,
    drop-downs for the allowed answers; pre-filled from --from."""
    from .profile.questionnaire_export import export

    write_output(out, export(source, state, out), [source])
    click.echo(f"questionnaire -> {out}")


@questionnaire.command("import")
@click.argument("workbook", type=click.Path(path_type=str))
@click.option("--out", "out", type=click.Path(path_type=str), required=True,
              help="The profile to write (.yaml).")
@reports_input_errors
def questionnaire_import(workbook: str, out: str) -> None:
    """Read a filled-in questionnaire WORKBOOK back into a YAML profile; every
    problem is reported with its sheet and row, all at once (exit 2)."""
    from .profile.questionnaire_import import to_yaml

    write_output(out, to_yaml(workbook, out), [workbook])
    click.echo(f"profile -> {out}")


@main.group()
def akn() -> None:
    """Read Akoma Ntoso acts and bills: outline them, scan them for likely gaps."""


@akn.command("outline")
@click.argument("file", type=click.Path(path_type=str))
@click.option("--toc", is_flag=True, help="Only the table of contents, without the text.")
@reports_input_errors
def akn_outline(file: str, toc: bool) -> None:
    """Print an Akoma Ntoso act or bill: each provision with its number path, the id
    to cite it by, and the text a quote is checked against."""
    from .akn import outline
    from .akn.reader import read

    click.echo(outline.render(read(file), text=not toc), nl=False)


@akn.command("scan")
@click.argument("file", type=click.Path(path_type=str))
@click.option("--document-id", default="act", show_default=True,
              help="The id the draft profile fragment gives the document.")
@click.option("--format", "fmt", type=click.Choice(SCAN_FORMATS), default="table",
              show_default=True, help="table: the hits; yaml: a draft profile fragment; json: both.")
@reports_input_errors
def akn_scan(file: str, document_id: str, fmt: str) -> None:
    """Flag passages a lawyer checking FILE against the requirements would read
    first (offences, fees charged to workers, passports held by employers,
    protection tied to cooperation, victims punished or detained, child labour
    and its exceptions, ...). Every hit is for a human to confirm; the yaml draft
    cites and quotes each passage so that `gapcheck check` can verify it."""
    from .akn.reader import read
    from .akn.scan import scan
    from .errors import InputError
    from .ids import SLUG, slug_hint
    from .reports.scan_output import render

    if not SLUG.fullmatch(document_id):
        raise InputError.at(None, None, f"--document-id {document_id!r} is not a valid document id",
                            slug_hint("tip-act"))
    doc = read(file)
    click.echo(render(doc, scan(doc), document_id, fmt, file), nl=False)


def run() -> None:
    """The `gapcheck` program: main(), then leave without freeing the heap object by
    object (the knowledge base is some 10^5 objects; freeing them took a quarter of
    a one-profile check). Exit handlers (temporary folders) still run."""
    import atexit
    import contextlib
    import os

    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        click.echo(str(code), err=True)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):  # a closed pipe: nothing more to say
            stream.flush()
    getattr(atexit, "_run_exitfuncs", lambda: None)()
    os._exit(code)


if __name__ == "__main__":
    run()
