"""The performance budgets, measured side by side with their floors in the same run.

    .venv/bin/python tests/perf/run.py [--quick] [--markdown] [--cache DIR]

Builds (once, cached in build/perf) a stress store of 200 providers x 10 program years and
a 1-year store of the same caseload with the demo generator, then measures each figure
against its floor, alternating project and floor, and quotes medians. Prints one table
(measure, project, floor, ratio, budget) and a last line ``N of M within budget``; exits 1
if any measure is over its budget. ``--quick`` runs the same code on small stores with
fewer repeats, so CI can prove the harness still works (its figures mean little).

Without a display, Qt runs offscreen (QT_QPA_PLATFORM=offscreen) for both the app and the
floor. Wall times are only ever compared with a floor timed in the same run.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.perf import inprocess, startup  # noqa: E402
from tests.perf.stores import StoreSpec, ensure_store, scratch_copy  # noqa: E402


@dataclass(frozen=True)
class Plan:
    stress: StoreSpec
    one_year: StoreSpec
    startup_repeats: int
    data_repeats: int
    pdf_repeats: int
    autosave_rounds: int
    autosave_saves: int


FULL = Plan(StoreSpec(200, 10), StoreSpec(200, 1), 7, 21, 5, 5, 100)
QUICK = Plan(StoreSpec(12, 2), StoreSpec(12, 1), 2, 5, 2, 2, 20)


@dataclass(frozen=True)
class Measure:
    name: str
    project: float
    floor: float
    unit: str
    budget: float

    @property
    def ratio(self) -> float:
        return self.project / self.floor if self.floor > 0 else float("inf")

    @property
    def within(self) -> bool:
        return self.ratio <= self.budget


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small stores, few repeats (CI)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument(
        "--cache", type=Path, default=ROOT / "build" / "perf", help="where the stores are kept"
    )
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    env = startup.environment()
    if env.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = env["QT_QPA_PLATFORM"]

    stress_dir = ensure_store(plan.stress, args.cache)
    one_year_dir = ensure_store(plan.one_year, args.cache)
    print(describe(plan, stress_dir), flush=True)

    measures: list[Measure] = []
    app_runs, floor_runs = startup.measure(stress_dir, plan.startup_repeats)
    measures.append(
        Measure(
            "start-up to ready, stress store",
            statistics.median(r.wall_ms for r in app_runs),
            statistics.median(r.wall_ms for r in floor_runs),
            "ms",
            1.3,
        )
    )
    measures.append(
        Measure(
            "peak memory of that start-up",
            statistics.median(r.peak_mb for r in app_runs),
            statistics.median(r.peak_mb for r in floor_runs),
            "MB",
            1.3,
        )
    )
    measures += in_process(plan, stress_dir, one_year_dir, args.cache)

    own = [r.own_ms for r in app_runs if r.own_ms is not None]
    notes = [
        "start-up: spawn to the 'ready' line, timed from outside for both processes"
        + (f" (the app's own clock said {statistics.median(own):.0f} ms)" if own else ""),
        "flat in history: project = stress store, floor = 1-year store, same reads",
    ]
    print(table(measures, markdown=args.markdown))
    for note in notes:
        print(f"  {note}")
    within = sum(m.within for m in measures)
    print(f"{within} of {len(measures)} within budget")
    return 0 if within == len(measures) else 1


def in_process(plan: Plan, stress_dir: Path, one_year_dir: Path, cache: Path) -> list[Measure]:
    with tempfile.TemporaryDirectory(prefix="scratch-", dir=_mkdir(cache)) as folder:
        scratch = Path(folder)
        # Copies: the autosave writes, and no measure may change the cached stores.
        stress = inprocess.open_services(scratch_copy(stress_dir, scratch))
        one_year = inprocess.open_services(scratch_copy(one_year_dir, scratch))
        try:
            data, data_floor, statements = inprocess.measure_data(stress, plan.data_repeats)
            flat_stress, flat_one = inprocess.measure_flat(stress, one_year, plan.data_repeats)
            pdf, pdf_floor, providers = inprocess.measure_pdf(stress, scratch, plan.pdf_repeats)
            save, save_floor = inprocess.measure_autosave(
                stress, plan.autosave_rounds, plan.autosave_saves
            )
        finally:
            stress.close()
            one_year.close()
    return [
        Measure(
            f"data: dashboard, calendar month, Sessions month ({statements} queries)",
            data, data_floor, "ms", 3.0,
        ),
        Measure("the same reads, stress store vs 1-year store", flat_stress, flat_one, "ms", 1.2),
        Measure(f"monthly summary PDF ({providers} providers)", pdf, pdf_floor, "ms", 1.5),
        Measure("draft autosave while typing, p99", save, save_floor, "ms", 3.0),
    ]  # fmt: skip


def describe(plan: Plan, stress_dir: Path) -> str:
    connection = sqlite3.connect(f"file:{stress_dir / 'rooted.sqlite3'}?mode=ro", uri=True)
    try:
        sessions = connection.execute("SELECT count(*) FROM coaching_session").fetchone()[0]
    finally:
        connection.close()
    qt = os.environ.get("QT_QPA_PLATFORM") or "the display's"
    return (
        f"stress store: {plan.stress.label} ({sessions} sessions); "
        f"1-year store: {plan.one_year.label}\n"
        f"Python {platform.python_version()} on {platform.system()}, {os.cpu_count()} CPUs, "
        f"Qt platform {qt}; medians of alternating runs"
    )


def table(measures: list[Measure], *, markdown: bool) -> str:
    header = ("measure", "project", "floor", "ratio", "budget")
    rows = [
        (
            m.name,
            _amount(m.project, m.unit),
            _amount(m.floor, m.unit),
            f"{m.ratio:.2f}×",
            f"≤ {m.budget:g}×" + ("" if m.within else "  OVER"),
        )
        for m in measures
    ]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|---|---:|---:|---:|---|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    lines = []
    for row in (header, *rows):
        numbers = zip(row[1:4], widths[1:4], strict=True)
        cells = [row[0].ljust(widths[0])] + [cell.rjust(width) for cell, width in numbers]
        lines.append("  ".join([*cells, row[4]]))
    return "\n".join(lines)


def _amount(value: float, unit: str) -> str:
    if unit == "ms" and value < 100:
        return f"{value:.1f} ms"
    return f"{value:.0f} {unit}"


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


if __name__ == "__main__":
    sys.exit(main())
