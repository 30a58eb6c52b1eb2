"""A small L2-regularised logistic regression, fitted by Newton's method (pure Python).

A few thousand pairs and a few dozen features: no numpy needed. The bias is not
penalised.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

Vector = list[float]


def _solve(matrix: list[Vector], rhs: Vector) -> Vector:
    """Gaussian elimination with partial pivoting (the Hessian is positive definite)."""
    n = len(rhs)
    a = [row[:] + [rhs[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        head = a[col][col] or 1e-12
        for r in range(col + 1, n):
            factor = a[r][col] / head
            if factor:
                row, top = a[r], a[col]
                for c in range(col, n + 1):
                    row[c] -= factor * top[c]
    out = [0.0] * n
    for r in range(n - 1, -1, -1):
        total = a[r][n] - sum(a[r][c] * out[c] for c in range(r + 1, n))
        out[r] = total / (a[r][r] or 1e-12)
    return out


def _sigmoid(z: float) -> float:
    if z < -30.0:
        return 0.0
    if z > 30.0:
        return 1.0
    return 1.0 / (1.0 + math.exp(-z))


def fit(rows: Sequence[Sequence[float]], labels: Sequence[int], l2: float = 1.0,
        iterations: int = 25) -> tuple[float, Vector]:
    """(bias, weights) minimising log loss + l2/2 × |weights|²."""
    n = len(rows[0]) if rows else 0
    x = [[1.0, *r] for r in rows]
    w = [0.0] * (n + 1)
    for _ in range(iterations):
        grad = [0.0] * (n + 1)
        hess = [[0.0] * (n + 1) for _ in range(n + 1)]
        for xi, yi in zip(x, labels, strict=True):
            p = _sigmoid(sum(a * b for a, b in zip(w, xi, strict=True)))
            err, s = p - yi, p * (1.0 - p)
            for j, xj in enumerate(xi):
                if xj:
                    grad[j] += err * xj
                    sxj, row = s * xj, hess[j]
                    for k in range(j, n + 1):
                        row[k] += sxj * xi[k]
        for j in range(1, n + 1):
            grad[j] += l2 * w[j]
            hess[j][j] += l2
        hess[0][0] += 1e-6
        for j in range(n + 1):
            for k in range(j):
                hess[j][k] = hess[k][j]
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
        if max(abs(v) for v in step) < 1e-6:
            break
    return w[0], w[1:]
