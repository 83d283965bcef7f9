"""The package's layout follows the flow: each wing imports only from the wings
below it, no module imports itself in a circle, and the command line is a thin
layer. Reads the source, so it also catches imports inside functions."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "checker"

# wing -> the wings it may import from (besides itself); the order of the flow
FOUNDATION = {"checker", "errors", "ids", "resources", "i18n"}
ALLOWED = {
    "foundation": set(),
    "akn": {"foundation"},
    "kb": {"foundation"},
    "profile": {"foundation", "kb", "akn"},
    "engine": {"foundation", "kb", "profile"},
    "reports": {"foundation", "kb", "profile", "engine", "akn"},
    "site": {"foundation", "kb", "profile", "engine", "reports", "akn"},
    "api": {"foundation", "kb", "profile", "engine", "reports"},
    "cli": {"foundation", "kb", "profile", "engine", "reports", "site", "akn", "api"},
}
# what only the wings that need it may use: the CLI parses arguments and prints
HEAVY = {"rdflib", "pyshacl", "lxml", "jinja2", "mkdocs", "yaml"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def wing(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in FOUNDATION:
        return "foundation"
    return parts[1]


def imports(path: Path) -> list[tuple[str, int]]:
    """Every module the file imports (at the top or inside a function), with its line."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((target, node.lineno))
            # `from . import x` imports the module x
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                if module_file(candidate) is not None:
                    found.append((candidate, node.lineno))
    return found


def module_file(module: str) -> Path | None:
    if not module.startswith("checker"):
        return None
    rel = Path(*module.split("."))
    for candidate in (ROOT / rel.with_suffix(".py"), ROOT / rel / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


SOURCES = sorted(PACKAGE.rglob("*.py"))


def graph() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for path in SOURCES:
        out[module_name(path)] = {m for m, _ in imports(path)
                                  if m.startswith("checker") and module_file(m) is not None
                                  and m != module_name(path)}
    return out


def test_the_wings_are_the_folders():
    wings = {wing(module_name(p)) for p in SOURCES}
    assert wings == set(ALLOWED), "a new wing needs its place in ALLOWED (and in the architecture page)"


def test_imports_only_go_down_the_flow():
    wrong = []
    for path in SOURCES:
        here = wing(module_name(path))
        for target, line in imports(path):
            if not target.startswith("checker"):
                continue
            there = wing(target)
            if there != here and there not in ALLOWED[here]:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {here} imports {target} ({there})")
    assert not wrong, "imports that go up the flow:\n" + "\n".join(wrong)


def test_no_import_cycles():
    edges = graph()
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            # a package's __init__ is run by importing any of its modules: ignore the
            # edge module -> own package, which is no cycle
            if node.startswith(nxt + "."):
                continue
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*trail[trail.index(nxt):], nxt]))
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_the_command_line_is_thin():
    """cli.py parses arguments, calls the library and prints: it builds no graph,
    validates nothing and renders no template itself."""
    cli = PACKAGE / "cli.py"
    heavy = [f"cli.py:{line}: {target}" for target, line in imports(cli)
             if target.split(".")[0] in HEAVY]
    assert not heavy, "the CLI imports what the library should use:\n" + "\n".join(heavy)
    tree = ast.parse(cli.read_text(encoding="utf-8"))
    long = [f"{f.name} ({f.end_lineno - f.lineno + 1} lines)" for f in ast.walk(tree)
            if isinstance(f, ast.FunctionDef) and f.end_lineno - f.lineno + 1 > 40]
    assert not long, "CLI commands that do library work: " + ", ".join(long)


def test_the_layout_test_sees_the_imports():
    """The checks above would pass on nothing: make sure they read real edges."""
    edges = graph()
    assert "checker.engine.severity" in edges["checker.engine.engine"]
    assert "checker.errors" in edges["checker.akn.reader"]
    assert wing("checker.site.build") == "site" and wing("checker.ids") == "foundation"
