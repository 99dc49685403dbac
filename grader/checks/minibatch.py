"""Hidden checks of the `minibatch` kata.

Several checks compare a canonical form of the record rather than the raw one: the sorted indices
of an epoch (every example exactly once), or the batch sizes. Those views make one property the
whole check, so its message names that property.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.checks import Check, Record, call_plan, calls_view


def _epochs(record: Record) -> list[Any]:
    """Each call's batches; a batch that is not an integer array stays as it is, and a float array of
    whole numbers is marked, so that comparing values never lets it pass for indices."""
    return [[_indices(b) for b in e] if isinstance(e, list) else e for e in calls_view(record)]


def _indices(batch: Any) -> Any:
    if isinstance(batch, np.ndarray) and batch.dtype.kind not in "iu":
        return f"an array of {batch.dtype} (integer indices expected)"
    return batch


def coverage_view(record: Record) -> list[Any]:
    """Each epoch's indices sorted: equal to the reference's when every example appears exactly once."""
    out = []
    for epoch in _epochs(record):
        if isinstance(epoch, list) and all(isinstance(b, np.ndarray) for b in epoch):  # integer arrays only, see _epochs
            out.append(np.sort(np.concatenate(epoch)) if epoch else np.zeros(0))
        else:
            out.append(epoch)
    return out


def sizes_view(record: Record) -> list[Any]:
    return [[float(len(b)) if isinstance(b, np.ndarray) else b for b in e] if isinstance(e, list) else e
            for e in _epochs(record)]


def build(seed: int) -> list[Check]:
    rng = np.random.default_rng([seed, 7])
    n = int(rng.integers(40, 90))
    batch = int(rng.integers(5, 12))
    while n % batch == 0:
        n += 1
    d = 3
    X = rng.standard_normal((n, d))
    y = X @ rng.standard_normal(d) + 0.1 * rng.standard_normal(n)
    W = rng.standard_normal(d)
    data_seed = int(rng.integers(2**31))

    def epochs(size: int, count: int = 3, **kw: Any) -> list[tuple[list[Any], dict[str, Any]]]:
        return [([n, size, {"__rng__": data_seed}], dict(kw)) for _ in range(count)]

    def check(id: str, name: str, rule: str, target: str, calls: list[Any], look: str, view: Any = calls_view,
              labels: Any = ("epoch {n}", "batch {n}"), **options: Any) -> Check:
        return Check(id, name, rule, call_plan(target, calls, **options), look, view=view, labels=labels)

    return [
        check("coverage", "three epochs from one generator", "every example appears exactly once per epoch",
              "minibatch_indices", epochs(batch), "slicing the permutation: no index repeated or skipped",
              view=coverage_view, labels=("epoch {n}",)),
        check("sizes", "the batch sizes of an epoch", "batches of batch_size, then the smaller last batch",
              "minibatch_indices", epochs(batch, 1), "the last, partial batch", view=sizes_view),
        check("order", "the order of three epochs", "one rng.permutation(n) per epoch, from the rng given",
              "minibatch_indices", epochs(batch), "where the order comes from, and that each epoch reshuffles",
              view=_epochs),
        check("drop-last", "drop_last=True", "the partial last batch is left out",
              "minibatch_indices", epochs(batch, 2, drop_last=True) + [([n, n + 5, {"__rng__": data_seed}], {"drop_last": True})],
              "what drop_last changes, also when batch_size is larger than n", view=_epochs),
        check("edge-sizes", "batch_size of 1, of n, and larger than n", "stochastic, full-batch, and one batch of all n",
              "minibatch_indices", [([n, s, {"__rng__": data_seed}], {}) for s in (1, n, n + 5)],
              "the loop bounds when batch_size is 1 or not smaller than n", view=sizes_view),
        check("invalid", "batch_size below 1", "ValueError for batch_size < 1",
              "minibatch_indices", [([n, 0, {"__rng__": data_seed}], {})], "the argument check"),
        check("gradient", "the MSE gradient of a linear model", "2·Xᵀ(X @ W − y)/len(y)",
              "mse_gradient", [([X, y, W], {}), ([X[:7], y[:7], -W], {})], "the factor 2/len(y) and the transpose",
              labels=("call {n}", "W[{i}]")),
        check("batch-gd", "run_epoch with batch_size = n (batch gradient descent)", "one update from the full gradient",
              "run_epoch", [([X, y, W, 0.05, n, {"__rng__": data_seed}], {})], "the update rule", labels=("call {n}", "W[{i}]")),
        check("minibatch-gd", "two epochs of mini-batch gradient descent", "one update per batch, the partial batch kept",
              "run_epoch", [([X, y, W, 0.03, batch, {"__rng__": data_seed}], {}) for _ in range(2)],
              "the loop over minibatch_indices, and the W carried between batches", labels=("epoch {n}", "W[{i}]")),
        check("sgd", "an epoch of stochastic gradient descent (batch_size = 1)", "len(y) updates of one example each",
              "run_epoch", [([X, y, W, 0.01, 1, {"__rng__": data_seed}], {})], "batches of a single example",
              labels=("call {n}", "W[{i}]")),
        check("w-untouched", "the caller's W after run_epoch", "run_epoch returns a new W and leaves its argument alone",
              "run_epoch", [([X, y, W, 0.05, batch, {"__rng__": data_seed}], {})], "in-place updates of W (W -= ...)",
              view=lambda r: [x["args_after"][2] for x in r["results"]], labels=("call {n}", "W[{i}]"), args_after=True),
    ]

