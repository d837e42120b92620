"""Time `nhiown check` against PyYAML and check-jsonschema on the same files.

    pip install -e '.[bench]'
    python benchmarks/run.py                 # everything, best of three (~35 min)
    python benchmarks/run.py --peer-runs 1   # the peers once each (~13 min)
    python benchmarks/run.py --quick         # without the 100k case

Inventories are generated once under benchmarks/data/ (git-ignored). Every
tool runs as its own process; the time is wall-clock, best of --runs, and the
memory is the peak RSS of that process. The ratios against the targets of
docs/performance.md are printed with PASS or FAIL.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
DATA = HERE / "data"
ROOT = HERE.parent
TODAY = "2026-12-03"
PYYAML = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, 'rb') as f:\n"
    "        yaml.load(f.read(), Loader=yaml.CSafeLoader)\n"
)
BARE_IMPORTS = "import typer, pydantic, ruamel.yaml"


@dataclass
class Measure:
    seconds: float
    peak_mb: float


def measure(command: list[str], runs: int, cwd: Path | None = None) -> Measure:
    """Best wall time of ``runs`` runs, and the largest peak RSS among them."""
    best, peak = float("inf"), 0.0
    for _ in range(runs):
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            error = process.stderr.read().decode() if process.stderr else ""
            sys.exit(f"failed ({code}): {' '.join(command)}\n{error}")
        best = min(best, elapsed)
        peak = max(peak, usage.ru_maxrss / 1024)  # KiB on Linux
    return Measure(best, peak)


def nhiown(*args: str) -> list[str]:
    return [sys.executable, "-m", "nhiown", *args]


def schema_file() -> Path:
    """The inventory's JSON Schema, as `nhiown schema` prints it."""
    path = DATA / "schema.json"
    schema = subprocess.run(nhiown("schema"), capture_output=True, check=True)
    path.write_bytes(schema.stdout)
    return path


def compile_bytecode() -> None:
    """Write nhiown's bytecode, as an installed copy has it.

    An editable install compiles each module on first import and keeps the
    result, unless PYTHONDONTWRITEBYTECODE is set; then every run compiles
    all of nhiown again (about 40 ms here), which no installed copy pays.
    """
    import nhiown

    package = str(Path(nhiown.__file__).parent)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", package], check=True,
    )


def files_of(target: Path) -> list[str]:
    if target.is_dir():
        return sorted(str(p) for p in target.rglob("*.yaml") if p.name[0] != ".")
    return [str(target)]


def same_findings(path: Path) -> bool:
    """`check --format json` gives the same bytes on both YAML loaders."""
    outputs = []
    for loader in ("", "ruamel"):
        env = dict(os.environ, NHIOWN_YAML_LOADER=loader)
        command = nhiown("check", "--format", "json", "--today", TODAY, str(path))
        outputs.append(subprocess.run(command, capture_output=True, env=env).stdout)
    return outputs[0] == outputs[1] and bool(outputs[0])


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    info = Path("/proc/cpuinfo")
    if info.exists():
        for line in info.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{os.cpu_count()} CPUs, {cpu}, Python {platform.python_version()},"
        f" {platform.system()} {platform.release()}"
    )


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="best of this many")
    parser.add_argument(
        "--peer-runs", type=int, default=None,
        help="runs of PyYAML and check-jsonschema (default: --runs); they take"
        " minutes on 100k identities",
    )
    parser.add_argument("--quick", action="store_true", help="skip 100k identities")
    options = parser.parse_args()
    peer_runs = options.peer_runs or options.runs
    checker = shutil.which("check-jsonschema")
    if checker is None:
        sys.exit("check-jsonschema is missing: pip install -e '.[bench]'")

    print(f"machine: {machine()}")
    compile_bytecode()
    print("generating inventories under benchmarks/data/ ...")
    sizes = [1_000, 10_000, 20_000] + ([] if options.quick else [100_000])
    # In a child process: building the texts here would raise this process's
    # peak RSS, and Linux hands that high-water mark on to every child it
    # starts, which would floor each measured peak at it.
    subprocess.run(
        [sys.executable, "-c",
         "import sys, generate; from pathlib import Path; d = Path(sys.argv[1]);"
         " [generate.write_single(d / f'single-{n}.yaml', int(n))"
         "  for n in sys.argv[2:]];"
         " generate.write_split(d / 'split-10000', 10_000, 1_000)",
         str(DATA), *map(str, sizes)],
        cwd=HERE, check=True,
    )
    targets = {f"{n // 1000}k": DATA / f"single-{n}.yaml" for n in sizes}
    split = DATA / "split-10000"
    targets["10k/1000 files"] = split / "inventory"
    schema = schema_file()
    print(f"same findings on both YAML loaders (1k): {same_findings(targets['1k'])}")

    results: dict[str, dict[str, Measure]] = {}
    header = f"{'inventory':<16}{'tool':<18}{'seconds':>9}{'peak MB':>10}"
    print(header)
    for name, target in targets.items():
        files = files_of(target)
        cwd = split if target.is_dir() else None
        row = {
            "nhiown": measure(
                nhiown("check", "--format", "json", "--today", TODAY, str(target)),
                options.runs, cwd,
            ),
            "pyyaml": measure([sys.executable, "-c", PYYAML, *files], peer_runs),
            "check-jsonschema": measure(
                [checker, "--schemafile", str(schema), *files], peer_runs
            ),
        }
        results[name] = row
        for tool, result in row.items():
            print(f"{name:<16}{tool:<18}{result.seconds:>9.2f}{result.peak_mb:>10.0f}")

    example = str(ROOT / "inventory.example.yaml")
    small = measure(nhiown("check", "--today", TODAY, example), max(options.runs, 5))
    bare = measure([sys.executable, "-c", BARE_IMPORTS], max(options.runs, 5))
    floor = measure([sys.executable, str(HERE / "floor.py")], max(options.runs, 5))
    print(f"{'example':<16}{'nhiown':<18}{small.seconds:>9.2f}{small.peak_mb:>10.0f}")
    print(f"{'example':<16}{'imports':<18}{bare.seconds:>9.2f}{bare.peak_mb:>10.0f}")
    print(f"{'example':<16}{'floor.py':<18}{floor.seconds:>9.2f}{floor.peak_mb:>10.0f}")

    print("\ntargets")
    passed = True
    for name in ("20k", "100k"):
        if name not in results:
            continue
        row = results[name]
        checks = [
            (f"{name}: check / PyYAML load <= 0.5",
             row["nhiown"].seconds / row["pyyaml"].seconds, 0.5),
            (f"{name}: check / check-jsonschema <= 0.25",
             row["nhiown"].seconds / row["check-jsonschema"].seconds, 0.25),
            (f"{name}: peak RSS / PyYAML's <= 1",
             row["nhiown"].peak_mb / row["pyyaml"].peak_mb, 1.0),
        ]
        for label, ratio, limit in checks:
            passed &= ratio <= limit
            print(f"  {label:<44}{ratio:>7.2f}  {verdict(ratio <= limit)}")
    one_file = results["10k"]["nhiown"].seconds
    spread = results["10k/1000 files"]["nhiown"].seconds / one_file
    growth = (
        results["100k"]["nhiown"].seconds / one_file
        if "100k" in results else None
    )
    startup = small.seconds / bare.seconds
    rows = [("10k over 1,000 files / one file <= 1", spread, 1.0)]
    if growth is not None:
        rows.append(("time(100k) / time(10k) <= 11", growth, 11.0))
    rows.append(("example check / bare imports <= 1.3", startup, 1.3))
    for label, ratio, limit in rows:
        passed &= ratio <= limit
        print(f"  {label:<44}{ratio:>7.2f}  {verdict(ratio <= limit)}")
    # Not a target: what the stack costs before nhiown does anything.
    label = "floor.py (Typer + Pydantic) / bare imports"
    print(f"  {label:<44}{floor.seconds / bare.seconds:>7.2f}  (the floor)")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
