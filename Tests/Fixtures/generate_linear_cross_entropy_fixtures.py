"""PyTorch's answers for linear_cross_entropy: writes linear_cross_entropy_cases.jsonl.

Run from anywhere: python3 Tests/Fixtures/generate_linear_cross_entropy_fixtures.py (needs torch).

Each line is {"id", "request", "expect"}: an `eval --jsonl` request for
F.linear_cross_entropy(input, linear_weight, target, linear_bias=, weight=, reduction=,
ignore_index=, label_smoothing=) and PyTorch's float64 answer computed from the request's own
numbers: the loss and {"input", "linear_weight", "linear_bias"} gradients
of the loss's sum, or {"error": PyTorch's message} for a request PyTorch refuses.

The cases cover N from 1 to 300, D from 1 to 1,024 and V from 1 to 70,000 (never all large at
once, to keep the file small), class indices and probabilities, bias, class weights, ignore_index
(default and explicit), label smoothing and every reduction, plus 1-D inputs. Values are rounded
to three decimals so that the request text is short; the answers keep eight significant digits.
"""
import json
import math
import os
import random

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "linear_cross_entropy_cases.jsonl")

# (N, D, V): the corners the issue names, the micro-kernels' tile edges (4 × 6 logits, 12 × 32
# gradients, 16 lanes), two blocks of tokens (N = 300), and small everyday sizes.
SIZES = [
    (1, 1, 1), (2, 1, 70000), (1, 1024, 3), (3, 1024, 7), (2, 1024, 40),
    (300, 1, 2), (300, 4, 10), (300, 8, 33), (257, 3, 5), (1, 16, 6), (4, 16, 6), (5, 17, 7),
    (12, 32, 13), (13, 33, 97), (8, 64, 130), (7, 100, 50), (2, 5, 3000), (3, 2, 5000),
    (16, 48, 200), (31, 20, 64), (9, 257, 11), (6, 15, 1000), (64, 12, 100), (100, 7, 37),
    (1, 3, 2), (2, 2, 2), (3, 7, 5), (10, 10, 10), (20, 9, 31), (2, 3, 4), (5, 8, 12),
    (7, 24, 35), (11, 40, 70), (17, 16, 48), (40, 6, 25), (3, 128, 19), (1, 512, 5),
    (2, 4, 3), (3, 5, 9), (4, 6, 8), (6, 10, 14), (8, 12, 20), (9, 3, 17), (14, 7, 11),
    (24, 5, 9), (50, 4, 6), (128, 2, 3), (33, 17, 18), (15, 31, 29),
]


def r4(a):
    """Three decimals, as float32 (what LossScope reads); `short` writes them back as typed."""
    return np.round(a, 3).astype(np.float32)


def short(a):
    """The three-decimal text of float32 values: "0.123", not 0.12300000339746475."""
    return json.loads(json.dumps(np.round(np.asarray(a, dtype=np.float64), 3).tolist()))


def tolist(t):
    """Eight significant digits (ample for a 1e-4 comparison, half the text of seventeen); NaN and
    the infinities as the strings "nan", "inf" and "-inf", as LossScope writes them."""
    def clean(x):
        if isinstance(x, list):
            return [clean(y) for y in x]
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
        return float(f"{x:.8g}")
    return clean(t.detach().numpy().tolist())


def case(rng, index, size, *, probabilities, bias, weighted, smoothing, ignore, reduction,
         unbatched=False):
    n, d, v = size
    x = r4(rng.standard_normal((n, d)) * 0.7)
    w = r4(rng.standard_normal((v, d)) * (1.5 / np.sqrt(d)))
    b = r4(rng.standard_normal(v) * 0.5) if bias else None
    cw = r4(rng.uniform(0.2, 3.0, v)) if weighted else None
    request = {"loss": "linear_cross_entropy"}
    kwargs = {"reduction": reduction}
    if probabilities:
        p = rng.uniform(0, 1, (n, v)) ** 3
        p = r4(p / p.sum(1, keepdims=True))
        target_json = short(p[0] if unbatched else p)
        target = torch.tensor(p[0] if unbatched else p, dtype=torch.float64)
    else:
        t = rng.integers(0, v, n)
        if ignore is not None:
            kwargs["ignore_index"] = ignore
            t[:: max(1, n // 3)] = ignore
        target_json = int(t[0]) if unbatched else t.tolist()
        target = torch.tensor(t[0] if unbatched else t, dtype=torch.long)
    xin = x[0] if unbatched else x
    request["input"] = short(xin)
    request["linear_weight"] = short(w)
    request["target"] = target_json
    xt = torch.tensor(xin, dtype=torch.float64, requires_grad=True)
    wt = torch.tensor(w, dtype=torch.float64, requires_grad=True)
    bt = None
    if b is not None:
        request["linear_bias"] = short(b)
        bt = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    if cw is not None:
        request["weight"] = short(cw)
        kwargs["weight"] = torch.tensor(cw, dtype=torch.float64)
    if smoothing:
        request["label_smoothing"] = smoothing
        kwargs["label_smoothing"] = smoothing
    request["reduction"] = reduction
    if "ignore_index" in kwargs:
        request["ignore_index"] = kwargs["ignore_index"]
    loss = F.linear_cross_entropy(xt, wt, target, linear_bias=bt, **kwargs)
    loss.sum().backward()
    grad = {"input": tolist(xt.grad), "linear_weight": tolist(wt.grad)}
    if bt is not None:
        grad["linear_bias"] = tolist(bt.grad)
    name = (f"lce-{index:03d}-n{n}-d{d}-v{v}" + ("-1d" if unbatched else "")
            + ("-prob" if probabilities else "") + ("-bias" if bias else "")
            + ("-w" if weighted else "") + (f"-ls{smoothing}" if smoothing else "")
            + (f"-ignore{ignore}" if ignore is not None else "") + f"-{reduction}")
    return {"id": name, "request": request, "expect": {"loss": tolist(loss), "grad": grad}}


def error_cases():
    """Requests PyTorch refuses, with its message."""
    out = []
    specs = [
        ("features-differ", {"input": [[1.0, 2.0]], "linear_weight": [[1.0, 0.0, 3.0]], "target": [0]}),
        ("bias-length", {"input": [[1.0, 2.0]], "linear_weight": [[1.0, 0.0], [0.0, 1.0]],
                         "target": [0], "linear_bias": [0.1, 0.2, 0.3]}),
        ("target-out-of-range", {"input": [[1.0, 2.0]], "linear_weight": [[1.0, 0.0], [0.0, 1.0]],
                                 "target": [2]}),
        ("weight-length", {"input": [[1.0, 2.0]], "linear_weight": [[1.0, 0.0], [0.0, 1.0]],
                           "target": [1], "weight": [1.0, 2.0, 3.0]}),
        ("smoothing-above-one", {"input": [[1.0, 2.0]], "linear_weight": [[1.0, 0.0], [0.0, 1.0]],
                                 "target": [1], "label_smoothing": 1.5}),
        ("probabilities-with-ignore-index", {"input": [[1.0, 2.0]],
                                             "linear_weight": [[1.0, 0.0], [0.0, 1.0]],
                                             "target": [[0.5, 0.5]], "ignore_index": 0}),
    ]
    for name, request in specs:
        kwargs = {}
        for key in ("weight",):
            if key in request:
                kwargs[key] = torch.tensor(request[key], dtype=torch.float64)
        for key in ("label_smoothing", "ignore_index"):
            if key in request:
                kwargs[key] = request[key]
        x = torch.tensor(request["input"], dtype=torch.float64)
        w = torch.tensor(request["linear_weight"], dtype=torch.float64)
        t = request["target"]
        target = (torch.tensor(t, dtype=torch.float64) if isinstance(t[0], list)
                  else torch.tensor(t, dtype=torch.long))
        b = torch.tensor(request["linear_bias"], dtype=torch.float64) if "linear_bias" in request else None
        try:
            F.linear_cross_entropy(x, w, target, linear_bias=b, **kwargs)
        except Exception as e:  # PyTorch's refusal is the expected answer
            out.append({"id": f"lce-error-{name}", "request": {"loss": "linear_cross_entropy", **request},
                        "expect": {"error": str(e).splitlines()[0]}})
            continue
        raise SystemExit(f"PyTorch accepted the error case {name}")
    return out


def main():
    rng = np.random.default_rng(2026)
    pick = random.Random(2026)
    cases = []
    reductions = ["mean", "sum", "none"]
    index = 0
    for size in SIZES:
        n, d, v = size
        # Seven option sets per size, every one of them on every size: plain, bias, weights,
        # smoothing, ignore_index, probabilities, everything at once; reductions rotate.
        variants = [
            dict(probabilities=False, bias=False, weighted=False, smoothing=0.0, ignore=None),
            dict(probabilities=False, bias=True, weighted=False, smoothing=0.0, ignore=None),
            dict(probabilities=False, bias=False, weighted=True, smoothing=0.0, ignore=-100),
            dict(probabilities=False, bias=True, weighted=False, smoothing=0.2, ignore=None),
            dict(probabilities=False, bias=False, weighted=True, smoothing=0.1,
                 ignore=(v - 1 if v > 1 else None)),
            dict(probabilities=True, bias=pick.random() < 0.5, weighted=False, smoothing=0.0,
                 ignore=None),
            dict(probabilities=True, bias=True, weighted=True, smoothing=0.15, ignore=None),
        ]
        # Larger sizes keep fewer option sets (the file stays a few megabytes); the largest, one
        # without a bias or weights (each would add V numbers twice).
        numbers = n * d + v * d + n * v
        if numbers > 20000:
            variants = [dict(variants[0], smoothing=0.1)] if n == 1 else [variants[2]]
        elif numbers > 3000:
            variants = [variants[4], variants[6]]
        for variant in variants:
            reduction = reductions[index % 3]
            cases.append(case(rng, index, size, reduction=reduction, **variant))
            index += 1
    for size in [(1, 5, 7), (1, 33, 100), (1, 1, 1), (1, 64, 9)]:
        for variant in [dict(probabilities=False, bias=True, weighted=True, smoothing=0.1, ignore=None),
                        dict(probabilities=True, bias=False, weighted=False, smoothing=0.0, ignore=None)]:
            cases.append(case(rng, index, size, reduction=reductions[index % 3], unbatched=True,
                              **variant))
            index += 1
    cases += error_cases()
    with open(OUT, "w") as f:
        for c in cases:
            f.write(json.dumps(c) + "\n")
    print(f"{len(cases)} cases, {os.path.getsize(OUT) / 1e6:.1f} MB -> {OUT}")


if __name__ == "__main__":
    main()
