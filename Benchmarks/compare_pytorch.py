#!/usr/bin/env python3
"""Side-by-side timing of LossScope and PyTorch on this machine (not a test; CI does not run it).

    swift build -c release
    python3 Benchmarks/compare_pytorch.py [--binary .build/release/lossscope]

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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/lossscope")
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--classes", type=int, default=50257)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    torch.set_num_threads(1)
    shape = ["--batch", str(args.batch), "--classes", str(args.classes), "--runs", str(args.runs)]

    ours = lossscope(args.binary, "cross-entropy", *shape, "--threads", "1")
    copy = lossscope(args.binary, "copy", *shape)
    theirs = torch_cross_entropy(args.batch, args.classes, args.runs)
    bce_ours = lossscope(args.binary, "bce-with-logits", *shape, "--threads", "1")
    bce_theirs = torch_bce_with_logits(args.batch, args.classes, args.runs)
    step_ours = lossscope(args.binary, "train-step")
    step_theirs = torch_train_step(2000)

    gradient_bytes = args.batch * args.classes * 4
    print(f"torch {torch.__version__}, 1 thread, {args.batch} x {args.classes}")
    print(f"cross-entropy fwd+bwd   LossScope {ours['median_ms']:.3f} ms   PyTorch {theirs:.3f} ms   "
          f"-> {theirs / ours['median_ms']:.1f}x faster than PyTorch")
    print(f"copy of the same bytes  {copy['median_ms']:.3f} ms   "
          f"-> cross-entropy takes {ours['median_ms'] / copy['median_ms']:.2f}x the copy")
    print(f"peak extra memory       {ours['peak_extra_bytes']} bytes "
          f"({ours['peak_extra_bytes'] / gradient_bytes:.3f} x one B x C float32 buffer)")
    print(f"bce-with-logits fwd+bwd LossScope {bce_ours['median_ms']:.3f} ms   PyTorch {bce_theirs:.3f} ms   "
          f"-> {bce_theirs / bce_ours['median_ms']:.1f}x faster than PyTorch; "
          f"{bce_ours['median_ms'] / copy['median_ms']:.2f}x the copy (it also reads B x C targets)")
    print(f"train step              LossScope {step_ours['median_us']:.2f} us   PyTorch {step_theirs:.1f} us   "
          f"-> {step_theirs / step_ours['median_us']:.0f}x faster than PyTorch eager")


if __name__ == "__main__":
    main()
