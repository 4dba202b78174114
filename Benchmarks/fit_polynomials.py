#!/usr/bin/env python3
"""Fits the polynomial coefficients of the loss kernels' vector math (not a test; CI does not run it).

    python3 Benchmarks/fit_polynomials.py

Needs numpy. Prints, as float32 values and bit patterns, the coefficients used in
`Sources/Losses/Kernels/`:

- `exponentialInRange`: e^r = 1 + r(1 + r(c2 + r(c3 + r(c4 + r(c5 + r c6))))) on |r| <= ln 2 / 2,
  the first two coefficients held at 1 (so Horner's rule ends in exact `fma(p, r, 1)` steps);
- `log1pUnit`: atanh(s)/s - 1 = z q(z) with q a cubic, z = s^2 <= 1/9, weighted so that the
  error is relative to log1p = 2s(1 + z q(z)).

Both minimise the largest relative error (not the mean) by Lawson's iteratively reweighted least
squares on Chebyshev nodes, which converges to the minimax fit.
"""
import numpy as np


def lawson(basis, target, weight, iterations=400):
    """Minimax-weighted least squares: coefficients c minimising max |weight (basis c - target)|."""
    w = np.ones_like(target)
    for _ in range(iterations):
        scaled = w * weight
        c, *_ = np.linalg.lstsq(basis * scaled[:, None], target * scaled, rcond=None)
        err = (basis @ c - target) * weight
        w = w * np.sqrt(np.abs(err)) + 1e-30
        w /= w.sum()
    return c, np.abs(err).max()


def show(name, coefficients, error):
    print(f"{name}: largest relative error {error / 2**-24:.3f} ulp (of 2^-24) before rounding")
    for k, c in coefficients:
        f = np.float32(c)
        print(f"  c{k} = {float(f):.9e}  0x{int(f.view(np.uint32)):08X}")


def exponential():
    half = np.log(2) / 2 * 1.0001
    r = np.cos(np.linspace(0, np.pi, 8001)) * half
    exact = np.exp(r)
    basis = np.stack([r**k for k in range(2, 7)], 1)
    c, error = lawson(basis, exact - 1 - r, 1 / exact)
    show("exponentialInRange, e^r", list(zip(range(2, 7), c)), error)


def log1p():
    zmax = 1 / 9 * 1.0001
    z = (np.cos(np.linspace(0, np.pi, 6001)) + 1) / 2 * zmax
    s = np.sqrt(z)
    with np.errstate(divide="ignore", invalid="ignore"):
        g = np.where(z > 0, np.arctanh(s) / s - 1, 0.0)
        q = np.where(z > 1e-12, g / np.where(z > 0, z, 1), 1 / 3)
    basis = np.stack([z**k for k in range(4)], 1)
    c, error = lawson(basis, q, z / (1 + g) + 1e-30)
    show("log1pUnit, q(z)", list(enumerate(c)), error)


if __name__ == "__main__":
    exponential()
    log1p()
