#!/usr/bin/env python3
"""Generates the fixtures of the seed articles' own examples (needs torch and numpy):

    python3 Tests/Fixtures/generate_seed_fixtures.py

- seed_cases.jsonl: every worked example of ../shared/seeds as an `eval --jsonl` request, with
  PyTorch's answer in float64 ({"loss", "grad"}), or {"error": true, "torch_message"} where
  PyTorch rejects it. The ids name the seed (seed001 is 001_be45c52dff8898d3.txt).
- lesson_seeds.json: the inputs of two lessons and PyTorch's float32 answers: seed 001's training
  from the article's step-0 logits (printed rounded to three decimals there; these lie inside
  that rounding and reproduce every printed line), and seed 003's torch.manual_seed(0);
  randn(4, 3) batch with its cross-entropy.
- train_example.jsonl: seed 001's training example (Linear(3, 3) on x = [1, 0, 0], target 2,
  SGD at lr 0.1) as `lossscope train` arguments with PyTorch's loss and logits at each step.

The tests read these files; they never import PyTorch.
"""
import json
import os

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))

FUNCTIONS = {
    "cross_entropy": F.cross_entropy,
    "nll_loss": F.nll_loss,
    "binary_cross_entropy": F.binary_cross_entropy,
    "binary_cross_entropy_with_logits": F.binary_cross_entropy_with_logits,
    "mse_loss": F.mse_loss,
}


def answer(request):
    """PyTorch's loss and gradient for one request, in float64."""
    req = dict(request)
    fn = FUNCTIONS[req.pop("loss")]
    x = torch.tensor(req.pop("input"), dtype=torch.float64, requires_grad=True)
    t = req.pop("target")
    target = torch.tensor(t) if fn in (F.cross_entropy, F.nll_loss) else torch.tensor(t, dtype=torch.float64)
    kwargs = {k: torch.tensor(v, dtype=torch.float64) if k == "weight" else v for k, v in req.items()}
    loss = fn(x, target, **kwargs)
    (grad,) = torch.autograd.grad(loss.sum(), x)
    return {"loss": loss.tolist(), "grad": grad.tolist()}


SEED_BATCH = [[2.0, 1.0, 0.1], [0.0, 5.0, 0.2]]
REQUESTS = [
    ("seed001-batch-ce", {"loss": "cross_entropy", "input": SEED_BATCH, "target": [0, 1]}),
    ("seed001-weighted-ce", {"loss": "cross_entropy", "input": [[2.0, 1.0], [2.0, 1.0]], "target": [1, 1], "weight": [1.0, 10.0]}),
    ("seed002-tinytorch-ce", {"loss": "cross_entropy", "input": [[2.0, 0.5, 0.1], [0.3, 1.8, 0.2]], "target": [0, 1]}),
    ("seed002-mse", {"loss": "mse_loss", "input": [200.0, 250.0, 300.0], "target": [195.0, 260.0, 290.0]}),
    ("seed002-large-logits", {"loss": "cross_entropy", "input": [[50.0, 100.0, 150.0]], "target": [0]}),
    ("seed003-ce", {"loss": "cross_entropy", "input": [[1.541, -0.2934, -2.1788], [0.5684, -1.0845, -1.3986], [0.4033, 0.838, -0.7193], [-0.4033, -0.5966, 0.182]], "target": [0, 1, 2, 1]}),
    ("seed004-nll", {"loss": "nll_loss", "input": [[-0.5, -1.2, -2.0, -3.0], [-1.0, -0.2, -3.0, -2.0], [-2.0, -1.0, -0.1, -3.0]], "target": [3, 1, 2]}),
    ("seed004-bce", {"loss": "binary_cross_entropy", "input": [[0.549833997], [0.268941421], [0.880797078]], "target": [[1.0], [0.0], [1.0]]}),
    ("seed004-bce-logits", {"loss": "binary_cross_entropy_with_logits", "input": [[0.2], [-1.0], [2.0]], "target": [[1.0], [0.0], [1.0]]}),
    ("seed004-ce-exercise", {"loss": "cross_entropy", "input": [[1.0, 2.0, 3.0, 4.0], [2.0, 1.0, 0.0, -1.0], [0.5, 0.5, 0.5, 0.5]], "target": [3, 0, 2]}),
    ("seed004-logsumexp", {"loss": "cross_entropy", "input": [[1000.0, 1001.0, 1002.0]], "target": [2]}),
    ("seed000-reduction-none", {"loss": "cross_entropy", "input": SEED_BATCH, "target": [0, 1], "reduction": "none"}),
    ("seed000-reduction-sum", {"loss": "cross_entropy", "input": SEED_BATCH, "target": [0, 1], "reduction": "sum"}),
    ("bad-target", {"loss": "cross_entropy", "input": [[1.0, 2.0, 3.0]], "target": [5]}),
]

with open(os.path.join(HERE, "seed_cases.jsonl"), "w") as out:
    for case_id, request in REQUESTS:
        try:
            expect = answer(request)
        except Exception as error:  # noqa: BLE001 - PyTorch's rejection is the expected answer
            expect = {"error": True, "torch_message": str(error).split("\n")[0]}
        out.write(json.dumps({"id": case_id, "request": request, "expect": expect}) + "\n")


def trajectory(case_id, x, y, w0, b0, lr, steps):
    """Seed 001's loop: forward, loss, backward, SGD step, zero grad; loss and logits per step."""
    layer = torch.nn.Linear(len(x[0]), len(w0)).double()
    with torch.no_grad():
        layer.weight.copy_(torch.tensor(w0, dtype=torch.float64))
        layer.bias.copy_(torch.tensor(b0, dtype=torch.float64))
    opt = torch.optim.SGD(layer.parameters(), lr=lr)
    xs, ys = torch.tensor(x, dtype=torch.float64), torch.tensor(y)
    expect = []
    for step in range(steps):
        out = layer(xs)
        loss = F.cross_entropy(out, ys)
        loss.backward()
        opt.step()
        opt.zero_grad()
        expect.append({"step": step, "loss": loss.item(), "logits": out.detach().tolist()})
    args = ["--inputs", json.dumps(x), "--targets", json.dumps(y), "--weight-init", json.dumps(w0),
            "--bias-init", json.dumps(b0), "--optimizer", "sgd", "--lr", str(lr), "--steps", str(steps)]
    return {"id": case_id, "args": args, "expect": expect}


# Seed 001's layer as printed there (PyTorch's initialisation of Linear(3, 3) with its seed).
SEED_WEIGHT = [[-0.8837, -0.8742, -0.7528], [-0.8948, 0.0523, -0.0464], [0.9105, 0.8575, -0.8329]]
SEED_BIAS = [-0.7347, -0.6859, -0.2493]
with open(os.path.join(HERE, "train_example.jsonl"), "w") as out:
    out.write(json.dumps(trajectory("public-example", [[1.0, 0.0, 0.0]], [2], SEED_WEIGHT, SEED_BIAS, 0.1, 11)) + "\n")

# Seed 001's article: Linear(3, 3) on x = [1, 0, 0], so the logits are W[:, 0] + b; they start at
# these values (the article prints [0.221, -1.419, -1.514]) and SGD at lr 0.1 follows.
ARTICLE_LOGITS = [0.221, -1.4186, -1.5137]
weight = torch.zeros(3, 3)
weight[:, 0] = torch.tensor(ARTICLE_LOGITS)
weight.requires_grad_(True)
bias = torch.zeros(3, requires_grad=True)
opt = torch.optim.SGD([weight, bias], lr=0.1)
x, y = torch.tensor([[1.0, 0.0, 0.0]]), torch.tensor([2])
article = []
for step in range(51):
    out = x @ weight.T + bias
    loss = F.cross_entropy(out, y)
    loss.backward()
    opt.step()
    opt.zero_grad()
    if step % 10 == 0:
        article.append({"step": step, "loss": loss.item(), "logits": out.detach().flatten().tolist()})
torch.manual_seed(0)
randn = torch.randn(4, 3)
randn_targets = [0, 1, 2, 1]
lessons = {
    "train_linear": {"logits": ARTICLE_LOGITS, "target": 2, "lr": 0.1, "every_ten": article},
    "from_scratch": {
        "logits": randn.tolist(), "targets": randn_targets,
        "loss": F.cross_entropy(randn, torch.tensor(randn_targets)).item(),
        "none": F.cross_entropy(randn, torch.tensor(randn_targets), reduction="none").tolist(),
    },
}
with open(os.path.join(HERE, "lesson_seeds.json"), "w") as out:
    json.dump(lessons, out, indent=1)
    out.write("\n")
print(f"seed_cases.jsonl: {len(REQUESTS)} cases; train_example.jsonl: 1 trajectory")
