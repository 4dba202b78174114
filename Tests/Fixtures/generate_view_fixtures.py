"""PyTorch's numbers for the compare and landscape views: writes view_cases.json.

Run from anywhere: python3 Tests/Fixtures/generate_view_fixtures.py (needs torch).

Compare cases: for a sample (logits, target, class weights, focal gamma, label smoothing), the
five compared losses along the dashboard's curve path -- the target logit set so that the
softmax gives p_y = (k + 0.5) / 240, the other logits fixed -- at several grid indices k, and at
the sample's own logits: each loss (summed over classes for the elementwise ones) and
|dl/dz_y| from autograd.

Landscape cases: the per-sample loss over the landscape's pixel grid (the target's logit across,
a second class's logit up, every other logit fixed), and the minimum PyTorch finds on it.
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
RESOLUTION = 240


def f32(x):
    return float(np.float32(x))


def per_sample(name, z, y, w, gamma, smoothing):
    """Each row's loss for one compared loss, as the dashboard defines it."""
    t = torch.full((z.shape[0],), y, dtype=torch.long)
    wt = torch.tensor(w, dtype=z.dtype)
    onehot = F.one_hot(t, z.shape[1]).to(z.dtype)
    if name == "cross_entropy":
        return F.cross_entropy(z, t, weight=wt, reduction="none")
    if name == "smoothed":
        return F.cross_entropy(z, t, weight=wt, label_smoothing=smoothing, reduction="none")
    if name == "focal":
        logp = F.log_softmax(z, 1)[:, y]
        return -wt[y] * (1 - logp.exp()) ** gamma * logp
    if name == "mse":
        return F.mse_loss(torch.softmax(z, 1), onehot, reduction="none").sum(1)
    if name == "bce":
        return F.binary_cross_entropy_with_logits(z, onehot, weight=wt, reduction="none").sum(1)
    raise ValueError(name)


NAMES = ["cross_entropy", "focal", "smoothed", "mse", "bce"]


def evaluate(rows, y, w, gamma, smoothing):
    out = {}
    for name in NAMES:
        z = torch.tensor(rows, dtype=torch.float64, requires_grad=True)
        loss = per_sample(name, z, y, w, gamma, smoothing)
        (grad,) = torch.autograd.grad(loss.sum(), z)
        out[name] = {"loss": [f32(v) for v in loss.tolist()],
                     "grad": [f32(abs(g)) for g in grad[:, y].tolist()]}
    return out


def path_row(logits, y, p):
    others = [v for i, v in enumerate(logits) if i != y]
    top = max(others)
    rest = top + math.log(sum(math.exp(v - top) for v in others))
    row = list(logits)
    row[y] = math.log(p / (1 - p)) + rest
    return row


def compare_case(case_id, logits, y, w=None, gamma=2.0, smoothing=0.0, indices=(5, 30, 60, 120, 158, 200, 234)):
    w = w or [1.0] * len(logits)
    used_smoothing = smoothing if smoothing > 0 else 0.1
    ps = [(k + 0.5) / RESOLUTION for k in indices]
    along = evaluate([path_row(logits, y, p) for p in ps], y, w, gamma, used_smoothing)
    here = evaluate([logits], y, w, gamma, used_smoothing)
    p_y = torch.softmax(torch.tensor([logits], dtype=torch.float64), 1)[0, y].item()
    return {
        "id": case_id, "logits": logits, "target": y, "weights": w, "gamma": gamma,
        "smoothing": smoothing, "indices": list(indices), "p_y": f32(p_y),
        "along": along, "current": {k: {"loss": v["loss"][0], "grad": v["grad"][0]} for k, v in here.items()},
    }


def landscape_case(case_id, logits, y, second, centre, half_height, columns, pixel_rows, loss="cross_entropy", w=None, smoothing=0.0, gamma=2.0):
    w = w or [1.0] * len(logits)
    half_width = half_height * columns / pixel_rows
    rows = []
    for j in range(pixel_rows):
        zs = f32(centre[1] + half_height - (j + 0.5) / pixel_rows * 2 * half_height)
        for i in range(columns):
            zt = f32(centre[0] - half_width + (i + 0.5) / columns * 2 * half_width)
            row = list(logits)
            row[y] = zt
            row[second] = zs
            rows.append(row)
    z = torch.tensor(rows, dtype=torch.float64)
    name = {"cross_entropy": "smoothed" if smoothing > 0 else "cross_entropy", "focal": "focal",
            "mse_probabilities": "mse", "bce_with_logits": "bce"}[loss]
    values = per_sample(name, z, y, w, gamma, smoothing)
    index = int(torch.argmin(values).item())
    return {
        "id": case_id, "logits": logits, "target": y, "second": second, "centre": centre,
        "half_height": half_height, "columns": columns, "pixel_rows": pixel_rows, "loss": loss,
        "weights": w, "smoothing": smoothing, "gamma": gamma,
        "minimum": f32(values[index].item()), "minimum_column": index % columns,
        "minimum_row": index // columns, "maximum": f32(values.max().item()),
    }


compare = [
    compare_case("seed", [2.0, 1.0, 0.1], 0),
    compare_case("weighted", [2.0, 1.0, 0.1], 0, w=[3.0, 1.0, 0.5]),
    compare_case("gamma-0.5-eps-0.2", [0.3, -1.2, 2.5, 0.0], 2, gamma=0.5, smoothing=0.2),
    compare_case("gamma-5", [1.0, 4.0], 1, gamma=5.0),
    compare_case("wrong-and-wide", [-3.0, 6.0, 1.0, 0.5, 2.0], 0, w=[1.0, 2.0, 1.0, 1.0, 1.0], smoothing=0.05),
]
landscape = [
    # Label smoothing gives a finite minimum inside the window.
    landscape_case("smoothed", [2.0, 1.0, 0.1], 0, 1, [2.0, 1.0], 4.0, 110, 70, smoothing=0.3),
    landscape_case("smoothed-weighted", [2.0, 1.0, 0.1], 0, 2, [1.0, -1.0], 4.0, 96, 64, smoothing=0.2, w=[1.0, 1.0, 4.0]),
    # Without smoothing the minimum is on the window's edge, where z_y is largest.
    landscape_case("plain", [2.0, 1.0, 0.1], 0, 1, [2.0, 1.0], 4.0, 80, 40),
    landscape_case("mse", [0.5, 1.5, -0.5, 0.0], 1, 3, [1.5, 0.0], 2.0, 64, 48, loss="mse_probabilities"),
]
with open(os.path.join(HERE, "view_cases.json"), "w") as out:
    json.dump({"compare": compare, "landscape": landscape}, out, indent=1)
print(f"view_cases.json: {len(compare)} compare cases, {len(landscape)} landscape cases")
