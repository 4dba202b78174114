#!/usr/bin/env python3
"""Side-by-side timing of LossScope and PyTorch on this machine (not a test; CI does not run it).

    swift build -c release
    python3 Benchmarks/compare_pytorch.py [--binary .build/release/lossscope] [--rounds 5] [--runs 30]

Needs `pip install torch numpy`. Prints each measurement and the ratios the performance goals
are stated in: cross-entropy vs PyTorch, cross-entropy vs a plain copy of the same bytes, and
the seed's training step vs PyTorch eager.
"""
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


if __name__ == "__main__":
    main()
