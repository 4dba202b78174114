#!/usr/bin/env python3
"""Writes the recordings the replay measurements use (README, "Replay cost"):

- clicks.cast: 200x60, 1,000 mouse clicks (press and release) on the loss curve, at two places in
  turn, so every click changes the state and costs a hit test;
- keys.cast: 120x40, 100,000 key events cycling through edits (arrows, t, g, W, Tab, r, u).

Usage: python3 Benchmarks/replay_recordings.py OUTDIR
Then e.g. `/usr/bin/time -f "%e s %M KB" lossscope play --headless OUTDIR/keys.cast`.
"""
import json
import sys
from pathlib import Path

out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
out.mkdir(parents=True, exist_ok=True)


def header(width, height):
    return json.dumps({
        "version": 2, "width": width, "height": height, "timestamp": 0, "title": "measure",
        "env": {"TERM": "xterm-256color"},
        "lossscope": {"version": "measure", "scenario": "v1;z=2,1,0.1|0,5,0.2;y=0,1",
                      "theme": "default"},
    })


with open(out / "clicks.cast", "w") as f:
    f.write(header(200, 60) + "\n")
    t = 0.0
    for i in range(1000):
        x = 30 if i % 2 == 0 else 70
        for final in "Mm":
            t += 0.01
            f.write(json.dumps([round(t, 6), "i", f"\x1b[<0;{x};12{final}"]) + "\n")

cycle = ["\x1bOC", "\x1bOB", "t", "g", "\x1bOD", "W", "\t", "r", "\x1bOA", "u"]
with open(out / "keys.cast", "w") as f:
    f.write(header(120, 40) + "\n")
    for i in range(100_000):
        f.write(json.dumps([round(i * 0.05, 6), "i", cycle[i % len(cycle)]]) + "\n")
