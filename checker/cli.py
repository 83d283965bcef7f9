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

EXIT_OK, EXIT_FOUND, EXIT_BAD_INPUT = 0, 1, 2


def reports_input_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn an InputError into its message on stderr and exit code 2, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .errors import InputError

        try:
            return func(*args, **kwargs)
        except InputError as exc:
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            sys.exit(EXIT_BAD_INPUT)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gapcheck")
def main() -> None:
    """Hold a national legal framework against the international standards on
    trafficking in persons, migrant workers and child labour, and report its gaps."""


@main.group()
def kb() -> None:
    """Check and explore the knowledge base of instruments and requirements."""


@kb.command("check")
@reports_input_errors
def kb_check() -> None:
    """Validate the knowledge base against its meta-shapes."""
    from . import kb as kbmod
    from .kbcheck import check

    failures = check(kbmod.load())
    for failure in failures:
        click.echo(str(failure))
    if failures:
        click.echo(f"knowledge base: {len(failures)} problem(s) to fix", err=True)
        sys.exit(EXIT_FOUND)
    click.echo("knowledge base: every instrument, provision, requirement and term is complete")


@kb.command("stats")
@reports_input_errors
def kb_stats() -> None:
    """Count provisions per instrument and per checking status."""
    from . import kb as kbmod
    from .kbcheck import STATUSES, stats

    rows = stats(kbmod.load().graph)
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


@kb.command("show")
@click.argument("ident")
@reports_input_errors
def kb_show(ident: str) -> None:
    """Print one instrument, provision or requirement.

    IDENT is e.g. `palermo`, `palermo:A3-a`, `c189#A9-c` or `PRO-03`."""
    from . import kb as kbmod
    from .errors import InputError
    from .kbcheck import describe, display_name, resolve

    graph = kbmod.load().graph
    node = resolve(graph, ident.replace("#", ":", 1) if "#" in ident and
                   not ident.startswith("http") else ident)
    if node is None:
        raise InputError.at(None, None, f"no instrument, provision or requirement is called "
                            f"'{ident}'", "try `gapcheck kb stats` for the instruments, "
                            "or an ID such as palermo:A3-a or PRO-03")
    click.echo(f"{display_name(graph, node)}\n  <{node}>")
    for label, value in describe(graph, node):
        click.echo(f"  {label}: {value}")


if __name__ == "__main__":
    main()
