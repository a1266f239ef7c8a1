#!/usr/bin/env python3
"""Side-by-side extraction speed: decant against the parse floor and the peers.

Every extractor here speaks the peers' protocol (../shared/eval/peers/README.md):
it prints `EXTRACT_SECONDS s PAGES n BYTES b` on stderr, the time spent inside
the extraction call only (gunzip, output and start-up left out). Each round runs
every extractor once over the same pages, one core, in an order that rotates
between rounds; the table gives the median over rounds of the throughput and of
the ratio to the parse floor measured in the same round, so a noisy machine
moves the absolute figures more than the ratios.

    python3 scripts/speed_table.py                 # WCXB dev, 3 rounds
    python3 scripts/speed_table.py --rounds 5 --build
    python3 scripts/speed_table.py --dataset ../shared/datasets/trafilatura

`--build` builds decant (release) and the Rust peers (into /tmp/peers-target,
from the peers' own crate; they come from crates.io). Python peers
(trafilatura, resiliparse, readability-lxml) are included when they import.
"""

import argparse
import glob
import os
import statistics
import subprocess
import sys
from datetime import date

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("DECANT_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
PEERS = os.path.join(SHARED, "eval", "peers")
PEERS_TARGET = os.environ.get("PEERS_TARGET", "/tmp/peers-target")


def rust_peer(name):
    return os.path.join(PEERS_TARGET, "release", name)


def python_peer_available(module):
    return subprocess.run([sys.executable, "-c", f"import {module}"],
                          capture_output=True).returncode == 0


def extractors():
    """(name, argv prefix, extra environment) of every extractor to run."""
    found = [
        ("parse floor (scraper parse + text walk)", [rust_peer("parse-floor")], {}),
        ("decant", [os.path.join(ROOT, "target", "release", "decant"),
                    "extract", "-j", "1", "--format", "jsonl"], {"DECANT_TIMINGS": "1"}),
        ("dom_smoothie", [rust_peer("dom-smoothie-extract")], {}),
        ("rs-trafilatura", [rust_peer("rs-trafilatura-extract")], {}),
    ]
    found = [e for e in found if os.path.exists(e[1][0])]
    for name, module, script in [("resiliparse", "resiliparse", "resiliparse_extract.py"),
                                 ("readability-lxml", "readability", "readability_lxml_extract.py"),
                                 ("trafilatura", "trafilatura", "trafilatura_extract.py")]:
        if python_peer_available(module):
            found.append((name, [sys.executable, os.path.join(PEERS, script)], {}))
    return found


def run_once(argv, env_extra, pages):
    env = dict(os.environ, **env_extra)
    proc = subprocess.run(argv + pages, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          env=env, text=True)
    for line in proc.stderr.splitlines():
        if line.startswith("EXTRACT_SECONDS"):
            parts = line.split()
            return float(parts[1]), int(parts[3]), int(parts[5])
    raise RuntimeError(f"{argv[0]}: no EXTRACT_SECONDS line (exit {proc.returncode})\n"
                       + proc.stderr[-2000:])


def build():
    subprocess.run(["cargo", "build", "--release", "--bin", "decant"], cwd=ROOT, check=True)
    subprocess.run(["cargo", "build", "--release"], cwd=os.path.join(PEERS, "rust"), check=True,
                   env=dict(os.environ, CARGO_TARGET_DIR=PEERS_TARGET))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default=os.path.join(SHARED, "datasets", "wcxb-dev"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--build", action="store_true")
    args = parser.parse_args()
    if args.build:
        build()
    pages = sorted(glob.glob(os.path.join(args.dataset, "html", "*.html.gz")))
    if not pages:
        sys.exit(f"no pages under {args.dataset}/html")
    runners = extractors()
    if not runners or not runners[0][0].startswith("parse floor"):
        sys.exit(f"the parse floor is not built: run with --build (or see {PEERS}/README.md)")
    seconds = {name: [] for name, _, _ in runners}
    ratios = {name: [] for name, _, _ in runners}
    size = {}
    for round_no in range(args.rounds):
        shift = round_no % len(runners)
        order = runners[shift:] + runners[:shift]
        took = {}
        for name, argv, env in order:
            secs, n, nbytes = run_once(argv, env, pages)
            took[name] = secs
            size[name] = (n, nbytes)
            print(f"round {round_no + 1}: {name}: {secs:.2f} s", file=sys.stderr)
        floor = took[runners[0][0]]
        for name in took:
            seconds[name].append(took[name])
            ratios[name].append(floor / took[name])
    print(f"Measured {date.today()}, one core, {len(pages)} pages of "
          f"{os.path.basename(os.path.normpath(args.dataset))}, median of {args.rounds} rounds "
          f"(extraction time only, inside the process).\n")
    print("| extractor | MB/s | pages/s | share of the parse floor |")
    print("|---|---|---|---|")
    for name, _, _ in runners:
        secs = statistics.median(seconds[name])
        n, nbytes = size[name]
        print(f"| {name} | {nbytes / 1e6 / secs:.1f} | {n / secs:.0f} | "
              f"{statistics.median(ratios[name]):.2f} |")


if __name__ == "__main__":
    main()
