"""`gapcheck questionnaire import`: a filled-in questionnaire becomes the text of
a YAML profile, with a comment on each line naming the sheet and row it came
from. The text is checked by the one profile reader before it is written, and
a problem the reader finds is reported at the sheet and row of the value."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from ..errors import InputError, Problem
from ..ids import YAML_SUFFIXES
from . import load as loadmod
from . import questionnaire as q
from .format import FORMAT_VERSION
from .workbook_read import read
from .yaml_write import dump


def to_yaml(path: str | Path, out: str | Path) -> str:
    """The questionnaire as the text of a YAML profile to be saved as OUT, checked
    by the YAML reader (in OUT's folder, where its Akoma Ntoso files are found);
    a problem it finds is reported at the sheet and row the value came from."""
    path, out = Path(path), Path(out)
    if out.suffix.lower() not in YAML_SUFFIXES:
        raise InputError.at(out, None, "the profile is written as YAML",
                            "name the output .yaml, e.g. --out qaa-2027.yaml")
    data, origins = read(path)
    data.setdefault("gapcheck", FORMAT_VERSION)
    if "id" not in data:  # as the YAML reader names a profile without an id
        data["id"] = re.sub(r"[^a-z0-9-]+", "-", out.stem.lower()).strip("-") or "profile"
    first = [f.key.split(".", 1)[0] for f in q.flat_fields(q.schemamod.load(), q.GCP.Profile)]
    ordered = {k: data.pop(k) for k in dict.fromkeys(first) if k in data}
    ordered |= {k: data.pop(k) for k in ("ratifications", "documents") if k in data}
    ordered.update(data)
    header = [f"Imported from {path.name} by `gapcheck questionnaire import`.",
              "The comment on each line names the sheet and row of the workbook it came from."]
    text, line_origin = dump(ordered, origins, header)
    folder = out.parent if str(out.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{out.stem}.", suffix=".yaml")
    except OSError as exc:
        raise InputError.at(out, None, f"cannot write beside the output: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        loadmod.load(tmp)
    except InputError as exc:
        raise InputError([_at_origin(p, path, line_origin) for p in exc.problems]) from None
    finally:
        Path(tmp).unlink(missing_ok=True)
    return text


def _at_origin(problem: Problem, path: Path, line_origin: dict[int, str]) -> Problem:
    """A problem the YAML reader found, moved to the sheet and row its line came from."""
    origin = None
    if problem.line:
        origin = next((line_origin[n] for n in range(problem.line, 0, -1) if n in line_origin),
                      None)
    if origin is None:
        # a key the profile lacks: point at the State row that would give it
        rows = {row.key.split(".", 1)[0]: i for i, row in
                enumerate(q.load().sheet(q.STATE).rows, start=q.HEADER_ROW + 1)}
        named = re.search(r"`(\w+):", problem.message)
        if named and named[1] in rows:
            message = f"sheet {q.STATE}, row {rows[named[1]]} ({named[1]}): {problem.message}"
            return Problem(str(path), None, message, problem.hint)
        return Problem(str(path), None, problem.message, problem.hint)
    sheet, row = origin.rsplit(" row ", 1)
    return Problem(str(path), None, f"sheet {sheet}, row {row}: {problem.message}", problem.hint)
