#!/usr/bin/env python3
"""PyTorch's three linear + cross-entropy paths on this machine, one thread: the baseline for the
fused linear + cross-entropy kernel (issue "Large vocabularies without the logits"). Not a test.

    python3 Benchmarks/pytorch_linear_cross_entropy.py [--tokens 1024 --hidden 768 --vocab 50257]
                                                       [--runs 3] [--rounds 2]

Each measurement runs in a fresh process, so its peak memory is its own: the growth of the
process's resident set (VmHWM after a reset, less the resident size before the step) during a
forward and backward of the mean loss with gradients for the input and the weight, for the first
step (everything it allocates, the gradients included) and for later ones (what the allocator
could not reuse). The paths are
measured in alternating rounds and the median of the rounds is reported.
"""
import argparse
import json
import statistics
import subprocess
import sys
import time

PATHS = ["composed", "reference", "chunked"]


def status(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def child(path, tokens, hidden, vocab, runs):
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(1)
    torch.manual_seed(0)
    x = (torch.randn(tokens, hidden) * 0.5).requires_grad_()
    w = (torch.randn(vocab, hidden) * 0.02).requires_grad_()
    t = torch.randint(vocab, (tokens,))

    def step():
        x.grad = None
        w.grad = None
        if path == "composed":
            loss = F.cross_entropy(F.linear(x, w), t)
        elif path == "reference":
            loss = F.linear_cross_entropy(x, w, t)
        else:
            loss = F.linear_cross_entropy(x, w, t, options=torch.nn.LinearCrossEntropyOptions())
        loss.backward()
        return loss.item()

    # The first step from a fresh process: everything it allocates counts, the gradients of x and
    # w included (what the "peak RSS of the process" sees). Later steps reuse what the
    # allocator kept, so they show only what is new each time.
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    before = status("VmRSS")
    step()
    first = status("VmHWM") - before
    times, peaks = [], []
    for _ in range(runs):
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        before = status("VmRSS")
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
        peaks.append(status("VmHWM") - before)
    print(json.dumps({"path": path, "median_ms": statistics.median(times) * 1e3,
                      "min_ms": min(times) * 1e3, "peak_extra_bytes": max(peaks),
                      "first_step_bytes": first, "peak_rss_bytes": status("VmHWM"),
                      "torch": torch.__version__}))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tokens", type=int, default=1024)
    parser.add_argument("--hidden", type=int, default=768)
    parser.add_argument("--vocab", type=int, default=50257)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--child", choices=PATHS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.tokens, args.hidden, args.vocab, args.runs)
        return
    results = {p: [] for p in PATHS}
    for _ in range(args.rounds):
        for path in PATHS:
            out = subprocess.run(
                [sys.executable, __file__, "--child", path, "--tokens", str(args.tokens),
                 "--hidden", str(args.hidden), "--vocab", str(args.vocab), "--runs", str(args.runs)],
                check=True, capture_output=True, text=True)
            results[path].append(json.loads(out.stdout))
    flops = 6 * args.tokens * args.hidden * args.vocab  # three N×D×V products, 2 flops each
    logits_bytes = args.tokens * args.vocab * 4
    print(f"N = {args.tokens}, D = {args.hidden}, V = {args.vocab}, 1 thread, "
          f"{args.rounds} rounds of {args.runs} runs; logits {logits_bytes / 1e6:.0f} MB")
    for path in PATHS:
        median = statistics.median(r["median_ms"] for r in results[path])
        peak = max(r["peak_extra_bytes"] for r in results[path])
        first = max(r["first_step_bytes"] for r in results[path])
        print(f"{path:10s} median {median / 1e3:.2f} s   {flops / median / 1e6:.1f} GFLOP/s   "
              f"first step +{first / 1e9:.2f} GB (gradients included)   "
              f"later steps +{peak / 1e9:.2f} GB")


if __name__ == "__main__":
    main()
