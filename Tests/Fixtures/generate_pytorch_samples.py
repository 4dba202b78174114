#!/usr/bin/env python3
"""Ports PyTorch's own loss test inputs into an eval fixture, with PyTorch's answers.

Run from the repository root with PyTorch installed (pip install torch numpy expecttest
hypothesis: the last two are what torch.testing._internal imports):

    python3 Tests/Fixtures/generate_pytorch_samples.py

It reads the sample inputs and error inputs of the loss OpInfos
(torch.testing._internal.common_methods_invocations) and the module inputs of the loss
ModuleInfos (torch.testing._internal.common_modules), keeps every one that the eval contract
can express (float inputs and targets, the options LossScope takes), rounds them to float32,
and writes pytorch_samples.jsonl: {"id", "request", "expect"} lines as in loss_cases.jsonl,
the answers computed by generate_fixtures.reference in float64. The tests never import PyTorch.
"""
import importlib.util
import json
import os
import sys
import warnings

import numpy as np
import torch

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))

# The reference computation and the JSON spellings, from the main generator (its module-level
# code writes the other fixtures, so only the functions are taken).
source = open(os.path.join(HERE, "generate_fixtures.py")).read()
helpers = source[: source.index("cases = []")]
namespace = {"__file__": os.path.join(HERE, "generate_fixtures.py")}
exec(compile(helpers, "generate_fixtures.py", "exec"), namespace)
reference, encode = namespace["reference"], namespace["encode"]

from torch.testing._internal.common_methods_invocations import op_db  # noqa: E402
from torch.testing._internal.common_modules import module_db  # noqa: E402

OPS = {
    "nn.functional.cross_entropy": "cross_entropy", "nn.functional.nll_loss": "nll_loss",
    "nn.functional.binary_cross_entropy": "binary_cross_entropy",
    "nn.functional.binary_cross_entropy_with_logits": "binary_cross_entropy_with_logits",
    "nn.functional.mse_loss": "mse_loss", "nn.functional.l1_loss": "l1_loss",
    "nn.functional.huber_loss": "huber_loss", "nn.functional.smooth_l1_loss": "smooth_l1_loss",
    "nn.functional.kl_div": "kl_div",
}
MODULES = {
    "CrossEntropyLoss": "cross_entropy", "NLLLoss": "nll_loss", "BCELoss": "binary_cross_entropy",
    "BCEWithLogitsLoss": "binary_cross_entropy_with_logits", "MSELoss": "mse_loss", "L1Loss": "l1_loss",
    "HuberLoss": "huber_loss", "SmoothL1Loss": "smooth_l1_loss", "KLDivLoss": "kl_div",
}
OPTIONS = {"weight", "ignore_index", "reduction", "label_smoothing", "pos_weight", "delta", "beta", "log_target"}


def as_json(value):
    """A tensor or number as the request's JSON, float32-rounded; None if it cannot be one."""
    if isinstance(value, torch.Tensor):
        if value.is_complex():
            return None
        array = value.detach().cpu().numpy()
        if array.dtype.kind == "f":
            array = array.astype(np.float32).astype(np.float64)
        return encode(array.tolist())
    if isinstance(value, (bool, int, float, str)):
        return value
    return None


def request_for(loss, input_, target, kwargs):
    request = {"loss": loss, "input": as_json(input_), "target": as_json(target)}
    if request["input"] is None or request["target"] is None:
        return None
    for key, value in kwargs.items():
        if key not in OPTIONS:
            return None
        converted = as_json(value)
        if converted is None:
            return None
        request[key] = converted
    return request


cases = []
seen = set()


def add(case_id, request, must_fail=False):
    key = json.dumps(request, sort_keys=True)
    if key in seen:
        return
    seen.add(key)
    try:
        expect = reference(request)
        if must_fail:
            return  # PyTorch rejects it only in a form the contract cannot express: skip
    except Exception:  # noqa: BLE001 - PyTorch rejects it: the expected answer is an error
        expect = {"error": True}
    cases.append({"id": case_id, "request": request, "expect": expect})


torch.manual_seed(20261128)
for op in op_db:
    loss = OPS.get(op.name)
    if loss is None:
        continue
    for index, sample in enumerate(op.sample_inputs("cpu", torch.float64, requires_grad=False)):
        if not sample.args:
            continue
        request = request_for(loss, sample.input, sample.args[0], sample.kwargs)
        if request:
            add(f"opinfo-{loss}-{index}", request)
    if op.error_inputs_func:
        for index, error in enumerate(op.error_inputs("cpu")):
            sample = error.sample_input
            if not sample.args:
                continue
            request = request_for(loss, sample.input, sample.args[0], sample.kwargs)
            if request:
                add(f"opinfo-error-{loss}-{index}", request, must_fail=True)

for module_info in module_db:
    loss = MODULES.get(module_info.module_cls.__name__)
    if loss is None:
        continue
    inputs = module_info.module_inputs_func(module_info, device="cpu", dtype=torch.float64, requires_grad=False, training=False)
    for index, module_input in enumerate(inputs):
        forward = module_input.forward_input
        if forward is None or len(forward.args) < 2:
            continue
        request = request_for(loss, forward.args[0], forward.args[1], dict(module_input.constructor_input.kwargs))
        if request and not module_input.constructor_input.args:
            add(f"moduleinfo-{loss}-{index}", request)

with open(os.path.join(HERE, "pytorch_samples.jsonl"), "w") as out:
    for case in cases:
        out.write(json.dumps(case, allow_nan=False) + "\n")
print(f"pytorch_samples.jsonl: {len(cases)} cases from PyTorch's own loss tests", file=sys.stderr)
