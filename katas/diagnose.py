"""Kata `diagnose`: read a training log, name the failure mode and the first fix to try.

This is the primer's debugging checklist as code. Interviewers show a loss curve and ask "what is
wrong, and what do you try first?"; here the curve is a log of numbers and your answer is two words.

diagnose(log) -> (failure_mode, first_fix)

log is a dict with the keys "loss", "grad_norm" and "val_loss": equal-length sequences (lists or
numpy arrays) of T ≥ 100 numbers, one entry per training step:
    loss       the training loss of the step's batch, before the update (positive)
    grad_norm  the L2 norm of the gradient the step used
    val_loss   the loss on held-out rows, before the update
The hidden logs come in a random order (from the seed), each call independent of the others.
A run that blew up may have inf or nan in "loss".

Let k = max(1, T // 10), first = median(loss[:k]) and last = median(loss[-k:]). The failure mode is
the FIRST of these rules that holds, and each mode has exactly one first fix:

  1. "diverging"       a loss is inf or nan, or last > 2 · first                  → "lower-lr"
  2. "not-decreasing"  last > 0.7 · first                                         → "check-gradients"
  3. "oscillating"     over the second half, loss[T // 2:], the median of
                       |ln(loss[t] / loss[t − 1])| is above 0.5 (from one step
                       to the next the loss typically moves by a factor > 1.65)   → "lower-lr"
  4. "spiking"         some step t ≥ 10 has loss[t] > 10 · median(loss[t − 10:t]) → "add-clipping"
  5. "overfitting"     median(val_loss[-k:]) > 1.2 · min(val_loss), and last <
                       loss[m], where m is the first step at which val_loss is
                       lowest (the training loss kept falling after validation
                       turned back up)                                            → "add-regularization"
  6. "plateau"         median(grad_norm[-k:]) ≥ 0.25 · median(grad_norm[:k]) (the
                       loss has stopped improving while the gradients are still
                       large: the steps are too small)                            → "raise-lr"
  7. "healthy"         none of the above                                          → "none"

Return the two strings exactly as written above, as a tuple (failure_mode, first_fix).

What the grader checks: for each of the seven modes, two hidden logs made by actually running a small
numpy training with that fault planted (or none, for "healthy") — e.g. an lr above 2/λmax of the
Hessian, batches of 2, three corrupted batches without clipping, a schedule that decays to 0 far too
early, more features than rows without regularisation, an update that is never applied, dead ReLUs.
Every hidden log satisfies the rules above with a wide margin. Both strings must match exactly.
"""

import numpy as np


def diagnose(log: dict) -> tuple[str, str]:
    raise NotImplementedError("diagnose")
