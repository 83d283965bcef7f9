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
  N      checking N profiles, warm, in this process (one of each in turn):
         honest    the baseline: the project's loader, the shapes graph parsed
                   once, pyshacl.validate(graph, shacl_graph=shapes,
                   inference='none') once per profile (bills applied first);
         strawman  the old baseline, on --strawman profiles: pyshacl.validate
                   per profile with shapes, well-formedness shapes and ontology
                   re-parsed from files each call and RDFS inference;
         pyshacl   gapcheck (collection.load: findings, bills, worker
                   processes) with --engine pyshacl;
         fast      the same with --engine fast (pyshacl-turbo);
         publish   `gapcheck publish` of the --publish set (the whole site with
                   its PDFs, workbook and ZIP) as a fresh process, default engine.
         (ratio: honest / ours: higher is better)
  scale  gapcheck with each engine on --scale sets, each run in a fresh
         process: time, the parent process's peak memory, and a digest of
         every finding, which must be the same with both engines. Sets over
         2,000 profiles run once per engine (10,000 take minutes), each between
         two runs of the smallest set, and their time per profile is compared
         with those two runs' (a slow drift of the machine is not taken for
         non-linearity).

Each median comes with its spread (lowest and highest run). Results: a table
on stdout and JSON in bench/results/latest.json (timings apart, the same
fields and values on every run of the same code); --readme writes the
Markdown table into the README's Performance section."""

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

PEAK = """import hashlib, json, resource, sys, time
from checker.reports import collection, matrix
start = time.perf_counter()
coll = collection.load([sys.argv[1]])
text = matrix.render(coll, "csv")
seconds = time.perf_counter() - start
try:  # this process's own high-water mark: getrusage's would include the benchmark's
    # (Linux keeps the larger across exec, and this process was forked from it)
    with open("/proc/self/status") as status:
        peak = next(int(r.split()[1]) for r in status if r.startswith("VmHWM:")) / 1024
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
digest = hashlib.sha256()  # every finding of every report and bill, after the clock stopped
reports = [*coll.reports.items(), *((b, c.amended) for b, c in coll.bills.items())]
for ident, report in sorted(reports, key=lambda item: item[0]):
    digest.update(repr((ident, [(f.ident, f.status, f.severity, f.failing_shapes, f.messages, f.facts,
                                 f.party_to, f.rests_on, f.explanations)
                                for f in report.findings])).encode())
print(json.dumps({"seconds": seconds, "profiles": len(coll.reports) + len(coll.bills),
                  "peak_mb": peak, "findings_sha256": digest.hexdigest(),
                  "workers_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def interleaved(runs: dict[str, Callable[[], object]], repeats: int
                ) -> tuple[dict[str, float], dict[str, list[float]]]:
    """Median seconds of each run and its spread [lowest, highest], the runs taken
    in turn `repeats` times."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for i in range(repeats):
        for name, fn in runs.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
            say(f"  {name} ({i + 1}/{repeats}): {times[name][-1]:.2f} s")
    return ({name: statistics.median(t) for name, t in times.items()},
            {name: [round(min(t), 3), round(max(t), 3)] for name, t in times.items()})


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
    parser.add_argument("--scale", default="1000",
                        help="sets checked in a fresh process with each engine, for time, memory and "
                        "agreement ('' to skip; 1000,10000 for the large set, ~15 min more)")
    parser.add_argument("--scale-repeats", type=int, default=None,
                        help="runs per engine of each --scale set (default: --repeats up to 2,000 "
                        "profiles, 1 above)")
    parser.add_argument("--engines", default="pyshacl,fast", help="engines the gapcheck rows run")
    parser.add_argument("--publish", type=int, default=200,
                        help="publish the warm set of this size (0: no publish row)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--strawman", type=int, default=20, help="profiles the strawman runs on")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    parser.add_argument("--markdown", action="store_true", help="also print the README's table")
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
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

        say("cold start: one profile, whole processes")
        one = generate(1, tmp / "one")[0]
        one_ttl = tmp / "one.ttl"
        one_ttl.write_text(frameworks([one])[0].graph.serialize(format="turtle"), encoding="utf-8")
        gap = [sys.executable, "-m", "checker.cli", "check", str(one), "--fail-on", "never"]
        plain = [sys.executable, "-c", "from pyshacl import validate; "
                 f"validate({str(one_ttl)!r}, shacl_graph={str(inputs['shapes'])!r}, "
                 "inference='none', allow_infos=True, allow_warnings=True)"]
        for warm_up in (gap, [*gap, "--engine", "pyshacl"], plain):  # bytecode and parse cache,
            process(warm_up, env)()  # as any earlier run would have left them
        cold, spread = interleaved({"plain": process(plain, env), "default": process(gap, env),
                                    "pyshacl": process([*gap, "--engine", "pyshacl"], env)},
                                   max(args.repeats, 5))  # short runs: more of them
        rows.append({"row": "cold", "n": 1, "plain_pyshacl": cold["plain"],
                     "gapcheck": cold["default"], "gapcheck_pyshacl": cold["pyshacl"],
                     "engine": choice.resolve(), "ratio": cold["default"] / cold["plain"],
                     "ratio_pyshacl": cold["pyshacl"] / cold["plain"], "spread": spread})

        say("N profiles, warm, interleaved with the baselines")
        engines = [name for name in choice.ENGINES if name in args.engines.split(",")
                   and (name == "pyshacl" or choice.fast_installed())]
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
            if n == args.publish:  # the whole site, PDFs included, as a user runs it
                runs["publish"] = process([sys.executable, "-m", "checker.cli", "publish", str(folder),
                                           "--out", str(tmp / f"site{n}")], env)
            medians, spread = interleaved(runs, args.repeats)
            row = {"row": "warm", "n": n, "shapes_violated": [violated, total],
                   "kinds": {s: sum(p.suffix == s for p in files) for s in (".yaml", ".ttl", ".jsonld")},
                   "bills": sum("-bill-" in p.name for p in files), **medians, "spread": spread}
            if "publish" in medians:
                row["publish_engine"] = choice.resolve()
                row["ratio_publish"] = medians["honest"] / medians["publish"]
            if "strawman" in medians:
                row["strawman_per_profile"] = medians["strawman"] / min(n, args.strawman)
            for name in engines:
                row[f"ratio_{name}"] = medians["honest"] / medians[name]
            rows.append(row)

        say("scale: fresh processes, each engine in turn: time, peak memory, findings")
        honest_each = next((r["honest"] / r["n"] for r in rows if r["row"] == "warm"), None)
        # the default engine first: its figure is the one users get
        order = sorted(engines, key=lambda e: e != choice.resolve())
        folders: dict[int, Path] = {}
        seen: dict[int, set[str]] = {}  # the findings digests of each set

        def scale_run(n: int, name: str, label: str) -> dict:
            done = subprocess.run([sys.executable, "-c", PEAK, str(folders[n])], capture_output=True,
                                  cwd=ROOT, env=dict(env, GAPCHECK_ENGINE=name), check=True, text=True)
            found = json.loads(done.stdout)
            say(f"  {n} profiles, {name} ({label}): {json.dumps(found)}")
            return found

        for n in scale:
            folders[n] = tmp / f"s{n}"
            say(f"generating {n} profiles")
            generate(n, folders[n])  # a smaller set is the first profiles of a larger one
            runs: dict[str, list[dict]] = {name: [] for name in order}
            # a large set runs once, between two runs of the smallest set: the time per
            # profile is compared with theirs, so that a machine that slows down or speeds
            # up over the minutes a large set takes does not pass for (non-)linearity
            brackets: dict[str, list[dict]] = {name: [] for name in order}
            once = n > 2000 and n != scale[0]
            for i in range(1 if once else args.scale_repeats or args.repeats):
                for name in order:
                    if once:
                        brackets[name].append(scale_run(scale[0], name, "before"))
                    runs[name].append(scale_run(n, name, str(i + 1)))
                    if once:
                        brackets[name].append(scale_run(scale[0], name, "after"))
            digests = {r["findings_sha256"] for name in runs for r in runs[name]}
            seen[n] = digests
            for name in runs:
                seconds = statistics.median(r["seconds"] for r in runs[name])
                row = {"row": "scale", "n": n, "engine": name, "runs": len(runs[name]),
                       "profiles": runs[name][0]["profiles"], "seconds": seconds,
                       "spread": [round(min(r["seconds"] for r in runs[name]), 3),
                                  round(max(r["seconds"] for r in runs[name]), 3)],
                       "peak_mb": max(r["peak_mb"] for r in runs[name]),
                       "workers_peak_mb": max(r["workers_peak_mb"] for r in runs[name]),
                       "engines_agree": len(digests) == 1 if len(runs) > 1 else None,
                       "ratio_honest": honest_each * n / seconds if honest_each else None}
                if brackets[name]:
                    small = statistics.mean(r["seconds"] for r in brackets[name])
                    row["reference"] = {"n": scale[0], "seconds": [r["seconds"] for r in brackets[name]]}
                    row["linear"] = (seconds / n) / (small / scale[0])
                    # the smaller set is part of the larger: their findings must agree too
                    row["reference_agrees"] = {r["findings_sha256"] for r in brackets[name]} <= seen[scale[0]]
                rows.append(row)

    result = {"date": dt.date.today().isoformat(), "repeats": args.repeats,
              "machine": {"python": platform.python_version(), "platform": platform.platform(),
                          "cpus": os.cpu_count(), "load_average": os.getloadavg()},
              "commit": _commit(), "rows": rows}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(table(rows))
    print(f"JSON: {args.out}")
    if args.markdown:
        print()
        print(markdown(rows))
    if args.readme:
        write_readme(result)
    # the engines disagreed, or the same profiles gave other findings in another process
    return 0 if all(r.get("engines_agree") is not False and r.get("reference_agrees") is not False
                    for r in rows) else 1


README_START = "<!-- bench table: written by bench/bench.py --readme -->"
README_END = "<!-- end of bench table -->"


def write_readme(result: dict) -> None:
    """The table between the README's markers, with the date and the load of the machine."""
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    m = result["machine"]
    note = (f"Measured {result['date']} (commit {result['commit']}), Python {m['python']}, "
            f"{m['cpus']} cores, load average {m['load_average'][0]:.1f} at the end (its own two "
            f"workers make about 2); medians of {result['repeats']}, interleaved, spread in brackets.")
    if result.get("note"):
        note += " " + result["note"]
    table_md = markdown(result["rows"])
    readme.write_text(f"{head}{README_START}\n{note}\n\n{table_md}\n{README_END}{tail}",
                      encoding="utf-8")


def _spread(r: dict, name: str) -> str:
    low, high = r["spread"][name]
    return f" [{low:.2f}–{high:.2f}]"


# issue 19's publish target (12 s) over its honest baseline for 200 profiles on
# the same machine (5.4 s x 1.3 = 7 s): the target as a ratio a busy machine keeps
PUBLISH_PER_HONEST = 1.7


def markdown(rows: list[dict]) -> str:
    """The README's table: times (median [lowest–highest]), and ratios to the
    baseline measured beside them in the same run."""
    out = ["| measure | seconds | baseline, same run | ratio | target (issue) | met |",
           "| --- | ---: | ---: | ---: | --- | --- |"]

    def yes(ok: bool) -> str:
        return "yes" if ok else "**no**"

    for r in rows:
        if r["row"] == "cold":
            out.append(f"| `gapcheck check`, 1 profile, cold process ({r['engine']}) | "
                       f"{r['gapcheck']:.2f}{_spread(r, 'default')} | plain one-profile pyshacl "
                       f"process {r['plain_pyshacl']:.2f}{_spread(r, 'plain')} | {r['ratio']:.2f}× the time "
                       f"| ≤ 0.8× (19) | {yes(r['ratio'] <= 0.8)} |")
            out.append(f"| the same, `--engine pyshacl` | {r['gapcheck_pyshacl']:.2f}"
                       f"{_spread(r, 'pyshacl')} | the same | {r['ratio_pyshacl']:.2f}× the time | | |")
        elif r["row"] == "warm":
            honest = f"honest pyshacl {r['honest']:.2f}{_spread(r, 'honest')}"
            for name, label, need, limit in (("fast", "fast engine", 6, 2), ("pyshacl", "pyshacl", 3, 4)):
                if name in r:
                    target = f"≤ {limit} s and ≥ {need}× (19)" if r["n"] == 200 else ""
                    met = (f"ratio {yes(r['ratio_' + name] >= need)}, seconds {yes(r[name] <= limit)}"
                           if target else "")
                    out.append(f"| check {r['n']} profiles, {label} | {r[name]:.2f}{_spread(r, name)} | "
                               f"{honest} | {r['ratio_' + name]:.1f}× faster | {target} | {met} |")
            if "publish" in r:
                out.append(f"| `gapcheck publish` {r['n']} profiles, whole site with PDFs, cold process "
                           f"({r['publish_engine']}) | {r['publish']:.1f}{_spread(r, 'publish')} | {honest} "
                           f"| {1 / r['ratio_publish']:.1f}× the time | ≤ 12 s (15, 19); on the "
                           f"issue's machine honest took ~7 s, so ≤ {PUBLISH_PER_HONEST}× | ratio "
                           f"{yes(1 / r['ratio_publish'] <= PUBLISH_PER_HONEST)}, seconds "
                           f"{yes(r['publish'] <= 12)} |")
            if "strawman_per_profile" in r:
                each = r["honest"] / r["n"]
                out.append(f"| strawman pyshacl (old baseline), per profile | "
                           f"{r['strawman_per_profile']:.3f} | honest per profile {each:.3f} | "
                           f"{r['strawman_per_profile'] / each:.0f}× slower than honest | | |")
        elif r["row"] == "scale":
            first = next((x for x in rows if x["row"] == "scale" and x["engine"] == r["engine"]), r)
            linear = r.get("linear") or (r["seconds"] / r["n"]) / (first["seconds"] / first["n"])
            ratio = f"{r['ratio_honest']:.1f}× faster than honest per profile" if r["ratio_honest"] else "-"
            runs = f"median of {r['runs']}" if r["runs"] > 1 else "1 run"
            target, met = "", ""
            if r is not first:
                target = f"time/profile within 10% of {first['n']:,}; parent ≤ 500 MB (19)"
                if "reference" in r:
                    target += (f"; against {first['n']:,} profiles run just before and after it "
                               "({:.1f} s, {:.1f} s)".format(*r["reference"]["seconds"]))
                met = yes(abs(linear - 1) <= 0.10 and r["peak_mb"] <= 500)
            spread = " [{:.1f}–{:.1f}]".format(*r["spread"]) if r["runs"] > 1 else ""
            out.append(f"| check {r['n']:,} profiles, fresh process, {r['engine']} ({runs}) | "
                       f"{r['seconds']:.1f}{spread} | honest pyshacl per profile, × {r['n']:,} | {ratio}; "
                       f"{1000 * r['seconds'] / r['n']:.1f} ms/profile ({linear:.2f}× the {first['n']:,} "
                       f"rate); parent peak {r['peak_mb']:.0f} MB; engines agree: "
                       f"{ {True: 'yes', False: '**NO**', None: 'one engine run'}[r['engines_agree']]} "
                       f"| {target} | {met} |")
    return "\n".join(out)


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
                   f"{'gapcheck pyshacl':>18} {'gapcheck fast':>15} {'publish':>15}")
        for r in warm:
            def cell(name: str, r: dict = r) -> str:
                return f"{r[name]:.2f} s {r['ratio_' + name]:4.1f}x" if name in r else "-"
            straw = f"{r['strawman_per_profile']:.2f} s" if "strawman_per_profile" in r else "-"
            out.append(f"{r['n']:>8} {r['honest']:>13.2f} s {straw:>17} {cell('pyshacl'):>18} "
                       f"{cell('fast'):>15} {cell('publish'):>15}")
            v, t = r["shapes_violated"]
            out.append(f"{'':>8} {r['kinds']}, {r['bills']} bills; {v}/{t} shapes violated at least once")
    scale = [r for r in rows if r["row"] == "scale"]
    if scale:
        out.append("")
        for r in scale:
            out.append(f"{r['n']:>8} profiles ({r['engine']}), fresh process: {r['seconds']:.1f} s, "
                       f"{1000 * r['seconds'] / r['n']:.1f} ms/profile, parent peak {r['peak_mb']:.0f} MB, "
                       f"worker peak {r['workers_peak_mb']:.0f} MB, engines agree: {r['engines_agree']}")
        for name in {r["engine"] for r in scale}:
            mine = [r for r in scale if r["engine"] == name]
            if len(mine) >= 2:
                a, b = mine[0], mine[-1]
                linear = b.get("linear") or (b["seconds"] / b["n"]) / (a["seconds"] / a["n"])
                around = " (against the runs just before and after it)" if "linear" in b else ""
                out.append(f"{name}: time per profile, {b['n']} vs {a['n']}{around}: "
                           f"{linear:.2f}x (linear = 1.00)")
    return "\n".join(out)


def _commit() -> str | None:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    return done.stdout.strip() or None


if __name__ == "__main__":
    sys.exit(main())
