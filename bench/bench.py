"""Benchmark gapcheck against the obvious way of running the same validation.

    .venv/bin/python bench/bench.py [--sizes 1,50,200,1000] [--repeats 3]

Generates N variants of the example profiles and measures, in one run:
  (a) one `gapcheck check` as a whole process, cold;
  (b) checking N profiles through the library (collection.load);
  (c) publishing the site for N profiles;
and, beside them, the baseline: `pyshacl.validate` called per profile with the
shapes and the ontology given as files, re-parsed on every call, with RDFS
inference. Every figure is a median over repeats and is reported as a ratio
to the baseline measured in the same run, since these machines are noisy.
The baseline is timed on up to --baseline-sample profiles and scaled to N.
Results: a table on stdout and JSON in bench/results/latest.json."""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ruamel.yaml import YAML  # noqa: E402

EXAMPLES = sorted((ROOT / "profiles").glob("q??-2026.yaml"))


def make_variants(n: int, folder: Path) -> list[Path]:
    """N profiles: the examples in turn, each with its own id and about one fact in
    ten flipped (deterministically), so no two validations are the same."""
    yaml = YAML(typ="rt")
    if (ROOT / "profiles" / "akn").is_dir():  # the Akoma Ntoso texts the examples cite
        shutil.copytree(ROOT / "profiles" / "akn", folder / "akn")
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        src = EXAMPLES[i % len(EXAMPLES)]
        data = yaml.load(src.read_text(encoding="utf-8"))
        data["id"] = f"{data['id']}-v{i:04d}"
        rng = random.Random(i)
        for value in data.values():
            if hasattr(value, "items"):
                for key, fact in list(value.items()):
                    if isinstance(fact, bool) and rng.random() < 0.1:
                        value[key] = not fact
        path = folder / f"{data['id']}.yaml"
        with path.open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
        out.append(path)
    return out


def median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def write_baseline_inputs(folder: Path) -> tuple[Path, Path]:
    """The shapes (requirements and well-formedness) and the ontology as two files."""
    from checker.kb import base as kb
    from checker.kb import requirements as reqmod
    from checker.profile import wellformed

    shapes = reqmod.load().shapes_graph + wellformed.load()
    shapes_path = folder / "shapes.ttl"
    shapes_path.write_text(shapes.serialize(format="turtle"), encoding="utf-8")
    onto = kb.load().graph
    onto_path = folder / "ontology.ttl"
    onto_path.write_text(onto.serialize(format="turtle"), encoding="utf-8")
    return shapes_path, onto_path


def baseline_validate(ttl: Path, shapes: Path, onto: Path) -> None:
    from pyshacl import validate

    validate(str(ttl), shacl_graph=str(shapes), ont_graph=str(onto), inference="rdfs",
             allow_infos=True, allow_warnings=True)


def cold(cmd: list[str], repeats: int) -> float:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return median_time(lambda: subprocess.run(cmd, capture_output=True, cwd=ROOT, env=env,
                                              check=False), repeats)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,50,200,1000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--baseline-sample", type=int, default=10)
    parser.add_argument("--publish-up-to", type=int, default=200,
                        help="publish only for sizes up to this (it is the slowest part)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    args = parser.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]

    from checker.engine.engine import engine
    from checker.profile import load as profile
    from checker.reports import collection
    from checker.site.build import build_site

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        shapes, onto = write_baseline_inputs(tmp)
        one = make_variants(1, tmp / "one")[0]
        one_ttl = tmp / "one.ttl"
        one_ttl.write_text(profile.load(one).graph.serialize(format="turtle"), encoding="utf-8")

        # (a) cold process: ours vs the obvious one-profile pyshacl process
        ours_a = cold([sys.executable, "-m", "checker.cli", "check", str(one), "--fail-on",
                       "never"], args.repeats)
        base_a = cold([sys.executable, "-c", "from pyshacl import validate; "
                       f"validate({str(one_ttl)!r}, shacl_graph={str(shapes)!r}, "
                       f"ont_graph={str(onto)!r}, inference='rdfs', allow_infos=True, "
                       "allow_warnings=True)"], args.repeats)
        help_time = cold([sys.executable, "-m", "checker.cli", "--help"], args.repeats)
        rows.append({"measure": "(a) gapcheck check, 1 profile, cold process", "n": 1,
                     "seconds": ours_a, "baseline_seconds": base_a, "ratio": base_a / ours_a,
                     "help_seconds": help_time})

        engine()  # the library keeps its parsed shapes; (b) and (c) measure warm use
        for n in sizes:
            folder = tmp / f"n{n}"
            files = make_variants(n, folder)
            sample = files[: min(n, args.baseline_sample)]
            ttls = []
            for path in sample:
                ttl = path.with_suffix(".ttl.txt")
                ttl.write_text(profile.load(path).graph.serialize(format="turtle"), encoding="utf-8")
                ttls.append(ttl)
            per = median_time(lambda: [baseline_validate(t, shapes, onto) for t in ttls],
                              1 if n > 1 else args.repeats) / len(ttls)
            base_b = per * n
            ours_b = median_time(lambda: collection.load([folder]), args.repeats if n <= 200 else 1)
            rows.append({"measure": f"(b) check {n} profiles through the library", "n": n,
                         "seconds": ours_b, "baseline_seconds": base_b, "ratio": base_b / ours_b,
                         "per_profile_ms": 1000 * ours_b / n})
            if n <= args.publish_up_to:
                coll = collection.load([folder])
                out = tmp / f"site{n}"
                ours_c = median_time(lambda: build_site(coll, out), 1 if n > 50 else args.repeats)
                rows.append({"measure": f"(c) publish the site for {n} profiles", "n": n,
                             "seconds": ours_c, "baseline_seconds": base_b,
                             "ratio": base_b / ours_c})
    result = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count()},
        "repeats": args.repeats, "baseline": "pyshacl.validate per profile, shapes and "
        "ontology re-parsed from files each call, inference='rdfs'", "rows": rows}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"{'measure':<50} {'seconds':>9} {'baseline':>9} {'ratio':>7}")
    for r in rows:
        print(f"{r['measure']:<50} {r['seconds']:>9.3f} {r['baseline_seconds']:>9.2f} "
              f"{r['ratio']:>6.1f}x")
    b = {r["n"]: r for r in rows if r["measure"].startswith("(b)")}
    if 200 in b and 1000 in b:
        print(f"growth 200 -> 1000: {b[1000]['seconds'] / b[200]['seconds']:.2f}x the time "
              "for 5x the profiles (linear = 5.0)")
    print(f"`gapcheck --help` cold: {rows[0]['help_seconds']:.3f} s; JSON: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
