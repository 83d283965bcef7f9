"""Benchmark gapcheck against competent use of pyshacl, in the same run.

    .venv/bin/python bench/bench.py [--sizes 200] [--scale 1000,10000] [--repeats 3]

Profiles are generated (bench/generate.py: every fact varied, bills, Turtle
and JSON-LD). Every figure is the median of --repeats runs, and the runs of
the things compared are interleaved (one of each in turn), so that a busy
machine slows all of them alike; ratios are what to read.

Rows:
  cold   one `gapcheck check` as a whole process (default engine, and
         --engine pyshacl) beside a plain one-profile pyshacl process:
         `pyshacl.validate(profile.ttl, shacl_graph=shapes.ttl,
         inference='none')` (the ratio is ours / plain: lower is better).
  N      checking N profiles, warm, in this process:
         honest    the baseline: the project's loader, the shapes graph parsed
                   once, pyshacl.validate(graph, shacl_graph=shapes,
                   inference='none') once per profile (bills applied first);
         strawman  the old baseline, on --strawman profiles: pyshacl.validate
                   per profile with shapes, well-formedness shapes and ontology
                   re-parsed from files each call and RDFS inference;
         pyshacl   gapcheck (collection.load: findings, bills, worker
                   processes) with --engine pyshacl;
         fast      the same with --engine fast (pyshacl-turbo).
         (ratio: honest / ours: higher is better)
  scale  gapcheck with the default engine on --scale sets, each in a fresh
         process: time and the parent process's peak memory.

Results: a table on stdout and JSON in bench/results/latest.json."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

PEAK = """import json, resource, sys, time
from checker.reports import collection, matrix
start = time.perf_counter()
text = matrix.render(collection.load([sys.argv[1]]), "csv")
print(json.dumps({"seconds": time.perf_counter() - start,
                  "profiles": len(text.splitlines()[0].split(",")) - 2,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "workers_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def interleaved(runs: dict[str, Callable[[], object]], repeats: int) -> dict[str, float]:
    """Median seconds of each run, the runs taken in turn `repeats` times."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, fn in runs.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def process(cmd: list[str], env: dict[str, str]) -> Callable[[], None]:
    def run() -> None:
        done = subprocess.run(cmd, capture_output=True, cwd=ROOT, env=env, check=False)
        if done.returncode not in (0, 1):
            raise RuntimeError(f"{' '.join(cmd)} failed: {done.stderr.decode()[-2000:]}")
    return run


def write_inputs(folder: Path) -> dict[str, Path]:
    """The shapes as Turtle files for the plain processes and the strawman."""
    from checker.kb import base
    from checker.kb import requirements as reqmod
    from checker.profile import wellformed

    kb = base.load()
    paths = {"shapes": folder / "shapes.ttl", "all-shapes": folder / "all-shapes.ttl",
             "ontology": folder / "ontology.ttl"}
    shapes = reqmod.load(kb).shapes_graph
    paths["shapes"].write_text(shapes.serialize(format="turtle"), encoding="utf-8")
    paths["all-shapes"].write_text((shapes + wellformed.load(kb)).serialize(format="turtle"),
                                   encoding="utf-8")
    paths["ontology"].write_text(kb.graph.serialize(format="turtle"), encoding="utf-8")
    return paths


def frameworks(files: list[Path]) -> list:
    """The profiles as the honest baseline validates them: bills applied."""
    from checker.kb import base
    from checker.profile import bills
    from checker.profile import load as profmod

    kb = base.load()
    out = []
    for path in files:
        prof = profmod.load(path, kb)
        if prof.kind == "bill":
            prof = bills.apply(prof, bills.load_baseline(prof, kb=kb), kb)
        out.append(prof)
    return out


def honest(files: list[Path]) -> Callable[[], None]:
    """The competent use of pyshacl: the project's loader, the shapes parsed once,
    no inference, one validate() per profile."""
    from pyshacl import validate

    from checker.kb import requirements as reqmod

    shapes = reqmod.load().shapes_graph

    def run() -> None:
        for prof in frameworks(files):
            validate(prof.graph, shacl_graph=shapes, inference="none", allow_infos=True,
                     allow_warnings=True)
    return run


def strawman(files: list[Path], inputs: dict[str, Path], folder: Path) -> Callable[[], None]:
    """The old baseline: everything re-parsed from files on every call, RDFS inference."""
    from pyshacl import validate

    ttls = []
    for n, prof in enumerate(frameworks(files)):
        ttls.append(folder / f"strawman-{n}.ttl")
        ttls[-1].write_text(prof.graph.serialize(format="turtle"), encoding="utf-8")

    def run() -> None:
        for ttl in ttls:
            validate(str(ttl), shacl_graph=str(inputs["all-shapes"]), ont_graph=str(inputs["ontology"]),
                     inference="rdfs", allow_infos=True, allow_warnings=True)
    return run


def shapes_violated(files: list[Path]) -> tuple[int, int]:
    """How many of the requirement shapes the set violates at least once."""
    from checker.engine.engine import engine

    eng = engine()
    info = eng.catalogue.shape_info
    hit = {info[r.shape].node_shape for prof in frameworks(files)
           for r in eng.compliance.validate(prof.graph)}
    return len(hit), len({i.node_shape for i in info.values()})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200", help="sets checked warm against the baselines")
    parser.add_argument("--scale", default="1000,10000",
                        help="sets checked in a fresh process for time and memory ('' to skip)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--strawman", type=int, default=20, help="profiles the strawman runs on")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    args = parser.parse_args()
    sizes = [int(x) for x in args.sizes.split(",") if x]
    scale = [int(x) for x in args.scale.split(",") if x]

    from checker.engine import choice
    from checker.engine.engine import engine
    from checker.reports import collection

    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="gapcheck-bench-") as tmp:
        tmp = Path(tmp)
        env = dict(os.environ, GAPCHECK_CACHE=str(tmp / "cache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its bytecode
        os.environ["GAPCHECK_CACHE"] = env["GAPCHECK_CACHE"]  # this process and its workers too
        inputs = write_inputs(tmp)

        # cold: one profile, whole processes
        one = generate(1, tmp / "one")[0]
        one_ttl = tmp / "one.ttl"
        one_ttl.write_text(frameworks([one])[0].graph.serialize(format="turtle"), encoding="utf-8")
        gap = [sys.executable, "-m", "checker.cli", "check", str(one), "--fail-on", "never"]
        plain = [sys.executable, "-c", "from pyshacl import validate; "
                 f"validate({str(one_ttl)!r}, shacl_graph={str(inputs['shapes'])!r}, "
                 "inference='none', allow_infos=True, allow_warnings=True)"]
        for warm_up in (gap, [*gap, "--engine", "pyshacl"], plain):  # bytecode and parse cache,
            process(warm_up, env)()  # as any earlier run would have left them
        cold = interleaved({"plain": process(plain, env), "default": process(gap, env),
                            "pyshacl": process([*gap, "--engine", "pyshacl"], env)}, args.repeats)
        rows.append({"row": "cold", "n": 1, "plain_pyshacl": cold["plain"],
                     "gapcheck": cold["default"], "gapcheck_pyshacl": cold["pyshacl"],
                     "engine": choice.resolve(), "ratio": cold["default"] / cold["plain"],
                     "ratio_pyshacl": cold["pyshacl"] / cold["plain"]})

        # N profiles, warm, interleaved
        engines = [name for name in choice.ENGINES if name == "pyshacl" or choice.fast_installed()]
        for name in engines:
            engine(name=name)  # shapes prepared once per process, as the library does
        for n in sizes:
            folder = tmp / f"n{n}"
            files = generate(n, folder)
            violated, total = shapes_violated(files)
            runs = {"honest": honest(files)}
            if args.strawman:
                runs["strawman"] = strawman(files[:args.strawman], inputs, tmp)
            for name in engines:
                runs[name] = (lambda name=name, folder=folder:
                              collection.load([folder], engine_name=name))
            medians = interleaved(runs, args.repeats)
            row = {"row": "warm", "n": n, "shapes_violated": [violated, total],
                   "kinds": {s: sum(p.suffix == s for p in files) for s in (".yaml", ".ttl", ".jsonld")},
                   "bills": sum("-bill-" in p.name for p in files), **medians}
            if "strawman" in medians:
                row["strawman_per_profile"] = medians["strawman"] / min(n, args.strawman)
            for name in engines:
                row[f"ratio_{name}"] = medians["honest"] / medians[name]
            rows.append(row)

        # scale: fresh processes, time and peak memory
        for n in scale:
            folder = tmp / f"s{n}"
            generate(n, folder)
            runs = []
            for _ in range(args.repeats):
                done = subprocess.run([sys.executable, "-c", PEAK, str(folder)], capture_output=True,
                                      cwd=ROOT, env=env, check=True, text=True)
                runs.append(json.loads(done.stdout))
            rows.append({"row": "scale", "n": n, "engine": choice.resolve(),
                         "seconds": statistics.median(r["seconds"] for r in runs),
                         "peak_mb": max(r["peak_mb"] for r in runs),
                         "workers_peak_mb": max(r["workers_peak_mb"] for r in runs)})

    result = {"date": dt.date.today().isoformat(), "repeats": args.repeats,
              "machine": {"python": platform.python_version(), "platform": platform.platform(),
                          "cpus": os.cpu_count(), "load_average": os.getloadavg()},
              "commit": _commit(), "rows": rows}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(table(rows))
    print(f"JSON: {args.out}")
    return 0


def table(rows: list[dict]) -> str:
    out = []
    for r in rows:
        if r["row"] == "cold":
            out.append(f"cold `gapcheck check`, 1 profile: plain pyshacl process {r['plain_pyshacl']:.2f} s; "
                       f"gapcheck ({r['engine']}) {r['gapcheck']:.2f} s = {r['ratio']:.2f}x plain; "
                       f"--engine pyshacl {r['gapcheck_pyshacl']:.2f} s = {r['ratio_pyshacl']:.2f}x plain")
    warm = [r for r in rows if r["row"] == "warm"]
    if warm:
        out.append("")
        out.append(f"{'profiles':>8} {'honest pyshacl':>15} {'strawman/profile':>17} "
                   f"{'gapcheck pyshacl':>18} {'gapcheck fast':>15}")
        for r in warm:
            def cell(name: str, r: dict = r) -> str:
                return f"{r[name]:.2f} s {r['ratio_' + name]:4.1f}x" if name in r else "-"
            straw = f"{r['strawman_per_profile']:.2f} s" if "strawman_per_profile" in r else "-"
            out.append(f"{r['n']:>8} {r['honest']:>13.2f} s {straw:>17} {cell('pyshacl'):>18} "
                       f"{cell('fast'):>15}")
            v, t = r["shapes_violated"]
            out.append(f"{'':>8} {r['kinds']}, {r['bills']} bills; {v}/{t} shapes violated at least once")
    scale = [r for r in rows if r["row"] == "scale"]
    if scale:
        out.append("")
        for r in scale:
            out.append(f"{r['n']:>8} profiles ({r['engine']}), fresh process: {r['seconds']:.1f} s, "
                       f"{1000 * r['seconds'] / r['n']:.1f} ms/profile, parent peak {r['peak_mb']:.0f} MB, "
                       f"worker peak {r['workers_peak_mb']:.0f} MB")
        if len(scale) >= 2:
            a, b = scale[0], scale[-1]
            out.append(f"time per profile, {b['n']} vs {a['n']}: "
                       f"{(b['seconds'] / b['n']) / (a['seconds'] / a['n']):.2f}x (linear = 1.00)")
    return "\n".join(out)


def _commit() -> str | None:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    return done.stdout.strip() or None


if __name__ == "__main__":
    sys.exit(main())
