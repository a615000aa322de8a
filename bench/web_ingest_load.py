"""Reads during a burst of web ingests: GET /api/stats latency while N concurrent POST /api/ingest
upload real news pages to a `storyline serve` process (issue 18: 60 ingests made stats wait 34.5 s).

    python bench/web_ingest_load.py [--shared ../shared] [--requests 60] [--out bench/results/web-ingest-load.json]

Starts `storyline serve` on 127.0.0.1 with an empty SQLite store, loads the spaCy pipeline with a
first ingest, then sends N uploads at once (pages from shared/bench/extraction/html, gunzipped)
while one client asks GET /api/stats every 0.1 s until every upload is answered. Prints stats
latency (median, p95, max), the uploads' answers by status and the burst's wall time; with the
same PYTHONPATH trick it measures any checkout (PYTHONPATH=/path/to/src).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from _common import run_facts, write_results


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-c", "from storyline.cli import main; main()", "--db", str(db),
                               "serve", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ends = time.monotonic() + 120
    while time.monotonic() < ends:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2)
            return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("storyline serve did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("STORYLINE_SHARED", "../shared")))
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--out", type=Path, default=Path("bench/results/web-ingest-load.json"))
    args = parser.parse_args()
    pages = sorted((args.shared / "bench" / "extraction" / "html").glob("*.html.gz"))[: args.requests + 1]
    bodies = [(p.name.removesuffix(".gz"), gzip.decompress(p.read_bytes())) for p in pages]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        server = start_server(Path(tmp) / "s.db", port)
        try:
            warm = httpx.post(f"{base}/api/ingest", files={"files": bodies[0]}, timeout=300)
            assert warm.status_code == 200, warm.text
            latencies: list[float] = []
            done = threading.Event()

            def ask_stats() -> None:
                with httpx.Client(base_url=base, timeout=300) as client:
                    while not done.is_set():
                        began = time.monotonic()
                        client.get("/api/stats").raise_for_status()
                        latencies.append(time.monotonic() - began)
                        time.sleep(0.1)

            def upload(page: tuple[str, bytes]) -> int:
                return httpx.post(f"{base}/api/ingest", files={"files": page}, timeout=900).status_code

            reader = threading.Thread(target=ask_stats)
            began = time.monotonic()
            reader.start()
            with ThreadPoolExecutor(args.requests) as senders:
                statuses = Counter(senders.map(upload, bodies[1:]))
            burst = time.monotonic() - began
            done.set()
            reader.join()
        finally:
            server.terminate()
            server.wait()
    ordered = sorted(latencies)
    result = {"requests": len(bodies) - 1, "answers": dict(statuses), "burst_s": round(burst, 1),
              "stats_calls": len(ordered), "stats_median_s": round(statistics.median(ordered), 3),
              "stats_p95_s": round(ordered[int(0.95 * (len(ordered) - 1))], 3), "stats_max_s": round(ordered[-1], 3),
              "pythonpath": os.environ.get("PYTHONPATH", ""), **run_facts()}
    print(f"{'uploads':>8} {'answers':<18} {'burst s':>8} {'stats calls':>11} {'median s':>9} {'p95 s':>7} {'max s':>7}")
    print(f"{result['requests']:>8} {json.dumps(result['answers']):<18} {result['burst_s']:>8} {result['stats_calls']:>11} "
          f"{result['stats_median_s']:>9} {result['stats_p95_s']:>7} {result['stats_max_s']:>7}")
    write_results(args.out, result)


if __name__ == "__main__":
    main()
