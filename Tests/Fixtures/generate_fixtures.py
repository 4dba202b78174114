#!/usr/bin/env python3
"""Generates LossScope's PyTorch reference fixtures.

Run from the repository root with PyTorch installed (pip install torch numpy):

    python3 Tests/Fixtures/generate_fixtures.py

It writes, next to this script:

- loss_cases.jsonl: `lossscope eval --jsonl` requests with PyTorch's answers. Each line is
  {"id", "request", "expect"}; expect is {"loss", "grad"} computed by PyTorch in float64 from
  inputs already rounded to float32, or {"error": true} where PyTorch raises.
- differential_cases.jsonl: 2,000 random requests (every loss, option, layout and value style)
  with PyTorch's answers, checked through the real `eval --jsonl` binary.
- train_cases.jsonl: `lossscope train` argument lists with PyTorch's per-step loss and logits.

The tests read these files; they never import PyTorch.
"""
import json
import math
import os
import random

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261123)


def f32(a):
    """Rounds to float32 and back, so the reference sees exactly the numbers LossScope reads."""
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def encode(x):
    """JSON-ready nested lists with the contract's spellings of non-finite numbers."""
    if isinstance(x, (list, tuple)):
        return [encode(v) for v in x]
    if isinstance(x, np.ndarray):
        return encode(x.tolist())
    if isinstance(x, torch.Tensor):
        return encode(x.detach().tolist())
    if isinstance(x, float):
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
    return x


def sigmoid_focal_loss(inputs, targets, alpha=0.25, gamma=2.0, reduction="none"):
    """torchvision.ops.sigmoid_focal_loss, written out (torchvision is not a dependency)."""
    p = torch.sigmoid(inputs)
    ce = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce * ((1 - p_t) ** gamma)
    if alpha >= 0:
        alpha_t = alpha * targets + (1 - alpha) * (1 - targets)
        loss = alpha_t * loss
    if reduction == "none":
        return loss
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    raise ValueError(f"Invalid Value for arg 'reduction': '{reduction}'")


FUNCTIONS = {
    "cross_entropy": F.cross_entropy,
    "nll_loss": F.nll_loss,
    "binary_cross_entropy": F.binary_cross_entropy,
    "binary_cross_entropy_with_logits": F.binary_cross_entropy_with_logits,
    "mse_loss": F.mse_loss,
    "l1_loss": F.l1_loss,
    "huber_loss": F.huber_loss,
    "smooth_l1_loss": F.smooth_l1_loss,
    "kl_div": F.kl_div,
    "sigmoid_focal_loss": sigmoid_focal_loss,
}
INDEX_TARGETS = {"cross_entropy", "nll_loss"}


def decode(x):
    if isinstance(x, list):
        return [decode(v) for v in x]
    return {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}.get(x, x) if isinstance(x, str) else x


def reference(request, dtype=torch.float64):
    """PyTorch's answer to one eval request, in float64 (or the given dtype)."""
    req = dict(request)
    name = req.pop("loss")
    fn = FUNCTIONS[name]
    x = torch.tensor(decode(req.pop("input")), dtype=dtype, requires_grad=True)
    t = decode(req.pop("target"))
    if name in INDEX_TARGETS and np.shape(t) != tuple(x.shape):
        tt = np.asarray(t, dtype=np.float64)
        if np.any(tt != np.round(tt)):
            raise ValueError("non-integer class index")
        target = torch.tensor(tt.astype(np.int64))
    else:
        target = torch.tensor(t, dtype=dtype)
    kwargs = {}
    for key, value in req.items():
        if key in ("weight", "pos_weight"):
            kwargs[key] = torch.tensor(decode(value), dtype=dtype)
        else:
            kwargs[key] = value
    loss = fn(x, target, **kwargs)
    (grad,) = torch.autograd.grad(loss.sum(), x, allow_unused=True)
    if grad is None:
        grad = torch.zeros_like(x)
    return {"loss": encode(float32_range(loss)), "grad": encode(float32_range(grad))}


def float32_range(t):
    """Values beyond float32's range become infinite, as any float32 computation must give them."""
    t = t.detach().clone()
    t[t > np.finfo(np.float32).max] = math.inf
    t[t < -np.finfo(np.float32).max] = -math.inf
    return t


cases = []


def add(case_id, request, expect_error=None):
    """Adds a case, asking PyTorch for the answer; an exception means PyTorch rejects it."""
    try:
        expect = reference(request)
        if expect_error:
            raise SystemExit(f"{case_id}: PyTorch accepted an input expected to be rejected")
    except SystemExit:
        raise
    except Exception as error:  # noqa: BLE001 - any PyTorch rejection is the expected answer
        if expect_error is None:
            raise SystemExit(f"{case_id}: PyTorch rejected it unexpectedly: {error}")
        expect = {"error": True}
    cases.append({"id": case_id, "request": request, "expect": expect})


def logits(*shape, scale=2.0):
    return f32(rng.normal(0, scale, size=shape)).tolist()


def probs(n, c):
    p = rng.random((n, c)) + 0.05
    return f32(p / p.sum(axis=1, keepdims=True)).tolist()


REDUCTIONS = ["mean", "sum", "none"]

# --- cross_entropy with class indices: shapes, reductions, weights, ignore_index, smoothing
for r in REDUCTIONS:
    for c in (2, 3, 5, 17):
        add(f"ce-unbatched-c{c}-{r}", {"loss": "cross_entropy", "input": logits(c), "target": int(rng.integers(c)), "reduction": r})
    for n, c in ((1, 3), (4, 3), (6, 5), (3, 33)):
        y = rng.integers(c, size=n).tolist()
        add(f"ce-{n}x{c}-{r}", {"loss": "cross_entropy", "input": logits(n, c), "target": y, "reduction": r})
        w = f32(rng.random(c) * 2 + 0.1).tolist()
        add(f"ce-{n}x{c}-weight-{r}", {"loss": "cross_entropy", "input": logits(n, c), "target": y, "weight": w, "reduction": r})
        for eps in (0.1, 0.35, 1.0):
            add(f"ce-{n}x{c}-smooth{eps}-{r}", {"loss": "cross_entropy", "input": logits(n, c), "target": y, "label_smoothing": eps, "reduction": r})
            add(f"ce-{n}x{c}-weight-smooth{eps}-{r}", {"loss": "cross_entropy", "input": logits(n, c), "target": y, "weight": w, "label_smoothing": eps, "reduction": r})
    # ignore_index, default and custom, some and all ignored
    y = [0, -100, 2, 1, -100]
    add(f"ce-ignore-default-{r}", {"loss": "cross_entropy", "input": logits(5, 3), "target": y, "reduction": r})
    add(f"ce-ignore-weight-smooth-{r}", {"loss": "cross_entropy", "input": logits(5, 3), "target": y, "weight": [0.5, 2.0, 1.0], "label_smoothing": 0.2, "reduction": r})
    add(f"ce-ignore-custom-{r}", {"loss": "cross_entropy", "input": logits(4, 4), "target": [3, 1, 3, 0], "ignore_index": 3, "reduction": r})
    add(f"ce-all-ignored-{r}", {"loss": "cross_entropy", "input": logits(3, 4), "target": [-100, -100, -100], "reduction": r})
    add(f"ce-all-ignored-smooth-{r}", {"loss": "cross_entropy", "input": logits(2, 3), "target": [-100, -100], "label_smoothing": 0.1, "reduction": r})
    # K-dimensional inputs
    for shape in ((2, 3, 4), (2, 4, 3, 2), (1, 3, 5)):
        n, c, rest = shape[0], shape[1], shape[2:]
        y = rng.integers(c, size=(n,) + rest).tolist()
        add(f"ce-kdim-{'x'.join(map(str, shape))}-{r}", {"loss": "cross_entropy", "input": logits(*shape), "target": y, "reduction": r})
        add(f"ce-kdim-{'x'.join(map(str, shape))}-weight-smooth-{r}", {"loss": "cross_entropy", "input": logits(*shape), "target": y, "weight": f32(rng.random(c) + 0.5).tolist(), "label_smoothing": 0.15, "reduction": r})
    yk = rng.integers(3, size=(2, 4)).tolist()
    yk[0][1] = -100
    add(f"ce-kdim-ignore-{r}", {"loss": "cross_entropy", "input": logits(2, 3, 4), "target": yk, "reduction": r})
    # probability targets
    for n, c in ((2, 3), (5, 4)):
        add(f"ce-prob-{n}x{c}-{r}", {"loss": "cross_entropy", "input": logits(n, c), "target": probs(n, c), "reduction": r})
        add(f"ce-prob-{n}x{c}-weight-{r}", {"loss": "cross_entropy", "input": logits(n, c), "target": probs(n, c), "weight": f32(rng.random(c) + 0.5).tolist(), "reduction": r})
        add(f"ce-prob-{n}x{c}-smooth-{r}", {"loss": "cross_entropy", "input": logits(n, c), "target": probs(n, c), "label_smoothing": 0.2, "reduction": r})
    add(f"ce-prob-unbatched-{r}", {"loss": "cross_entropy", "input": logits(4), "target": probs(1, 4)[0], "reduction": r})
    pk = rng.random((2, 3, 2)) + 0.1
    add(f"ce-prob-kdim-{r}", {"loss": "cross_entropy", "input": logits(2, 3, 2), "target": f32(pk / pk.sum(axis=1, keepdims=True)).tolist(), "reduction": r})

# --- extreme logits
extremes = {
    "pm1000": [[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 999.0]],
    "pm1e4": [[1e4, -1e4, 0.0], [-1e4, 1e4, 9999.5]],
    "seed-50-100-150": [[50.0, 100.0, 150.0], [150.0, 100.0, 50.0]],
    "1000-1001-1002": [[1000.0, 1001.0, 1002.0], [1002.0, 1001.0, 1000.0]],
    "neg-inf-entry": [["-inf", 1.0, 2.0], [0.5, "-inf", 0.0]],
    "nan-entry": [["nan", 1.0, 2.0], [0.5, 0.2, 0.0]],
    "pos-inf-entry": [["inf", 1.0, 2.0], [0.5, 0.2, 0.0]],
}
for name, x in extremes.items():
    for r in REDUCTIONS:
        add(f"ce-extreme-{name}-{r}", {"loss": "cross_entropy", "input": x, "target": [2, 0], "reduction": r})
    add(f"ce-extreme-{name}-smooth", {"loss": "cross_entropy", "input": x, "target": [2, 0], "label_smoothing": 0.1})
add("ce-extreme-target-at-neg-inf", {"loss": "cross_entropy", "input": [["-inf", 1.0, 2.0]], "target": [0]})

# --- nll_loss
for r in REDUCTIONS:
    for n, c in ((3, 4), (5, 2)):
        lp = torch.log_softmax(torch.tensor(logits(n, c)), 1).numpy()
        y = rng.integers(c, size=n).tolist()
        add(f"nll-{n}x{c}-{r}", {"loss": "nll_loss", "input": f32(lp).tolist(), "target": y, "reduction": r})
        add(f"nll-{n}x{c}-weight-{r}", {"loss": "nll_loss", "input": f32(lp).tolist(), "target": y, "weight": f32(rng.random(c) + 0.2).tolist(), "reduction": r})
    add(f"nll-ignore-{r}", {"loss": "nll_loss", "input": f32(-rng.random((3, 3))).tolist(), "target": [1, -100, 0], "reduction": r})
    add(f"nll-unbatched-{r}", {"loss": "nll_loss", "input": [-0.5, -1.2, -2.0], "target": 2, "reduction": r})
    add(f"nll-kdim-{r}", {"loss": "nll_loss", "input": f32(-rng.random((2, 3, 2))).tolist(), "target": [[0, 2], [1, 1]], "reduction": r})
    add(f"nll-all-ignored-{r}", {"loss": "nll_loss", "input": [[-1.0, -2.0]], "target": [-100], "reduction": r})

# --- binary_cross_entropy
for r in REDUCTIONS:
    for shape in ((4,), (3, 2), (2, 2, 3)):
        p = f32(rng.random(shape) * 0.98 + 0.01).tolist()
        t = rng.integers(2, size=shape).astype(float).tolist()
        add(f"bce-{'x'.join(map(str, shape))}-{r}", {"loss": "binary_cross_entropy", "input": p, "target": t, "reduction": r})
        add(f"bce-{'x'.join(map(str, shape))}-weight-{r}", {"loss": "binary_cross_entropy", "input": p, "target": t, "weight": f32(rng.random(shape) + 0.5).tolist(), "reduction": r})
    add(f"bce-p0-p1-{r}", {"loss": "binary_cross_entropy", "input": [0.0, 1.0, 0.0, 1.0], "target": [1.0, 0.0, 0.0, 1.0], "reduction": r})
    add(f"bce-soft-targets-{r}", {"loss": "binary_cross_entropy", "input": [0.3, 0.9, 0.5], "target": [0.2, 0.7, 0.5], "reduction": r})
    add(f"bce-weight-broadcast-{r}", {"loss": "binary_cross_entropy", "input": [[0.3, 0.9], [0.6, 0.1]], "target": [[0.0, 1.0], [1.0, 0.0]], "weight": [2.0, 0.5], "reduction": r})
    add(f"bce-saturated-sigmoid-{r}", {"loss": "binary_cross_entropy", "input": [1.0, 0.0], "target": [0.0, 1.0], "reduction": r})

# --- binary_cross_entropy_with_logits
for r in REDUCTIONS:
    for shape in ((4,), (3, 2), (2, 2, 3)):
        x = logits(*shape)
        t = rng.integers(2, size=shape).astype(float).tolist()
        add(f"bcel-{'x'.join(map(str, shape))}-{r}", {"loss": "binary_cross_entropy_with_logits", "input": x, "target": t, "reduction": r})
        add(f"bcel-{'x'.join(map(str, shape))}-posweight-{r}", {"loss": "binary_cross_entropy_with_logits", "input": x, "target": t, "pos_weight": f32(rng.random(shape[-1]) * 3 + 0.2).tolist(), "reduction": r})
        add(f"bcel-{'x'.join(map(str, shape))}-weight-posweight-{r}", {"loss": "binary_cross_entropy_with_logits", "input": x, "target": t, "weight": f32(rng.random(shape) + 0.5).tolist(), "pos_weight": f32(rng.random(shape[-1]) * 3 + 0.2).tolist(), "reduction": r})
    add(f"bcel-saturating-{r}", {"loss": "binary_cross_entropy_with_logits", "input": [100.0, -100.0, 100.0, -100.0, 0.0], "target": [1.0, 0.0, 0.0, 1.0, 1.0], "reduction": r})
    add(f"bcel-posweight-scalar-{r}", {"loss": "binary_cross_entropy_with_logits", "input": [[0.2, -1.0], [2.0, 0.0]], "target": [[1.0, 0.0], [1.0, 1.0]], "pos_weight": [3.0], "reduction": r})
    add(f"bcel-soft-targets-{r}", {"loss": "binary_cross_entropy_with_logits", "input": [0.2, -1.5, 3.0], "target": [0.3, 0.5, 0.9], "reduction": r})

# --- regression losses
for r in REDUCTIONS:
    for shape in ((5,), (3, 4)):
        x, t = logits(*shape, scale=3.0), logits(*shape, scale=3.0)
        tag = "x".join(map(str, shape))
        add(f"mse-{tag}-{r}", {"loss": "mse_loss", "input": x, "target": t, "reduction": r})
        add(f"l1-{tag}-{r}", {"loss": "l1_loss", "input": x, "target": t, "reduction": r})
        for delta in (0.5, 1.0, 2.5):
            add(f"huber-{tag}-d{delta}-{r}", {"loss": "huber_loss", "input": x, "target": t, "delta": delta, "reduction": r})
        for beta in (0.0, 0.5, 1.0, 3.0):
            add(f"smoothl1-{tag}-b{beta}-{r}", {"loss": "smooth_l1_loss", "input": x, "target": t, "beta": beta, "reduction": r})
    add(f"l1-zero-difference-{r}", {"loss": "l1_loss", "input": [1.0, 2.0, 3.0], "target": [1.0, 0.0, 3.0], "reduction": r})
    add(f"huber-at-delta-{r}", {"loss": "huber_loss", "input": [1.0, -1.0, 0.0], "target": [0.0, 0.0, 0.0], "delta": 1.0, "reduction": r})

# --- kl_div
for r in ("mean", "sum", "none", "batchmean"):
    for n, c in ((2, 3), (4, 5)):
        lp = f32(torch.log_softmax(torch.tensor(logits(n, c)), 1).numpy()).tolist()
        add(f"kl-{n}x{c}-{r}", {"loss": "kl_div", "input": lp, "target": probs(n, c), "reduction": r})
        lt = f32(torch.log_softmax(torch.tensor(logits(n, c)), 1).numpy()).tolist()
        add(f"kl-{n}x{c}-logtarget-{r}", {"loss": "kl_div", "input": lp, "target": lt, "reduction": r, "log_target": True})
    add(f"kl-zero-target-{r}", {"loss": "kl_div", "input": [[-1.0, -0.5, -2.0]], "target": [[0.0, 1.0, 0.0]], "reduction": r})

# --- sigmoid_focal_loss (torchvision's defaults: alpha 0.25, gamma 2, reduction none)
for r in (None, "none", "mean", "sum"):
    for shape in ((4,), (3, 2)):
        x = logits(*shape)
        t = rng.integers(2, size=shape).astype(float).tolist()
        base = {"loss": "sigmoid_focal_loss", "input": x, "target": t}
        if r:
            base["reduction"] = r
        tag = f"{'x'.join(map(str, shape))}-{r or 'default'}"
        add(f"focal-{tag}", base)
        add(f"focal-{tag}-a0.5-g0", dict(base, alpha=0.5, gamma=0.0))
        add(f"focal-{tag}-noalpha-g3", dict(base, alpha=-1.0, gamma=3.0))

# --- inputs PyTorch rejects
bad = [
    ("err-target-out-of-range", {"loss": "cross_entropy", "input": [[2.0, 1.0, 0.1]], "target": [5]}),
    ("err-target-negative", {"loss": "cross_entropy", "input": [[2.0, 1.0, 0.1]], "target": [-1]}),
    ("err-nll-target-out-of-range", {"loss": "nll_loss", "input": [[-1.0, -2.0]], "target": [2]}),
    ("err-shape-mismatch", {"loss": "cross_entropy", "input": [[2.0, 1.0, 0.1], [0.0, 1.0, 2.0]], "target": [0, 1, 2]}),
    ("err-kdim-shape-mismatch", {"loss": "cross_entropy", "input": logits(2, 3, 4), "target": [[0, 1, 2], [0, 1, 2]]}),
    ("err-prob-target-shape", {"loss": "cross_entropy", "input": [[2.0, 1.0, 0.1]], "target": [[0.5, 0.5]]}),
    ("err-bce-above-one", {"loss": "binary_cross_entropy", "input": [0.5, 1.5], "target": [1.0, 0.0]}),
    ("err-bce-negative", {"loss": "binary_cross_entropy", "input": [-0.1, 0.5], "target": [1.0, 0.0]}),
    ("err-bce-shape", {"loss": "binary_cross_entropy", "input": [0.5, 0.5], "target": [1.0, 0.0, 1.0]}),
    ("err-bcel-shape", {"loss": "binary_cross_entropy_with_logits", "input": [0.5, 0.5], "target": [1.0, 0.0, 1.0]}),
    ("err-unknown-reduction", {"loss": "cross_entropy", "input": [[2.0, 1.0]], "target": [0], "reduction": "average"}),
    ("err-weight-length", {"loss": "cross_entropy", "input": [[2.0, 1.0, 0.1]], "target": [0], "weight": [1.0, 2.0]}),
    ("err-nll-weight-length", {"loss": "nll_loss", "input": [[-1.0, -2.0]], "target": [0], "weight": [1.0, 2.0, 3.0]}),
    ("err-smoothing-above-one", {"loss": "cross_entropy", "input": [[2.0, 1.0]], "target": [0], "label_smoothing": 1.5}),
    ("err-non-integer-index", {"loss": "cross_entropy", "input": [[2.0, 1.0, 0.1]], "target": [0.5]}),
    ("err-mse-broadcast", {"loss": "mse_loss", "input": [1.0, 2.0, 3.0], "target": [1.0, 2.0]}),
    ("err-batchmean-not-kl", {"loss": "cross_entropy", "input": [[2.0, 1.0]], "target": [0], "reduction": "batchmean"}),
    ("err-unbatched-target-vector", {"loss": "cross_entropy", "input": [2.0, 1.0, 0.1], "target": [0, 1]}),
]
for case_id, request in bad:
    add(case_id, request, expect_error=True)

# --- parity edges (issue 18): weights of the regression losses, per-loss keyword options,
# BCE's target range, ignore_index with probability targets, infinite Huber/smooth-L1 residuals
for loss in ("mse_loss", "l1_loss", "huber_loss"):
    for r in REDUCTIONS:
        add(f"{loss}-weight-{r}", {"loss": loss, "input": [1.0, 2.0], "target": [0.0, 0.0], "weight": [1.0, 3.0], "reduction": r})
        add(f"{loss}-weight-2d-{r}", {"loss": loss, "input": logits(2, 3), "target": logits(2, 3), "weight": [[0.5, 1.0, 2.0], [0.0, 3.0, 1.5]], "reduction": r})
    add(f"{loss}-weight-broadcast-target", {"loss": loss, "input": [[1.0, 2.0, -1.0]], "target": [[0.0], [1.0]], "weight": [[1.0, 2.0, 0.5]]})
    add(f"err-{loss}-weight-size", {"loss": loss, "input": [1.0, 2.0], "target": [0.0, 0.0], "weight": [1.0, 2.0, 3.0]}, expect_error=True)
    add(f"err-{loss}-weight-broadcastable", {"loss": loss, "input": [[1.0, 2.0], [3.0, 4.0]], "target": [[0.0, 0.0], [0.0, 0.0]], "weight": [1.0, 2.0]}, expect_error=True)
add("huber_loss-weight-delta", {"loss": "huber_loss", "input": [0.5, 3.0], "target": [0.0, 0.0], "weight": [2.0, 0.5], "delta": 2.0})
unexpected = [
    ("binary_cross_entropy", "pos_weight", [1.0]), ("nll_loss", "label_smoothing", 0.1), ("kl_div", "weight", [1.0]),
    ("smooth_l1_loss", "weight", [1.0]), ("sigmoid_focal_loss", "weight", [1.0]), ("mse_loss", "delta", 1.0),
    ("l1_loss", "beta", 1.0), ("cross_entropy", "pos_weight", [1.0]), ("binary_cross_entropy_with_logits", "ignore_index", 1),
    ("kl_div", "gamma", 2.0), ("huber_loss", "beta", 1.0), ("smooth_l1_loss", "delta", 1.0),
]
for loss, key, value in unexpected:
    x, t = ([[0.5]], [[0.5]]) if loss not in ("cross_entropy", "nll_loss") else ([[-0.5, -1.0]], [0])
    add(f"err-{loss}-takes-no-{key}", {"loss": loss, "input": x, "target": t, key: value}, expect_error=True)
add("err-bce-target-above-one", {"loss": "binary_cross_entropy", "input": [0.5, 0.5], "target": [1.5, 0.0]}, expect_error=True)
add("err-bce-target-negative", {"loss": "binary_cross_entropy", "input": [0.5, 0.5], "target": [-0.25, 0.0]}, expect_error=True)
add("err-bce-target-nan", {"loss": "binary_cross_entropy", "input": [0.5, 0.5], "target": ["nan", 0.0]}, expect_error=True)
add("err-ce-prob-target-ignore-index", {"loss": "cross_entropy", "input": [[1.0, 2.0]], "target": [[0.3, 0.7]], "ignore_index": 1}, expect_error=True)
add("ce-prob-target-default-ignore-index", {"loss": "cross_entropy", "input": [[1.0, 2.0]], "target": [[0.3, 0.7]], "ignore_index": -100})
add("ce-prob-target-negative-ignore-index", {"loss": "cross_entropy", "input": [[1.0, 2.0]], "target": [[0.3, 0.7]], "ignore_index": -1})
add("ce-ignored-row-all-neg-inf", {"loss": "cross_entropy", "input": [["-inf", "-inf"], [1.0, 2.0]], "target": [-100, 1]})
# Non-finite logits at ignored positions: selected away, not multiplied by a zero weight; the
# log-softmax backward still makes a NaN or +inf row's gradient NaN, as PyTorch's does.
for r in REDUCTIONS:
    for bad in ("-inf", "inf", "nan"):
        add(f"ce-ignored-row-{bad}-{r}", {"loss": "cross_entropy", "input": [[bad, 1.0], [1.0, 2.0]], "target": [-100, 1], "reduction": r})
        add(f"nll-ignored-row-{bad}-{r}", {"loss": "nll_loss", "input": [[bad, 1.0], [1.0, 2.0]], "target": [-100, 1], "reduction": r})
        add(f"ce-3d-ignored-{bad}-{r}", {"loss": "cross_entropy", "input": [[[[bad]], [[1.0]]], [[[1.0]], [[2.0]]]], "target": [[[-100]], [[1]]], "reduction": r})
    add(f"ce-ignored-row-inf-smoothing-{r}", {"loss": "cross_entropy", "input": [["-inf", 1.0, 0.5], [1.0, 2.0, 0.0]], "target": [-100, 1], "label_smoothing": 0.1, "reduction": r})
# Class weights that sum to 0 over the targets: NaN loss and NaN gradients (all ignored: zeros).
add("ce-zero-total-weight", {"loss": "cross_entropy", "input": [[1.0, 2.0], [1.0, 2.0]], "target": [0, 0], "weight": [0.0, 1.0]})
add("ce-zero-total-weight-mixed", {"loss": "cross_entropy", "input": [[1.0, 2.0], [1.0, 2.0]], "target": [0, -100], "weight": [0.0, 1.0]})
add("ce-zero-total-weight-smoothing", {"loss": "cross_entropy", "input": [[1.0, 2.0], [1.0, 2.0]], "target": [0, 0], "weight": [0.0, 1.0], "label_smoothing": 0.1})
add("ce-3d-zero-total-weight", {"loss": "cross_entropy", "input": [[[1.0], [2.0]]], "target": [[0]], "weight": [0.0, 1.0]})
add("nll-zero-total-weight", {"loss": "nll_loss", "input": [[1.0, 2.0], [1.0, 2.0]], "target": [0, 0], "weight": [0.0, 1.0]})
# A NaN or infinite weight of a class no target uses, without smoothing.
for w in ("nan", "inf"):
    add(f"ce-unused-class-weight-{w}", {"loss": "cross_entropy", "input": [[1.0, 2.0]], "target": [0], "weight": [1.0, w]})
    add(f"ce-3d-unused-class-weight-{w}", {"loss": "cross_entropy", "input": [[[1.0], [2.0]]], "target": [[0]], "weight": [1.0, w]})
    add(f"nll-unused-class-weight-{w}", {"loss": "nll_loss", "input": [[-1.0, -2.0]], "target": [0], "weight": [1.0, w]})
    for r in REDUCTIONS:
        add(f"ce-unused-class-weight-{w}-smoothing-{r}", {"loss": "cross_entropy", "input": [[1.0, 2.0], [0.5, -1.0]], "target": [0, 0], "weight": [1.0, w], "label_smoothing": 0.1, "reduction": r})
        add(f"ce-3d-unused-class-weight-{w}-smoothing-{r}", {"loss": "cross_entropy", "input": [[[1.0], [2.0]]], "target": [[0]], "weight": [1.0, w], "label_smoothing": 0.1, "reduction": r})
# sigmoid focal loss with gamma 0 at infinite logits: the factor's zero gradient is not 0 x inf.
add("focal-gamma0-infinite-logits", {"loss": "sigmoid_focal_loss", "input": ["inf", "-inf", 2.0], "target": [0.0, 1.0, 1.0], "gamma": 0.0, "reduction": "none"})
# An empty class dimension: answered when no target needs a class, as PyTorch does.
for r in REDUCTIONS:
    add(f"ce-no-classes-all-ignored-{r}", {"loss": "cross_entropy", "input": [[], []], "target": [-100, -100], "reduction": r})
    add(f"ce-no-classes-probabilities-{r}", {"loss": "cross_entropy", "input": [[], []], "target": [[], []], "reduction": r})
    add(f"nll-no-classes-all-ignored-{r}", {"loss": "nll_loss", "input": [[], []], "target": [-100, -100], "reduction": r})
add("ce-no-classes-smoothing", {"loss": "cross_entropy", "input": [[], []], "target": [-100, -100], "label_smoothing": 0.1})
add("err-ce-no-classes-target", {"loss": "cross_entropy", "input": [[], []], "target": [0, -100]}, expect_error=True)
# A long confident row: cross-entropy is never negative.
long_row = [0.0] * 600
long_row[3] = 40.0
add("ce-long-confident-row-not-negative", {"loss": "cross_entropy", "input": [long_row], "target": [3]})
for loss, key in (("huber_loss", "delta"), ("smooth_l1_loss", "beta")):
    for value in (1.0, 2.0, 0.5):
        for r in REDUCTIONS:
            add(f"{loss}-infinite-residual-{key}{value}-{r}", {"loss": loss, "input": ["inf", "-inf", 0.5], "target": [0.0, 0.0, 0.0], key: value, "reduction": r})
# Names PyTorch has no function for: an error by construction.
# PyTorch checks only label_smoothing <= 1 and silently treats a negative value as 0; the
# contract makes any value outside [0, 1] an error, so this one is an error by contract.
cases.append({"id": "err-smoothing-negative", "request": {"loss": "cross_entropy", "input": [[2.0, 1.0]], "target": [0], "label_smoothing": -0.1}, "expect": {"error": True}})
cases.append({"id": "err-unknown-loss", "request": {"loss": "hinge_loss", "input": [1.0], "target": [1.0]}, "expect": {"error": True}})


# --- the random differential check (issue 18): requests drawn at random over every loss,
# option, layout and value style; PyTorch answers each (or rejects it). A fixed seed keeps the
# file stable; its cases go to differential_cases.jsonl, checked through the real binary.
drng = random.Random(20261128)
STYLES = ("normal", "large", "exp-edge", "ties", "denormal", "sprinkled", "masked")


def draw_values(count, style, probabilities=False):
    if probabilities:
        values = [drng.choice([0.0, 1.0, drng.random(), drng.random(), 0.5]) for _ in range(count)]
        return [float(np.float32(v)) for v in values]
    base = {
        "normal": lambda: drng.gauss(0, 2),
        "large": lambda: drng.choice([1.0, -1.0]) * drng.uniform(1e3, 1e4),
        "exp-edge": lambda: drng.choice([1.0, -1.0]) * drng.uniform(88, 90),
        "ties": lambda: drng.choice([0.0, 1.0, 1.0, 2.0]),
        "denormal": lambda: drng.choice([1e-40, -1e-40, 0.0, 1.0]),
        "sprinkled": lambda: drng.gauss(0, 2),
        "masked": lambda: drng.gauss(0, 2),
    }[style]
    values = [float(np.float32(base())) for _ in range(count)]
    if style == "sprinkled":
        for _ in range(max(1, count // 6)):
            values[drng.randrange(count)] = drng.choice(["nan", "inf", "-inf"])
    if style == "masked":
        for _ in range(max(1, count // 4)):
            values[drng.randrange(count)] = "-inf"
    return values


def nest(values, shape):
    if not shape:
        return values[0]
    if len(shape) == 1:
        return values[: shape[0]]
    step = int(np.prod(shape[1:]))
    return [nest(values[i * step : (i + 1) * step], shape[1:]) for i in range(shape[0])]


def random_request():
    loss = drng.choice(list(FUNCTIONS))
    style = drng.choice(STYLES)
    request = {"loss": loss}
    r = drng.choice(["mean", "sum", "none", None])
    if r:
        request["reduction"] = r
    if loss in INDEX_TARGETS:
        c = drng.choice([2, 3, 5, 9])
        layout = drng.choice([(), (drng.randint(1, 4),), (drng.randint(1, 3), drng.randint(1, 3))])
        shape = ((layout[0], c) + layout[1:]) if layout else (c,)
        request["input"] = nest(draw_values(int(np.prod(shape)), style), list(shape))
        tshape = list(layout[:1] + layout[1:])
        ignore = drng.choice([-100, -100, 1, -1])
        if loss == "cross_entropy" and drng.random() < 0.25:
            request["target"] = nest(draw_values(int(np.prod(shape)), "normal", probabilities=True), list(shape))
        else:
            count = int(np.prod(tshape)) if tshape else 1
            targets = [drng.choice(list(range(c)) + [ignore]) for _ in range(count)]
            request["target"] = nest(targets, tshape) if tshape else targets[0]
        if ignore != -100 and drng.random() < 0.7:
            request["ignore_index"] = ignore
        if drng.random() < 0.4:
            request["weight"] = draw_values(c, drng.choice(["normal", "ties"]))
            request["weight"] = [abs(w) if isinstance(w, float) else w for w in request["weight"]]
        if loss == "cross_entropy" and drng.random() < 0.3:
            request["label_smoothing"] = drng.choice([0.0, 0.1, 0.25, 1.0])
    else:
        shape = drng.choice([(drng.randint(1, 6),), (drng.randint(1, 3), drng.randint(1, 4))])
        probabilities = loss == "binary_cross_entropy"
        request["input"] = nest(draw_values(int(np.prod(shape)), style, probabilities), list(shape))
        target_probabilities = loss in ("binary_cross_entropy", "binary_cross_entropy_with_logits", "sigmoid_focal_loss")
        request["target"] = nest(draw_values(int(np.prod(shape)), "normal" if target_probabilities else style, target_probabilities), list(shape))
        if loss in ("binary_cross_entropy", "binary_cross_entropy_with_logits", "mse_loss", "l1_loss", "huber_loss") and drng.random() < 0.3:
            request["weight"] = nest([abs(v) for v in draw_values(int(np.prod(shape)), "ties")], list(shape))
        if loss == "binary_cross_entropy_with_logits" and drng.random() < 0.3:
            request["pos_weight"] = [abs(v) for v in draw_values(shape[-1], "ties")]
        if loss == "huber_loss" and drng.random() < 0.5:
            request["delta"] = drng.choice([0.5, 1.0, 2.0])
        if loss == "smooth_l1_loss" and drng.random() < 0.5:
            request["beta"] = drng.choice([0.0, 0.5, 1.0, 2.0])
        if loss == "kl_div":
            if drng.random() < 0.5:
                request["log_target"] = drng.choice([True, False])
            if r is None and drng.random() < 0.3:
                request["reduction"] = "batchmean"
        if loss == "sigmoid_focal_loss":
            if drng.random() < 0.5:
                request["gamma"] = drng.choice([0.0, 1.0, 2.0, 5.0])
            if drng.random() < 0.5:
                request["alpha"] = drng.choice([0.25, 0.5, -1.0])
    return request


def finite_pattern(answer):
    """Which numbers of an answer are finite, in order."""
    flat = []

    def walk(v):
        if isinstance(v, list):
            for item in v:
                walk(item)
        else:
            flat.append(not isinstance(v, str))

    walk(answer["loss"])
    walk(answer["grad"])
    return flat


differential = []
while len(differential) < 2000:
    request = random_request()
    try:
        expect = reference(request)
        # Where an intermediate overflows float32 (e^89 in kl_div's log_target), PyTorch's own
        # float32 answer is the one a float32 computation can give: use it there.
        single = reference(request, dtype=torch.float32)
        if finite_pattern(single) != finite_pattern(expect):
            expect = dict(single, float32_reference=True)
    except Exception:  # noqa: BLE001 - PyTorch rejected it: the expected answer is an error
        expect = {"error": True}
    differential.append({"id": f"random-{len(differential)}", "request": request, "expect": expect})
with open(os.path.join(HERE, "differential_cases.jsonl"), "w") as out:
    for case in differential:
        out.write(json.dumps(case, allow_nan=False) + "\n")
print(f"differential_cases.jsonl: {len(differential)} random requests")

with open(os.path.join(HERE, "loss_cases.jsonl"), "w") as out:
    for case in cases:
        out.write(json.dumps(case, allow_nan=False) + "\n")
print(f"loss_cases.jsonl: {len(cases)} cases")


# --- training trajectories
def trajectory(case_id, x, y, w0, b0, optimizer="sgd", lr=0.1, momentum=0.0, class_weight=None, smoothing=0.0, steps=12):
    torch.manual_seed(0)
    layer = torch.nn.Linear(len(x[0]), len(w0)).double()
    with torch.no_grad():
        layer.weight.copy_(torch.tensor(w0, dtype=torch.float64))
        layer.bias.copy_(torch.tensor(b0, dtype=torch.float64))
    if optimizer == "sgd":
        opt = torch.optim.SGD(layer.parameters(), lr=lr, momentum=momentum)
    else:
        opt = torch.optim.Adam(layer.parameters(), lr=lr)
    xs = torch.tensor(x, dtype=torch.float64)
    ys = torch.tensor(y)
    cw = torch.tensor(class_weight, dtype=torch.float64) if class_weight else None
    expect = []
    for step in range(steps):
        out = layer(xs)
        loss = F.cross_entropy(out, ys, weight=cw, label_smoothing=smoothing)
        loss.backward()
        opt.step()
        opt.zero_grad()
        expect.append({"step": step, "loss": loss.item(), "logits": out.detach().tolist()})
    args = ["--inputs", json.dumps(x), "--targets", json.dumps(y), "--weight-init", json.dumps(w0),
            "--bias-init", json.dumps(b0), "--optimizer", optimizer, "--lr", str(lr), "--steps", str(steps)]
    if momentum:
        args += ["--momentum", str(momentum)]
    if class_weight:
        args += ["--class-weight", json.dumps(class_weight)]
    if smoothing:
        args += ["--label-smoothing", str(smoothing)]
    return {"id": case_id, "args": args, "expect": expect}


def init(c, d):
    bound = 1 / math.sqrt(d)
    return f32(rng.uniform(-bound, bound, (c, d))).tolist(), f32(rng.uniform(-bound, bound, c)).tolist()


train = []
w, b = init(3, 3)
train.append(trajectory("seed-sgd", [[1.0, 0.0, 0.0]], [2], w, b, steps=51))
train.append(trajectory("seed-momentum", [[1.0, 0.0, 0.0]], [2], w, b, momentum=0.9, steps=20))
train.append(trajectory("seed-adam", [[1.0, 0.0, 0.0]], [2], w, b, optimizer="adam", lr=0.01, steps=20))
xb = f32(rng.normal(size=(6, 4))).tolist()
yb = [0, 1, 2, 2, 1, 0]
w, b = init(3, 4)
train.append(trajectory("batch-sgd", xb, yb, w, b, lr=0.5, steps=15))
train.append(trajectory("batch-momentum-weights", xb, yb, w, b, lr=0.2, momentum=0.5, class_weight=[1.0, 3.0, 0.5], steps=15))
train.append(trajectory("batch-adam-smoothing", xb, yb, w, b, optimizer="adam", lr=0.05, smoothing=0.2, steps=15))
train.append(trajectory("batch-adam-weights-smoothing", xb, yb, w, b, optimizer="adam", lr=0.02, class_weight=[2.0, 1.0, 0.5], smoothing=0.1, steps=15))
with open(os.path.join(HERE, "train_cases.jsonl"), "w") as out:
    for case in train:
        out.write(json.dumps(case) + "\n")
print(f"train_cases.jsonl: {len(train)} trajectories")


# --- dashboard key scripts: the scenario the keys should produce, and PyTorch's numbers for it
def dashboard_numbers(z, y, w, loss, reduction="mean", smoothing=0.0, gamma=2.0, labels=None):
    x = torch.tensor(z, dtype=torch.float64, requires_grad=True)
    t = torch.tensor(y)
    wt = torch.tensor(w, dtype=torch.float64)
    # Per-logit targets (multi-label or probability rows) are the dense target; NLL and focal
    # take the class index, each row's largest.
    onehot = torch.tensor(labels, dtype=torch.float64) if labels is not None else F.one_hot(t, len(w)).double()

    def compute(r):
        if loss == "cross_entropy":
            return F.cross_entropy(x, onehot if labels is not None else t, weight=wt, label_smoothing=smoothing, reduction=r)
        if loss == "nll_log_softmax":
            return F.nll_loss(F.log_softmax(x, 1), t, weight=wt, reduction=r)
        if loss == "bce_with_logits":
            return F.binary_cross_entropy_with_logits(x, onehot, weight=wt, reduction=r)
        if loss == "focal":
            logp = F.log_softmax(x, 1).gather(1, t[:, None])[:, 0]
            per = -wt[t] * (1 - logp.exp()) ** gamma * logp
            return {"none": per, "sum": per.sum(), "mean": per.sum() / wt[t].sum()}[r]
        if loss == "mse_probabilities":
            return F.mse_loss(torch.softmax(x, 1), onehot, reduction=r)
        if loss == "nll_loss":
            # PyTorch's nll_loss on the rows as they are: no log-softmax.
            return F.nll_loss(x, t, weight=wt, reduction=r)
        raise ValueError(loss)

    value = compute(reduction)
    (grad,) = torch.autograd.grad(value.sum(), x)
    per = compute("none").detach()
    if per.dim() == 2:
        per = per.sum(1)
    probs = torch.sigmoid(x) if loss == "bce_with_logits" else x.exp() if loss == "nll_loss" else torch.softmax(x, 1)
    return {"loss": encode(value), "per_sample": encode(per), "probabilities": encode(probs), "grad": encode(grad)}


def descend(z, y, w, loss, lr, reduction="mean", smoothing=0.0):
    grad = dashboard_numbers(z, y, w, loss, reduction, smoothing)["grad"]
    return [[a - lr * g for a, g in zip(row, grow)] for row, grow in zip(z, grad)]


dashboard = []


def dcase(case_id, state, keys, z, y, w, loss="cross_entropy", reduction="mean", smoothing=0.0, lr=1.0, gamma=2.0, labels=None, form="index"):
    scenario = {"logits": z, "targets": y, "weights": w, "loss": loss, "reduction": reduction,
                "label_smoothing": smoothing, "learning_rate": lr, "focal_gamma": gamma, "target_form": form}
    if labels is not None:
        scenario["labels"] = labels
    dashboard.append({
        "id": case_id, "state": state, "keys": keys, "scenario": scenario,
        "expect": dashboard_numbers(z, y, w, loss, reduction, smoothing if loss == "cross_entropy" else 0.0, gamma, labels),
    })


ONE = "v1;z=2,1,0.1;y=0"
BATCH = "v1;z=2,1,0.1|0,5,0.2;y=0,1"
WEIGHTED = "v1;z=2,1|2,1;y=1,1;w=1,10"
dcase("start", ONE, "", [[2, 1, 0.1]], [0], [1, 1, 1])
dcase("right-x5", ONE, "right right right right right", [[2.5, 1, 0.1]], [0], [1, 1, 1])
dcase("right-x2", ONE, "right right", [[2.2, 1, 0.1]], [0], [1, 1, 1])
dcase("left", ONE, "left left", [[1.8, 1, 0.1]], [0], [1, 1, 1])
dcase("k-selects-up", ONE, "k right", [[2, 1, 0.2]], [0], [1, 1, 1])
dcase("h-and-l", ONE, "l l h", [[2.1, 1, 0.1]], [0], [1, 1, 1])
dcase("shift-arrows", ONE, "shift-right down shift-left", [[3, 0, 0.1]], [0], [1, 1, 1])
dcase("big-steps-letters", ONE, "shift-right shift-right j H", [[4, 0, 0.1]], [0], [1, 1, 1])
dcase("target", ONE, "down t", [[2, 1, 0.1]], [1], [1, 1, 1])
dcase("target-wraps-up", ONE, "up t", [[2, 1, 0.1]], [2], [1, 1, 1])
dcase("weights", WEIGHTED, "W W w w w", [[2, 1], [2, 1]], [1, 1], [1, 9.9])
dcase("weight-floor", WEIGHTED, "up w w w w w w w w w w w w", [[2, 1], [2, 1]], [1, 1], [0, 10])
dcase("smoothing", ONE, "S S S", [[2, 1, 0.1]], [0], [1, 1, 1], smoothing=0.15)
dcase("smoothing-down", ONE, "S S S s", [[2, 1, 0.1]], [0], [1, 1, 1], smoothing=0.1)
dcase("reduction-sum", BATCH, "r", [[2, 1, 0.1], [0, 5, 0.2]], [0, 1], [1, 1, 1], reduction="sum")
dcase("reduction-none", BATCH, "r r", [[2, 1, 0.1], [0, 5, 0.2]], [0, 1], [1, 1, 1], reduction="none")
dcase("reduction-wraps", BATCH, "r r r", [[2, 1, 0.1], [0, 5, 0.2]], [0, 1], [1, 1, 1])
dcase("loss-nll", WEIGHTED, "tab", [[2, 1], [2, 1]], [1, 1], [1, 10], loss="nll_log_softmax")
dcase("loss-bce", WEIGHTED, "tab tab", [[2, 1], [2, 1]], [1, 1], [1, 10], loss="bce_with_logits")
dcase("loss-focal", WEIGHTED, "tab tab tab", [[2, 1], [2, 1]], [1, 1], [1, 10], loss="focal")
dcase("loss-mse", BATCH, "tab tab tab tab", [[2, 1, 0.1], [0, 5, 0.2]], [0, 1], [1, 1, 1], loss="mse_probabilities")
dcase("loss-back", BATCH, "shift-tab", [[2, 1, 0.1], [0, 5, 0.2]], [0, 1], [1, 1, 1], loss="mse_probabilities")
dcase("next-sample", BATCH, "n right", [[2, 1, 0.1], [0.1, 5, 0.2]], [0, 1], [1, 1, 1])
dcase("previous-sample-wraps", BATCH, "p right", [[2, 1, 0.1], [0.1, 5, 0.2]], [0, 1], [1, 1, 1])
dcase("add-sample", ONE, "a right", [[2, 1, 0.1], [2.1, 1, 0.1]], [0, 0], [1, 1, 1])
dcase("remove-sample", BATCH, "x", [[0, 5, 0.2]], [1], [1, 1, 1])
dcase("remove-last-kept", ONE, "x", [[2, 1, 0.1]], [0], [1, 1, 1])
dcase("descend", BATCH, "g", descend([[2, 1, 0.1], [0, 5, 0.2]], [0, 1], [1, 1, 1], "cross_entropy", 1.0), [0, 1], [1, 1, 1])
z1 = descend([[2, 1, 0.1]], [0], [1, 1, 1], "cross_entropy", 2.0)
dcase("descend-lr2-twice", ONE, "] g g", descend(z1, [0], [1, 1, 1], "cross_entropy", 2.0), [0], [1, 1, 1], lr=2.0)
dcase("descend-lr-half", ONE, "[ g", descend([[2, 1, 0.1]], [0], [1, 1, 1], "cross_entropy", 0.5), [0], [1, 1, 1], lr=0.5)
dcase("descend-weighted-focal", WEIGHTED, "tab tab tab g", descend([[2, 1], [2, 1]], [1, 1], [1, 10], "focal", 1.0), [1, 1], [1, 10], loss="focal")
dcase("undo", ONE, "right right u", [[2.1, 1, 0.1]], [0], [1, 1, 1])
dcase("undo-target", ONE, "down t u", [[2, 1, 0.1]], [0], [1, 1, 1])
dcase("reset", BATCH, "right t r tab 0", [[2, 1, 0.1], [0, 5, 0.2]], [0, 1], [1, 1, 1])
dcase("seed-1000", "v1;z=1000,1001,1002;y=2", "", [[1000, 1001, 1002]], [2], [1, 1, 1])
dcase("seed-50-100-150", "v1;z=50,100,150;y=0", "", [[50, 100, 150]], [0], [1, 1, 1])
# The loss curve's point: every dashboard loss, plain, with a class weight on the target, and
# with label smoothing (which only cross-entropy takes), and focal with γ raised by F F.
# Seed 004's rows, which are not normalised log-probabilities: nll_loss on them as they are,
# then Tab to NLL of log-softmax (the same rows normalised) and ⇧Tab to cross-entropy.
SEED4 = [[-0.5, -1.2, -2.0, -3.0], [-1.0, -0.2, -3.0, -2.0], [-2.0, -1.0, -0.1, -3.0]]
SEED4_STATE = "v1;loss=nll_loss;z=-0.5,-1.2,-2,-3|-1,-0.2,-3,-2|-2,-1,-0.1,-3;y=3,1,2"
dcase("seed004-nll-rows", SEED4_STATE, "", SEED4, [3, 1, 2], [1, 1, 1, 1], loss="nll_loss")
dcase("seed004-nll-rows-tab", SEED4_STATE, "tab", SEED4, [3, 1, 2], [1, 1, 1, 1], loss="nll_log_softmax")
dcase("seed004-nll-rows-back", SEED4_STATE, "shift-tab", SEED4, [3, 1, 2], [1, 1, 1, 1])
dcase("seed004-nll-rows-weighted-sum", SEED4_STATE + ";w=1,2,3,4;r=sum", "right", [[-0.5, -1.2, -2.0, -2.9]] + SEED4[1:], [3, 1, 2], [1, 2, 3, 4], loss="nll_loss", reduction="sum")
for loss in ["cross_entropy", "nll_log_softmax", "bce_with_logits", "focal", "mse_probabilities"]:
    dcase(f"curve-{loss}-plain", f"v1;loss={loss};z=2,1,0.1;y=0", "", [[2, 1, 0.1]], [0], [1, 1, 1], loss=loss)
    dcase(f"curve-{loss}-weighted", f"v1;loss={loss};z=2,1,0.1;y=0;w=3,1,1", "", [[2, 1, 0.1]], [0], [3, 1, 1], loss=loss)
    dcase(f"curve-{loss}-smoothed", f"v1;loss={loss};z=2,1,0.1;y=0;ls=0.1", "", [[2, 1, 0.1]], [0], [1, 1, 1], loss=loss, smoothing=0.1)
    dcase(f"curve-{loss}-batch", f"v1;loss={loss};z=2,1,0.1|0,5,0.2;y=0,1;w=3,1,2", "n", [[2, 1, 0.1], [0, 5, 0.2]], [0, 1], [3, 1, 2], loss=loss)
# Per-logit targets. Seed 004's BCE batch: three binary samples of one logit, 0.3461.
BIN = "v1;loss=bce_with_logits;z=0.2|-1|2;y=0,0,0;yf=multi;yl=1|0|1"
dcase("binary-seed004", BIN, "", [[0.2], [-1.0], [2.0]], [0, 0, 0], [1], loss="bce_with_logits", labels=[[1], [0], [1]], form="multi")
dcase("binary-toggle", BIN, "n t", [[0.2], [-1.0], [2.0]], [0, 0, 0], [1], loss="bce_with_logits", labels=[[1], [1], [1]], form="multi")
dcase("binary-weighted-sum", BIN + ";w=3;r=sum", "right", [[0.3], [-1.0], [2.0]], [0, 0, 0], [3], loss="bce_with_logits", reduction="sum", labels=[[1], [0], [1]], form="multi")
MULTI = "v1;loss=bce_with_logits;z=2,1,0.1|0,5,0.2;y=0,1;yf=multi;yl=1,0,1|0,1,1"
dcase("multi-label", MULTI, "", [[2, 1, 0.1], [0, 5, 0.2]], [0, 1], [1, 1, 1], loss="bce_with_logits", labels=[[1, 0, 1], [0, 1, 1]], form="multi")
dcase("multi-label-t", MULTI, "down t", [[2, 1, 0.1], [0, 5, 0.2]], [0, 1], [1, 1, 1], loss="bce_with_logits", labels=[[1, 1, 1], [0, 1, 1]], form="multi")
dcase("multi-label-weighted", MULTI + ";w=1,2,3", "", [[2, 1, 0.1], [0, 5, 0.2]], [0, 1], [1, 2, 3], loss="bce_with_logits", labels=[[1, 0, 1], [0, 1, 1]], form="multi")
dcase("multi-label-mse", MULTI, "tab tab", [[2, 1, 0.1], [0, 5, 0.2]], [0, 1], [1, 1, 1], loss="mse_probabilities", labels=[[1, 0, 1], [0, 1, 1]], form="multi")
dcase("multi-label-ce", MULTI, "shift-tab shift-tab", [[2, 1, 0.1], [0, 5, 0.2]], [0, 1], [1, 1, 1], labels=[[1, 0, 1], [0, 1, 1]], form="multi")
SOFT = "v1;z=2,1,0.1|0,5,0.2;y=0,1;yf=prob;yl=0.7,0.2,0.1|0.1,0.8,0.1"
dcase("soft-targets", SOFT, "", [[2, 1, 0.1], [0, 5, 0.2]], [0, 1], [1, 1, 1], labels=[[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]], form="prob")
dcase("soft-targets-weighted-smoothed", SOFT + ";w=1,10,2", "S S", [[2, 1, 0.1], [0, 5, 0.2]], [0, 1], [1, 10, 2], smoothing=0.1, labels=[[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]], form="prob")
dcase("soft-targets-t", SOFT, "down down t", [[2, 1, 0.1], [0, 5, 0.2]], [0, 1], [1, 1, 1], labels=[[0.6222, 0.1778, 0.2], [0.1, 0.8, 0.1]], form="prob")
dcase("soft-targets-focal", SOFT, "tab tab tab", [[2, 1, 0.1], [0, 5, 0.2]], [0, 1], [1, 1, 1], loss="focal", labels=[[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]], form="prob")
dcase("target-form-cycle", ONE, "Y", [[2, 1, 0.1]], [0], [1, 1, 1], labels=[[1, 0, 0]], form="multi")
dcase("target-form-cycle-prob", ONE, "Y down t Y", [[2, 1, 0.1]], [0], [1, 1, 1], labels=[[0.5, 0.5, 0]], form="prob")
dcase("target-form-back", ONE, "Y Y Y", [[2, 1, 0.1]], [0], [1, 1, 1])
# nll_loss reads the rows as log-probabilities, so its curve takes rows with p_y = e^{z_y} < 1.
dcase("curve-nll_loss-seed", SEED4_STATE, "n", SEED4, [3, 1, 2], [1, 1, 1, 1], loss="nll_loss")
dcase("curve-nll_loss-weighted", "v1;loss=nll_loss;z=-0.3,-1.5,-2.2;y=1;w=1,3,1", "", [[-0.3, -1.5, -2.2]], [1], [1, 3, 1], loss="nll_loss")
dcase("curve-focal-gamma-3", "v1;loss=focal;z=2,1,0.1;y=0", "F F", [[2, 1, 0.1]], [0], [1, 1, 1], loss="focal", gamma=3.0)
dcase("curve-focal-gamma-0", "v1;loss=focal;z=2,1,0.1;y=0", "f f f f f", [[2, 1, 0.1]], [0], [1, 1, 1], loss="focal", gamma=0.0)
with open(os.path.join(HERE, "dashboard_cases.json"), "w") as out:
    json.dump(dashboard, out, indent=1)
print(f"dashboard_cases.json: {len(dashboard)} key scripts")
