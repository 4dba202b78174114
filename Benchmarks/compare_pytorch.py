#!/usr/bin/env python3
"""Side-by-side timing of LossScope and PyTorch on this machine (not a test; CI does not run it).

    swift build -c release
    python3 Benchmarks/compare_pytorch.py [--binary .build/release/lossscope] [--rounds 5] [--runs 30]

Needs `pip install torch numpy`. Prints each measurement and the ratios the performance goals
are stated in: cross-entropy vs PyTorch, cross-entropy vs a plain copy of the same bytes, the
seed's training step vs PyTorch eager, and the fused linear + cross-entropy (N x D x V, default
1024 x 768 x 50257) vs PyTorch 2.15's three paths: `cross_entropy(linear(x, w), t)`,
`linear_cross_entropy(x, w, t)` and its chunked path (`options=LinearCrossEntropyOptions()`).
Each linear + cross-entropy measurement runs in a fresh process (PyTorch's through
`pytorch_linear_cross_entropy.py --child`), so its memory is its own. `--linear-rounds 0` skips
them (they take about a minute a round).
"""
import os
import sys
import argparse
import json
import statistics
import subprocess
import time

import torch
import torch.nn.functional as F


def median_ms(fn, runs, warmup=3):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


def torch_cross_entropy(batch, classes, runs):
    torch.manual_seed(0)
    logits = (torch.rand(batch, classes) * 8 - 4).requires_grad_()
    targets = torch.randint(classes, (batch,))

    def step():
        logits.grad = None
        F.cross_entropy(logits, targets).backward()

    return median_ms(step, runs)


def torch_bce_with_logits(batch, classes, runs):
    torch.manual_seed(0)
    logits = (torch.rand(batch, classes) * 8 - 4).requires_grad_()
    targets = torch.randint(2, (batch, classes)).float()

    def step():
        logits.grad = None
        F.binary_cross_entropy_with_logits(logits, targets).backward()

    return median_ms(step, runs)


def torch_train_step(runs):
    layer = torch.nn.Linear(3, 3)
    opt = torch.optim.SGD(layer.parameters(), lr=0.1)
    x = torch.tensor([[1.0, 0.0, 0.0]])
    y = torch.tensor([2])

    def step():
        loss = F.cross_entropy(layer(x), y)
        loss.backward()
        opt.step()
        opt.zero_grad()

    return median_ms(step, runs, warmup=100) * 1e3  # microseconds


def lossscope(binary, *args):
    out = subprocess.run([binary, "bench", *args, "--json"], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def torch_linear_cross_entropy(path, tokens, hidden, vocab, runs):
    """One of PyTorch's paths in a fresh process: median_ms, first_step_bytes, peak_extra_bytes."""
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pytorch_linear_cross_entropy.py")
    out = subprocess.run(
        [sys.executable, script, "--child", path, "--tokens", str(tokens), "--hidden", str(hidden),
         "--vocab", str(vocab), "--runs", str(runs)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


LINEAR_PATHS = ["composed", "reference", "chunked"]


def summary(values):
    """The median of a list, and its range."""
    return statistics.median(values), min(values), max(values)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/lossscope")
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--classes", type=int, default=50257)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=5,
                        help="times every measurement is repeated, alternating with the others; "
                             "each ratio is taken within a round, and the median round is reported")
    parser.add_argument("--tokens", type=int, default=1024)
    parser.add_argument("--hidden", type=int, default=768)
    parser.add_argument("--vocab", type=int, default=50257)
    parser.add_argument("--linear-runs", type=int, default=3)
    parser.add_argument("--linear-rounds", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(1)
    shape = ["--batch", str(args.batch), "--classes", str(args.classes), "--runs", str(args.runs)]

    # On a shared machine the memory bandwidth drifts by a third within minutes, so every
    # measurement is repeated in rounds that alternate between them, and ratios are formed
    # within a round (the same few seconds) before taking their median.
    rounds = []
    for _ in range(args.rounds):
        r = {}
        r["ours"] = lossscope(args.binary, "cross-entropy", *shape, "--threads", "1")
        r["copy"] = lossscope(args.binary, "copy", *shape)
        r["theirs"] = torch_cross_entropy(args.batch, args.classes, args.runs)
        r["bce_ours"] = lossscope(args.binary, "bce-with-logits", *shape, "--threads", "1")
        r["bce_theirs"] = torch_bce_with_logits(args.batch, args.classes, args.runs)
        r["step_ours"] = lossscope(args.binary, "train-step")
        r["step_theirs"] = torch_train_step(2000)
        rounds.append(r)

    # The linear + cross-entropy rounds alternate LossScope with PyTorch's three paths the same
    # way, each in a fresh process.
    linear_rounds = []
    sizes = ["--tokens", str(args.tokens), "--hidden", str(args.hidden), "--vocab", str(args.vocab)]
    for _ in range(args.linear_rounds):
        r = {"ours": lossscope(args.binary, "linear-cross-entropy", *sizes, "--threads", "1",
                               "--runs", str(args.linear_runs))}
        for path in LINEAR_PATHS:
            r[path] = torch_linear_cross_entropy(path, args.tokens, args.hidden, args.vocab,
                                                 args.linear_runs)
        linear_rounds.append(r)

    def ratio(f):
        return "{:.2f}x (range {:.2f}-{:.2f})".format(*summary([f(r) for r in rounds]))

    def ms(f):
        return "{:.3f} ms".format(statistics.median([f(r) for r in rounds]))

    gradient_bytes = args.batch * args.classes * 4
    print(f"torch {torch.__version__}, 1 thread, {args.batch} x {args.classes}, "
          f"{args.rounds} rounds of {args.runs} runs; median of the rounds")
    print(f"cross-entropy fwd+bwd   LossScope {ms(lambda r: r['ours']['median_ms'])}   "
          f"PyTorch {ms(lambda r: r['theirs'])}   "
          f"-> {ratio(lambda r: r['theirs'] / r['ours']['median_ms'])} faster than PyTorch")
    print(f"copy of the same bytes  {ms(lambda r: r['copy']['median_ms'])}   "
          f"-> cross-entropy takes {ratio(lambda r: r['ours']['median_ms'] / r['copy']['median_ms'])} the copy")
    peak = max(r["ours"]["peak_extra_bytes"] for r in rounds)
    print(f"peak extra memory       {peak} bytes ({peak / gradient_bytes:.3f} x one B x C float32 buffer)")
    print(f"bce-with-logits fwd+bwd LossScope {ms(lambda r: r['bce_ours']['median_ms'])}   "
          f"PyTorch {ms(lambda r: r['bce_theirs'])}   "
          f"-> {ratio(lambda r: r['bce_theirs'] / r['bce_ours']['median_ms'])} faster than PyTorch; "
          f"{ratio(lambda r: r['bce_ours']['median_ms'] / r['copy']['median_ms'])} the copy "
          f"(it also reads B x C targets)")
    print(f"train step              LossScope {statistics.median(r['step_ours']['median_us'] for r in rounds):.2f} us   "
          f"PyTorch {statistics.median(r['step_theirs'] for r in rounds):.1f} us   "
          f"-> {ratio(lambda r: r['step_theirs'] / r['step_ours']['median_us'])} faster than PyTorch eager")
    if not linear_rounds:
        return
    flops = 6 * args.tokens * args.hidden * args.vocab
    gradients = (args.tokens + args.vocab) * args.hidden * 4
    print(f"\nlinear + cross-entropy, N = {args.tokens}, D = {args.hidden}, V = {args.vocab}, 1 thread, "
          f"{args.linear_rounds} rounds of {args.linear_runs} runs; logits {args.tokens * args.vocab * 4 / 1e6:.0f} MB, "
          f"gradients of x and w {gradients / 1e6:.0f} MB")

    def linear_ratio(f):
        values = [f(r) for r in linear_rounds]
        return "{:.2f}x (range {:.2f}-{:.2f})".format(*summary(values))

    ours_ms = statistics.median(r["ours"]["median_ms"] for r in linear_rounds)
    ours_extra = max(r["ours"]["peak_extra_bytes"] for r in linear_rounds)
    ours_first = max(r["ours"]["first_step_bytes"] for r in linear_rounds)
    print(f"  LossScope fused   {ours_ms / 1e3:.2f} s   {flops / ours_ms / 1e6:.1f} GFLOP/s   "
          f"first step +{ours_first / 1e6:.0f} MB (gradients included)   "
          f"later steps +{ours_extra / 1e6:.0f} MB")
    for path in LINEAR_PATHS:
        theirs_ms = statistics.median(r[path]["median_ms"] for r in linear_rounds)
        first = max(r[path]["first_step_bytes"] for r in linear_rounds)
        later = max(r[path]["peak_extra_bytes"] for r in linear_rounds)
        print(f"  PyTorch {path:9s} {theirs_ms / 1e3:.2f} s   {flops / theirs_ms / 1e6:.1f} GFLOP/s   "
              f"first step +{first / 1e6:.0f} MB   later steps +{later / 1e6:.0f} MB   "
              f"-> LossScope {linear_ratio(lambda r: r[path]['median_ms'] / r['ours']['median_ms'])} as fast; "
              f"memory: first step {ours_first / max(first, 1):.3f}, without the gradients "
              f"{(ours_first - gradients) / max(first - gradients, 1):.3f}, later steps "
              f"{ours_extra / max(later, 1):.3f} of PyTorch's")


if __name__ == "__main__":
    main()
