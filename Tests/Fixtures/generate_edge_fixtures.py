#!/usr/bin/env python3
"""PyTorch's answers where its formulas meet infinity and empty class dimensions, as an eval
fixture (edge_cases.jsonl, {"id", "request", "expect"} lines as in differential_cases.jsonl).

    python3 Tests/Fixtures/generate_edge_fixtures.py

- binary_cross_entropy_with_logits at x = ±inf with targets inside and outside [0, 1], with and
  without pos_weight and weight: PyTorch's (1 − y)·x − lw·log σ(x) gives +inf at x = −inf for a
  target above 1 and NaN for the others;
- cross_entropy with zero classes and label smoothing: ε/C · 0 is NaN for every row (sum and
  none included), ignored rows too;
- cross_entropy with one class, every target ignored, label smoothing 0.5, as (N, 1) (the fused
  kernel) and (N, 1, d) (the composed form).

The answers are PyTorch's own, in float32 (they are inf, NaN, 0 or simple numbers).
The tests never import PyTorch.
"""
import json
import math
import os

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
INF = math.inf


# The contract's spellings of non-finite numbers, from the main generator (its module-level
# code writes the other fixtures, so only the functions are taken).
source = open(os.path.join(HERE, "generate_fixtures.py")).read()
namespace = {"__file__": os.path.join(HERE, "generate_fixtures.py")}
exec(compile(source[: source.index("cases = []")], "generate_fixtures.py", "exec"), namespace)
encode = namespace["encode"]

cases = []


def add(case_id, request, run):
    x = torch.tensor(request["input"], dtype=torch.float32, requires_grad=True)
    loss = run(x)
    loss.sum().backward()
    cases.append({"id": case_id, "request": encode_request(request),
                  "expect": {"loss": encode(loss.tolist()), "grad": encode(x.grad.tolist())}})


def encode_request(request):
    return {k: encode(v) for k, v in request.items()}


for x0 in [-INF, INF]:
    for t0 in [2.0, 1.5, 1.0, 0.5, 0.0, -1.0]:
        for reduction in ["none", "mean", "sum"]:
            for pos_weight in [None, [2.0, 0.5]]:
                for weight in [None, [0.5, 2.0]]:
                    request = {"loss": "binary_cross_entropy_with_logits",
                               "input": [x0, 0.25], "target": [t0, 0.5], "reduction": reduction}
                    kw = {"reduction": reduction}
                    if pos_weight:
                        request["pos_weight"] = pos_weight
                        kw["pos_weight"] = torch.tensor(pos_weight)
                    if weight:
                        request["weight"] = weight
                        kw["weight"] = torch.tensor(weight)
                    add(f"bce-{x0}-{t0}-{reduction}-{bool(pos_weight)}-{bool(weight)}", request,
                        lambda x, t=request["target"], kw=kw:
                        F.binary_cross_entropy_with_logits(x, torch.tensor(t), **kw))

# Zero classes: the input is [] (C) or [[], []] (N, C); every target ignored.
for shape_id, value, target in [("c", [], -100), ("nc", [[], []], [-100, -100])]:
    for smoothing in [0.0, 0.5, 1.0]:
        for reduction in ["none", "mean", "sum"]:
            request = {"loss": "cross_entropy", "input": value, "target": target,
                       "label_smoothing": smoothing, "reduction": reduction}

            x = torch.zeros((0,) if shape_id == "c" else (2, 0), requires_grad=True)
            loss = F.cross_entropy(x, torch.tensor(target), label_smoothing=smoothing,
                                   reduction=reduction)
            loss.sum().backward()
            cases.append({"id": f"ce-zero-classes-{shape_id}-{smoothing}-{reduction}",
                          "request": encode_request(request),
                          "expect": {"loss": encode(loss.tolist()), "grad": encode(x.grad.tolist())}})

# One class, every target ignored, smoothing 0.5.
for value, target in [([[1.5], [-2.0]], [-100, -100]),
                      ([[[1.5, 0.25]], [[-2.0, 3.0]]], [[-100, -100], [-100, -100]]),
                      ([[INF], [1.0]], [-100, -100])]:
    for reduction in ["none", "mean", "sum"]:
        request = {"loss": "cross_entropy", "input": value, "target": target,
                   "label_smoothing": 0.5, "reduction": reduction}
        add(f"ce-one-class-{len(cases)}-{reduction}", request,
            lambda x, target=target, reduction=reduction:
            F.cross_entropy(x, torch.tensor(target), label_smoothing=0.5, reduction=reduction))

with open(os.path.join(HERE, "edge_cases.jsonl"), "w") as out:
    for case in cases:
        out.write(json.dumps(case) + "\n")
print(f"wrote {len(cases)} cases")
