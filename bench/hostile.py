"""Hostile pages: time and peak memory of one `ingest` per page built to hurt (issue 18).

    python bench/hostile.py --out bench/results/hostile.json [--page-timeout 60] [--kill-after 300]

Builds the cases at run time in a temporary folder, ingests each one in a fresh process (so
peak RSS is that page's) into its own SQLite store, and prints a table: seconds for the page
(spaCy loaded beforehand), peak RSS of the process, and what became of the page. The bars:
every case under 30 s or cut by the page time budget with its reason, peak RSS under 1.5 GB,
no page lost without a reason. A case still running after --kill-after seconds is killed and
reported as such (to measure code without a budget).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from _common import run_facts, write_results

MB = 1024 * 1024
SPEAKERS = ["Mayor Jane Smith", "John Williams", "the minister", "Ms. Okafor", "a council spokesman",
            "Pedro Alvarez", "she", "he"]
CUES = ["said", "told reporters", "added", "warned", "insisted"]


def _quotes_text(size: int, seed: int = 3) -> str:
    """Paragraphs of four direct quotes each, all different (identical lines are dropped)."""
    rng, paragraphs, length, n = random.Random(seed), [], 0, 0
    while length < size:
        sentences = []
        for _ in range(4):
            n += 1
            sentences.append(f"“We will rebuild bridge number {n} before the {rng.choice(['winter', 'spring', 'vote'])} "
                             f"comes, and {rng.randint(2, 900)} families will return home,” "
                             f"{rng.choice(SPEAKERS)} {rng.choice(CUES)} on day {n % 31 + 1}.")
        paragraphs.append(" ".join(sentences))
        length += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)


def _with_controls(text: str, seed: int = 7) -> str:
    """Full stops turned into control characters, and more sprinkled in: one endless sentence
    for the parser, under the share of control characters that marks a binary file."""
    rng = random.Random(seed)
    controls = [chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r"]
    out = []
    for ch in text.replace(".", "\x0b").replace("\n\n", "\x0c "):
        out.append(ch)
        if ch == " " and rng.random() < 0.1:
            out.append(rng.choice(controls))
    return "".join(out)


def _one_line(size: int, seed: int = 5) -> str:
    words = "the mayor said city council would rebuild bridge river winter families home officials told".split()
    rng = random.Random(seed)
    return " ".join(rng.choice(words) for _ in range(size // 6))[:size]


def _html(paragraphs: list[str], article_attributes: str = "") -> str:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (f"<html><head><title>The bridge will be rebuilt</title></head><body>"
            f"<article{article_attributes}><h1>The bridge will be rebuilt</h1>{body}</article></body></html>")


def build_cases(folder: Path) -> dict[str, Path]:
    """Write each hostile page to `folder`; name → path."""
    cases = {
        "unpunctuated-21k.txt": "the mayor said the city would rebuild and " * 500 + ".",
        "control-chars-82k.txt": _with_controls(_quotes_text(82_000))[:82_000],
        "quotes-780k.txt": _quotes_text(780_000),
        "article-2.6M.html": _html(_quotes_text(2_600_000).split("\n\n")),
        "one-line-990k.txt": _one_line(990_000),
        "attributes-200k-3M.html": _html(_quotes_text(6_000).split("\n\n"),
                                         "".join(f' data-a{i}="x"' for i in range(200_000))),
    }
    paths = {}
    for name, text in cases.items():
        paths[name] = folder / name
        paths[name].write_text(text, encoding="utf-8")
    return paths


def ingest_one(path: str) -> None:
    """Child process: load spaCy, ingest the page into a fresh store, print one JSON line."""
    import resource

    from storyline.analyze.nlp import load_nlp
    from storyline.config import Settings
    from storyline.pipeline import ingest_pages
    from storyline.store import open_store

    settings = Settings()
    load_nlp(settings.spacy_model)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "hostile.db"))
        started = time.perf_counter()
        report = ingest_pages([path], store, settings)
        seconds = time.perf_counter() - started
        stored = store.get_article(report.article_ids[0]) if report.article_ids else None
    outcome = (f"stored, {stored.status}, {len(stored.quotes)} quotes" if stored
               else "; ".join(f"failed ({f.stage}): {f.message}" for f in report.failures) or "LOST: no outcome")
    print(json.dumps({"seconds": round(seconds, 2), "child_peak_rss_mb": resource.getrusage(
        resource.RUSAGE_SELF).ru_maxrss // 1024, "outcome": outcome}))


def measure(path: Path, kill_after: float) -> dict:
    """Run one case in a fresh process, sampling its RSS; kill it after `kill_after` seconds."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, __file__, "--one", str(path)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    peak = 0
    process = psutil.Process(child.pid)
    while child.poll() is None and time.perf_counter() - started < kill_after:
        try:
            peak = max(peak, process.memory_info().rss)
        except psutil.NoSuchProcess:
            break
        time.sleep(0.1)
    if child.poll() is None:
        child.kill()
        child.wait()
        return {"case": path.name, "bytes": path.stat().st_size, "seconds": None, "peak_rss_mb": peak // MB,
                "outcome": f"killed after {kill_after:g} s"}
    out, err = child.communicate()
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if child.returncode or not lines:
        return {"case": path.name, "bytes": path.stat().st_size, "seconds": None, "peak_rss_mb": peak // MB,
                "outcome": f"process failed (rc {child.returncode}): {err.strip().splitlines()[-1:]}"}
    result = json.loads(lines[-1])
    return {"case": path.name, "bytes": path.stat().st_size, "seconds": result["seconds"],
            "peak_rss_mb": max(peak // MB, result["child_peak_rss_mb"]), "outcome": result["outcome"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("bench/results/hostile.json"))
    parser.add_argument("--page-timeout", type=float, default=None,
                        help="the page time budget for every case (default: STORYLINE_PAGE_TIMEOUT or 60)")
    parser.add_argument("--kill-after", type=float, default=300.0, help="kill a case still running after this")
    parser.add_argument("--only", nargs="*", help="case names to run (default: all)")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        ingest_one(args.one)
        return
    if args.page_timeout is not None:
        os.environ["STORYLINE_PAGE_TIMEOUT"] = str(args.page_timeout)
    rows = []
    print(f"{'case':<26} {'KB':>6} {'seconds':>8} {'peak MB':>8}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in build_cases(Path(tmp)).items():
            if args.only and name not in args.only:
                continue
            row = measure(path, args.kill_after)
            rows.append(row)
            seconds = "-" if row["seconds"] is None else f"{row['seconds']:.1f}"
            print(f"{name:<26} {row['bytes'] // 1024:>6} {seconds:>8} {row['peak_rss_mb']:>8}  {row['outcome'][:150]}",
                  flush=True)
    result = {"cases": rows, "page_timeout": os.environ.get("STORYLINE_PAGE_TIMEOUT", "default"), **run_facts()}
    write_results(args.out, result)


if __name__ == "__main__":
    main()
