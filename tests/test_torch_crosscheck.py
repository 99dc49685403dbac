"""Cross-checks of the reference solutions (the grader's oracle) against PyTorch.

Every comparison runs on the same float64 inputs on both sides. Where our convention and PyTorch's
coincide, the two must agree to a relative tolerance of 1e-12 (RTOL below); every such comparison
goes through `assert_close`, which also records the largest absolute and relative difference seen,
and the last test prints that table (run with `-s` to see it). Where the conventions differ, the
test states the difference and asserts the exact relation between the two (see docs/conventions.md).

PyTorch is optional: without it this whole file is skipped.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from solutions.adam import Adam  # noqa: E402
from solutions.adamw import AdamW, AdamWDecayFirst  # noqa: E402
from solutions.clipping import clip_grad_norm, clip_grad_norm_torch_style  # noqa: E402
from solutions.momentum import Momentum  # noqa: E402
from solutions.schedules import lr_schedule, step_decay  # noqa: E402
from solutions.sgd import mse_gradients, mse_loss, sgd_step, train  # noqa: E402

F64 = torch.float64
EPS = float(np.finfo(np.float64).eps)  # 2.22e-16, one ulp of 1.0

# Where the conventions coincide the two sides may differ only by rounding. float64 rounding of
# these short computations is ~1e-16 relative, so 1e-12 leaves about three orders of magnitude of
# margin over the largest difference measured (2.3e-13) while still catching any difference of
# formula: the smallest one met here, PyTorch's clipping factor inside its 1e-6 band at
# max_norm = 250, is 4e-9 relative. Where no absolute floor is stated, atol is 0: values that are
# exactly 0 on one side must be exactly 0 on the other.
RTOL = 1e-12

DELIVERY_X = np.array([2.0, 5.0, 10.0, 3.0, 8.0])
DELIVERY_Y = np.array([15.0, 30.0, 55.0, 18.0, 48.0])

SHAPES = [(3,), (2, 3), (2, 1, 4), (1,)]

# label -> {"abs", "rel", "ratio", "n"}: largest |ours − torch|, largest |ours − torch|/|torch|
# (over elements where torch's value is not 0), largest |ours − torch|/(atol + RTOL·|torch|)
# (≤ 1 means within tolerance) and the number of values compared.
LARGEST: dict[str, dict[str, float]] = {}
# Relations where the conventions differ: label -> largest |measured − predicted| and its bound.
RELATIONS: dict[str, dict[str, float]] = {}
# How large the differences between conventions are in these tests: label -> value.
GAPS: dict[str, float] = {}


def _np(value) -> np.ndarray:
    if isinstance(value, torch.Tensor):
        return value.detach().cpu().numpy().astype(np.float64)
    return np.asarray(value, dtype=np.float64)


def assert_close(ours, theirs, label: str, atol: float = 0.0) -> None:
    """Assert ours ≈ theirs (rtol 1e-12, atol as given) and record the largest differences under label."""
    a = np.ravel(_np(ours))
    b = np.ravel(_np(theirs))
    assert a.shape == b.shape, f"{label}: shapes {a.shape} and {b.shape}"
    diff = np.abs(a - b)
    same_nonfinite = (np.isnan(a) & np.isnan(b)) | (np.isinf(a) & (a == b))
    diff = np.where(same_nonfinite, 0.0, diff)
    nonzero = b != 0
    rel = np.where(nonzero, diff / np.where(nonzero, np.abs(b), 1.0), np.where(diff == 0, 0.0, np.inf))
    allowed = atol + RTOL * np.abs(b)
    ratio = np.where(diff == 0, 0.0, diff / np.where(allowed > 0, allowed, 1.0))
    ratio = np.where((allowed == 0) & (diff > 0), np.inf, ratio)
    entry = LARGEST.setdefault(label, {"abs": 0.0, "rel": 0.0, "ratio": 0.0, "n": 0})
    if a.size:
        entry["abs"] = max(entry["abs"], float(diff.max()))
        entry["rel"] = max(entry["rel"], float(rel.max()))
        entry["ratio"] = max(entry["ratio"], float(np.max(ratio)))
    entry["n"] += int(a.size)
    np.testing.assert_allclose(a, b, rtol=RTOL, atol=atol, equal_nan=True, err_msg=label)


def record_relation(label: str, deviation: np.ndarray, bound: np.ndarray) -> None:
    """Assert |deviation| ≤ bound elementwise and record the worst case."""
    deviation = np.abs(np.asarray(deviation, dtype=np.float64))
    bound = np.ravel(np.broadcast_to(np.asarray(bound, dtype=np.float64), deviation.shape))
    deviation = np.ravel(deviation)
    entry = RELATIONS.setdefault(label, {"deviation": 0.0, "bound": 0.0, "ratio": 0.0})
    if deviation.size:
        k = int(np.argmax(deviation / bound))
        if deviation[k] / bound[k] >= entry["ratio"]:
            entry.update(deviation=float(deviation[k]), bound=float(bound[k]), ratio=float(deviation[k] / bound[k]))
    assert np.all(deviation <= bound), f"{label}: deviation {deviation.max():.3e} above its bound"


@pytest.fixture(autouse=True)
def float64_default():
    """Every tensor here is float64, whether or not a call passes dtype (which they all do)."""
    previous = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    yield
    torch.set_default_dtype(previous)


# ---------------------------------------------------------------------------------------------
# Inputs and runners
# ---------------------------------------------------------------------------------------------


def mixed_grads(rng: np.random.Generator, steps: int, low: float = -9.0, high: float = 3.0,
                zero_steps: tuple[int, ...] = ()) -> list[list[np.ndarray]]:
    """Per-element scale 10^U(low, high), so every array mixes 1e-9 with 1e3; listed steps are all zero."""
    out = []
    for t in range(steps):
        grads = [rng.standard_normal(s) * 10.0 ** rng.uniform(low, high, size=s) for s in SHAPES]
        out.append([np.zeros(s) for s in SHAPES] if t in zero_steps else grads)
    return out


def start_params(rng: np.random.Generator) -> list[np.ndarray]:
    return [rng.standard_normal(s) for s in SHAPES]


def lr_sequence(base: float, steps: int) -> list[float]:
    """A learning rate that changes between steps, with some steps at lr = 0 (the state must still advance)."""
    factors = (1, 1, 0.5, 0.0, 2, 3, 0.1, 1, 0, 1, 5, 1, 0.25, 1, 2)
    return [base * factors[t % len(factors)] for t in range(steps)]


def run_ours(opt, params0, grads, lrs=None) -> list[list[np.ndarray]]:
    params = [np.array(p, dtype=np.float64) for p in params0]
    trajectory = []
    for t, step_grads in enumerate(grads):
        if lrs is not None:
            opt.lr = lrs[t]
        opt.step(params, [np.array(g, dtype=np.float64) for g in step_grads])
        trajectory.append([p.copy() for p in params])
    return trajectory


def run_torch(make_optimizer, params0, grads, lrs=None):
    """The same trajectory through a torch optimizer; lr changes go through param_groups."""
    params = [torch.tensor(p, dtype=F64, requires_grad=True) for p in params0]
    opt = make_optimizer(params)
    trajectory = []
    for t, step_grads in enumerate(grads):
        if lrs is not None:
            for group in opt.param_groups:
                group["lr"] = lrs[t]
        for p, g in zip(params, step_grads):
            p.grad = torch.tensor(g, dtype=F64)
        opt.step()
        trajectory.append([p.detach().numpy().copy() for p in params])
    return trajectory, opt, params


# A parameter that passes near zero after moving by O(1) amounts keeps the absolute rounding error
# of those amounts (a few ulp of them per step) while its own size shrinks, so its relative error
# grows without any difference of formula. Trajectory comparisons therefore allow, on top of rtol,
# an absolute floor of TRAJECTORY_ULPS ulp of the largest |p| of the whole trajectory: one ulp per
# step for up to 60 steps. It is ~1e-14 of the trajectory's scale, far below any formula difference.
TRAJECTORY_ULPS = 64


def assert_same_trajectory(ours, theirs, label: str) -> None:
    assert len(ours) == len(theirs)
    scale = max(float(np.max(np.abs(b), initial=0.0)) for step in theirs for b in step)
    for step_ours, step_theirs in zip(ours, theirs):
        for a, b in zip(step_ours, step_theirs):
            assert a.shape == b.shape
            assert_close(a, b, label, atol=TRAJECTORY_ULPS * EPS * scale)


# ---------------------------------------------------------------------------------------------
# SGD and the MSE gradients
# ---------------------------------------------------------------------------------------------


def torch_train(x, y, lr, steps, l2=0.0, lrs=None):
    """Our `train` in torch: w = b = 0, loss recorded before each step, autograd of MSE + l2·w²."""
    w = torch.zeros((), dtype=F64, requires_grad=True)
    b = torch.zeros((), dtype=F64, requires_grad=True)
    xt, yt = torch.tensor(x, dtype=F64), torch.tensor(y, dtype=F64)
    opt = torch.optim.SGD([w, b], lr=lr)
    losses = []
    for t in range(steps):
        if lrs is not None:
            opt.param_groups[0]["lr"] = lrs[t]
        opt.zero_grad()
        mse = torch.mean((w * xt + b - yt) ** 2)
        losses.append(mse.item())
        (mse + l2 * w**2).backward()
        opt.step()
    return w.item(), b.item(), losses


@pytest.mark.parametrize("l2", [0.0, 0.3])
def test_sgd_train_on_delivery_data_equals_torch_sgd_on_autograd_mse(l2):
    w, b, losses = train(DELIVERY_X, DELIVERY_Y, lr=0.001, steps=500, l2=l2)
    tw, tb, tlosses = torch_train(DELIVERY_X, DELIVERY_Y, lr=0.001, steps=500, l2=l2)
    assert_close([w, b], [tw, tb], "sgd train: final w, b")
    assert_close(losses, tlosses, "sgd train: losses")
    assert losses[-1] < losses[0]


@pytest.mark.parametrize("lr, l2, steps", [(0.004, 0.0, 300), (0.01, 0.3, 200), (0.002, 2.0, 150)])
def test_sgd_train_on_random_data_equals_torch_sgd_on_autograd_mse(lr, l2, steps):
    rng = np.random.default_rng([20240, int(l2 * 10)])
    x = rng.uniform(0.5, 12.0, 40)
    y = 4.0 * x + 2.0 + rng.standard_normal(40) * 3.0
    w, b, losses = train(x, y, lr=lr, steps=steps, l2=l2)
    tw, tb, tlosses = torch_train(x, y, lr=lr, steps=steps, l2=l2)
    assert_close([w, b], [tw, tb], "sgd train: final w, b")
    assert_close(losses, tlosses, "sgd train: losses")


def test_sgd_step_with_lr_changed_between_steps_equals_torch_sgd_param_groups():
    rng = np.random.default_rng(7)
    x = rng.uniform(0.5, 12.0, 25)
    y = -3.0 * x + 5.0 + rng.standard_normal(25)
    lrs = lr_sequence(0.003, 60)
    w, b, losses = 0.0, 0.0, []
    for lr in lrs:
        losses.append(mse_loss(w, b, x, y))
        d_w, d_b = mse_gradients(w, b, x, y, 0.1)
        w, b = sgd_step(w, b, d_w, d_b, lr)
    tw, tb, tlosses = torch_train(x, y, lr=lrs[0], steps=len(lrs), l2=0.1, lrs=lrs)
    assert_close([w, b], [tw, tb], "sgd train: final w, b")
    assert_close(losses, tlosses, "sgd train: losses")


def test_mse_loss_equals_torch_mse_loss():
    rng = np.random.default_rng(11)
    for _ in range(20):
        w, b = rng.uniform(-3, 6), rng.uniform(-5, 5)
        x = rng.uniform(0.5, 12.0, 9)
        y = 4.0 * x + 2.0 + rng.standard_normal(9)
        expected = torch.nn.functional.mse_loss(torch.tensor(w * x + b, dtype=F64), torch.tensor(y, dtype=F64))
        assert_close(mse_loss(w, b, x, y), expected, "mse_loss")
    assert_close(mse_loss(0.0, 0.0, DELIVERY_X, DELIVERY_Y),
                 torch.nn.functional.mse_loss(torch.zeros(5, dtype=F64), torch.tensor(DELIVERY_Y)), "mse_loss")


def _autograd_gradients(w, b, x, y, l2):
    wt = torch.tensor(w, dtype=F64, requires_grad=True)
    bt = torch.tensor(b, dtype=F64, requires_grad=True)
    loss = torch.mean((wt * torch.tensor(x) + bt - torch.tensor(y)) ** 2) + l2 * wt**2
    loss.backward()
    return wt.grad.item(), bt.grad.item()


def test_mse_gradients_with_l2_equal_autograd_of_mse_plus_l2_w_squared_bias_not_penalised():
    rng = np.random.default_rng(12)
    x = rng.uniform(0.5, 12.0, 8)
    y = 4.0 * x + 2.0 + rng.standard_normal(8) * 3.0
    cases = [(float(rng.uniform(-3, 6)), float(rng.uniform(-5, 5)), lam) for lam in (0.0, 0.1, 0.5, 0.01, 2.0)]
    cases += [(1.0, 1.0, 0.0), (0.0, 0.0, 0.3)]
    for w, b, lam in cases:
        xs, ys = (DELIVERY_X, DELIVERY_Y) if (w, b) in ((1.0, 1.0), (0.0, 0.0)) else (x, y)
        d_w, d_b = mse_gradients(w, b, xs, ys, lam)
        t_w, t_b = _autograd_gradients(w, b, xs, ys, lam)
        assert_close([d_w, d_b], [t_w, t_b], "mse_gradients (l2 term 2·l2·w)")
        # The penalty touches w only: the bias gradient is the one of the plain MSE.
        assert_close(d_b, _autograd_gradients(w, b, xs, ys, 0.0)[1], "mse_gradients (l2 term 2·l2·w)")


def test_l2_equals_torch_sgd_weight_decay_of_twice_l2_on_w_only():
    """torch's weight_decay=wd adds wd·p to the gradient (penalty wd/2·p²): our l2 is weight_decay = 2·l2."""
    rng = np.random.default_rng(13)
    x = rng.uniform(0.5, 12.0, 30)
    y = 4.0 * x + 2.0 + rng.standard_normal(30) * 3.0
    l2, lr, steps = 0.4, 0.005, 120
    w, b, losses = train(x, y, lr=lr, steps=steps, l2=l2)
    wt = torch.zeros((), dtype=F64, requires_grad=True)
    bt = torch.zeros((), dtype=F64, requires_grad=True)
    opt = torch.optim.SGD([{"params": [wt], "weight_decay": 2 * l2}, {"params": [bt], "weight_decay": 0.0}], lr=lr)
    tlosses = []
    for _ in range(steps):
        opt.zero_grad()
        mse = torch.mean((wt * torch.tensor(x) + bt - torch.tensor(y)) ** 2)
        tlosses.append(mse.item())
        mse.backward()
        opt.step()
    assert_close([w, b], [wt.item(), bt.item()], "sgd train: final w, b")
    assert_close(losses, tlosses, "sgd train: losses")


# ---------------------------------------------------------------------------------------------
# Momentum
# ---------------------------------------------------------------------------------------------


def test_momentum_equals_torch_sgd_at_lr_times_one_minus_beta():
    """Ours: v ← β·v + (1−β)·g, p ← p − η·v.  torch (dampening=0): buf ← β·buf + g, p ← p − lr·buf.

    v = (1−β)·buf at every step (torch's first buf is g, ours (1−β)·g: the same relation), so
    ours at η equals torch at lr = η·(1−β), with lr changed between steps and zero-gradient steps.
    """
    rng = np.random.default_rng(21)
    p0 = start_params(rng)
    for beta, base_lr in ((0.9, 0.01), (0.7, 0.05), (0.99, 0.2)):
        grads = mixed_grads(rng, 40, zero_steps=(5, 6, 17))
        lrs = lr_sequence(base_lr, 40)
        ours = Momentum(lr=base_lr, beta=beta)
        traj = run_ours(ours, p0, grads, lrs)
        theirs, opt, params = run_torch(
            lambda ps: torch.optim.SGD(ps, lr=base_lr * (1 - beta), momentum=beta, dampening=0.0, foreach=False),
            p0, grads, [lr * (1 - beta) for lr in lrs])
        assert_same_trajectory(traj, theirs, "momentum vs SGD(momentum=β, dampening=0) at lr·(1−β)")
        for i, p in enumerate(params):
            assert_close(ours.v[i], (1 - beta) * opt.state[p]["momentum_buffer"], "momentum: v vs (1−β)·torch buffer")


def test_torch_first_momentum_step_sets_buffer_to_gradient_which_matches_our_first_velocity():
    rng = np.random.default_rng(22)
    beta, lr = 0.8, 0.1
    p0 = start_params(rng)
    grads = mixed_grads(rng, 1)
    ours = Momentum(lr=lr, beta=beta)
    traj = run_ours(ours, p0, grads)
    theirs, opt, params = run_torch(lambda ps: torch.optim.SGD(ps, lr=lr * (1 - beta), momentum=beta), p0, grads)
    for i, p in enumerate(params):
        # torch: buf₁ = g₁ exactly (a clone, no β·0 + ...); ours: v₁ = (1−β)·g₁.
        np.testing.assert_array_equal(opt.state[p]["momentum_buffer"].numpy(), grads[0][i])
        assert_close(ours.v[i], (1 - beta) * grads[0][i], "momentum: v vs (1−β)·torch buffer")
    assert_same_trajectory(traj, theirs, "momentum vs SGD(momentum=β, dampening=0) at lr·(1−β)")


def test_torch_dampening_beta_keeps_a_first_step_gap_that_decays_as_beta_to_the_t():
    """torch with dampening=β at lr η is our EMA form EXCEPT that its first buffer is g₁, not (1−β)·g₁.

    Measured: the gap is not confined to the first step. It stays in the buffer and decays:
    buf_t − v_t = β^t·g₁ at every step t ≥ 1, so torch's displacement exceeds ours by η_t·β^t·g₁ at
    every step (not only the first), and the parameters end up apart by Σ η_t·β^t·g₁.
    """
    rng = np.random.default_rng(23)
    p0 = start_params(rng)
    beta, base_lr = 0.7, 0.05
    grads = mixed_grads(rng, 30, low=-3, high=1, zero_steps=(4, 9))
    lrs = lr_sequence(base_lr, 30)
    ours = Momentum(lr=base_lr, beta=beta)
    params_o = [p.copy() for p in p0]
    params_t = [torch.tensor(p, dtype=F64, requires_grad=True) for p in p0]
    opt = torch.optim.SGD(params_t, lr=base_lr, momentum=beta, dampening=beta, foreach=False)
    offset = [np.zeros(s) for s in SHAPES]  # Σ η_s·β^s·g₁ so far
    # Rounding bounds: each step adds a few ulp of the largest |buffer| met so far (β ≤ 1 never
    # amplifies an earlier error), and a displacement read back from p carries a few ulp of |p|.
    state_scale = [np.zeros(s) for s in SHAPES]
    param_scale = [np.abs(p) for p in p0]
    for t, (step_grads, lr) in enumerate(zip(grads, lrs), start=1):
        before_o = [p.copy() for p in params_o]
        before_t = [p.detach().numpy().copy() for p in params_t]
        ours.lr = lr
        opt.param_groups[0]["lr"] = lr
        ours.step(params_o, [g.copy() for g in step_grads])
        for p, g in zip(params_t, step_grads):
            p.grad = torch.tensor(g, dtype=F64)
        opt.step()
        for i, p in enumerate(params_t):
            g1 = grads[0][i]
            buf = opt.state[p]["momentum_buffer"].numpy()
            state_scale[i] = np.maximum(state_scale[i], np.abs(buf) + np.abs(ours.v[i]) + np.abs(step_grads[i]))
            param_scale[i] = np.maximum(param_scale[i], np.abs(params_o[i]))
            record_relation("momentum: torch dampening=β buffer − our v = β^t·g₁",
                            (buf - ours.v[i]) - beta**t * g1, 8 * t * EPS * state_scale[i])
            gap = (before_t[i] - p.detach().numpy()) - (before_o[i] - params_o[i])
            record_relation("momentum: torch dampening=β step − our step = η_t·β^t·g₁",
                            gap - lr * beta**t * g1,
                            8 * EPS * param_scale[i] + 8 * t * EPS * lr * state_scale[i])
            offset[i] += lr * beta**t * g1
            if t == 2:
                assert np.all(gap != 0)  # still apart after the first step (lr₂ > 0)
    GAPS["momentum: largest |torch dampening=β − ours| in p after 30 steps"] = max(
        float(np.max(np.abs(p.detach().numpy() - params_o[i]))) for i, p in enumerate(params_t))
    for i, p in enumerate(params_t):
        record_relation("momentum: torch dampening=β params − ours = −Σ η_t·β^t·g₁",
                        (p.detach().numpy() - params_o[i]) + offset[i],
                        8 * len(grads) * EPS * (param_scale[i] + base_lr * 5 * state_scale[i]))


def test_torch_dampening_beta_equals_ours_when_the_first_gradient_is_zero():
    """With g₁ = 0 both first buffers are 0, and from then on both recurrences are β·v + (1−β)·g."""
    rng = np.random.default_rng(24)
    p0 = start_params(rng)
    beta, base_lr = 0.85, 0.03
    grads = mixed_grads(rng, 30, zero_steps=(0, 11))
    lrs = lr_sequence(base_lr, 30)
    traj = run_ours(Momentum(lr=base_lr, beta=beta), p0, grads, lrs)
    theirs, _, _ = run_torch(lambda ps: torch.optim.SGD(ps, lr=base_lr, momentum=beta, dampening=beta), p0, grads, lrs)
    assert_same_trajectory(traj, theirs, "momentum vs SGD(momentum=β, dampening=β), g₁ = 0")


# ---------------------------------------------------------------------------------------------
# Adam and AdamW
# ---------------------------------------------------------------------------------------------

TORCH_IMPLEMENTATIONS = {
    "foreach=False": {"foreach": False},
    "default": {},
    "foreach=True": {"foreach": True},
    "fused=True": {"fused": True},
}
ADAM_SETTINGS = [
    {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
    {"lr": 0.02, "beta1": 0.8, "beta2": 0.95, "eps": 1e-6},
]


@pytest.mark.parametrize("impl", list(TORCH_IMPLEMENTATIONS))
@pytest.mark.parametrize("setting", range(len(ADAM_SETTINGS)))
def test_adam_equals_torch_adam(impl, setting):
    h = ADAM_SETTINGS[setting]
    rng = np.random.default_rng([31, setting])
    p0 = start_params(rng)
    grads = mixed_grads(rng, 50, zero_steps=(6, 7, 30))
    lrs = lr_sequence(h["lr"], 50)
    traj = run_ours(Adam(**h), p0, grads, lrs)
    theirs, _, _ = run_torch(
        lambda ps: torch.optim.Adam(ps, lr=h["lr"], betas=(h["beta1"], h["beta2"]), eps=h["eps"],
                                    **TORCH_IMPLEMENTATIONS[impl]), p0, grads, lrs)
    assert_same_trajectory(traj, theirs, f"adam vs torch.optim.Adam ({impl})")


def test_adam_tiny_gradients_show_eps_after_the_square_root_like_torch():
    """Gradients of 1e-9..1e-5 against eps = 1e-8: where eps sits decides the step size here."""
    rng = np.random.default_rng(32)
    p0 = start_params(rng)
    grads = mixed_grads(rng, 25, low=-9, high=-5)
    traj = run_ours(Adam(lr=0.01), p0, grads)
    theirs, _, _ = run_torch(lambda ps: torch.optim.Adam(ps, lr=0.01, foreach=False), p0, grads)
    assert_same_trajectory(traj, theirs, "adam vs torch.optim.Adam (foreach=False)")


ADAMW_SETTINGS = [
    {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.01},
    {"lr": 0.05, "beta1": 0.8, "beta2": 0.95, "eps": 1e-6, "weight_decay": 0.3},
]


def _torch_adamw(h, **kw):
    return lambda ps: torch.optim.AdamW(ps, lr=h["lr"], betas=(h["beta1"], h["beta2"]), eps=h["eps"],
                                        weight_decay=h["weight_decay"], **kw)


@pytest.mark.parametrize("impl", list(TORCH_IMPLEMENTATIONS))
@pytest.mark.parametrize("setting", range(len(ADAMW_SETTINGS)))
def test_adamw_decay_first_equals_torch_adamw(impl, setting):
    h = ADAMW_SETTINGS[setting]
    rng = np.random.default_rng([41, setting])
    p0 = [p * 10.0 for p in start_params(rng)]  # large weights, so the decay term matters
    grads = mixed_grads(rng, 50, zero_steps=(3, 4, 22))
    lrs = lr_sequence(h["lr"], 50)
    traj = run_ours(AdamWDecayFirst(**h), p0, grads, lrs)
    theirs, _, _ = run_torch(_torch_adamw(h, **TORCH_IMPLEMENTATIONS[impl]), p0, grads, lrs)
    assert_same_trajectory(traj, theirs, f"adamw decay-first vs torch.optim.AdamW ({impl})")


def test_adamw_decay_first_equals_torch_adam_with_decoupled_weight_decay():
    h = ADAMW_SETTINGS[1]
    rng = np.random.default_rng(42)
    p0 = [p * 10.0 for p in start_params(rng)]
    grads = mixed_grads(rng, 30, zero_steps=(2,))
    traj = run_ours(AdamWDecayFirst(**h), p0, grads)
    theirs, _, _ = run_torch(
        lambda ps: torch.optim.Adam(ps, lr=h["lr"], betas=(h["beta1"], h["beta2"]), eps=h["eps"],
                                    weight_decay=h["weight_decay"], decoupled_weight_decay=True, foreach=False),
        p0, grads)
    assert_same_trajectory(traj, theirs, "adamw decay-first vs torch.optim.Adam(decoupled_weight_decay=True)")


def test_adamw_zero_gradients_only_decay_like_torch():
    """g = 0 from the start: the Adam step is 0/(0 + eps) = 0 and each step multiplies p by 1 − lr·λ."""
    h = {"lr": 0.1, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.2}
    rng = np.random.default_rng(43)
    p0 = start_params(rng)
    grads = [[np.zeros(s) for s in SHAPES] for _ in range(10)]
    theirs, _, _ = run_torch(_torch_adamw(h, foreach=False), p0, grads)
    for order in (AdamW, AdamWDecayFirst):  # with no Adam step the two orders coincide
        assert_same_trajectory(run_ours(order(**h), p0, grads), theirs, "adamw (g = 0) vs torch.optim.AdamW")
    assert_close(theirs[-1][0], p0[0] * (1 - 0.1 * 0.2) ** 10, "adamw (g = 0) vs torch.optim.AdamW")


def test_adamw_primer_order_differs_from_torch_adamw_by_lr_squared_lambda_update_on_the_first_step():
    """Primer: p₁ = (p₀ − u)(1 − lr·λ); torch: p₁ = p₀(1 − lr·λ) − u, with u = lr·d the Adam step.

    So primer − torch = lr·λ·u = lr²·λ·d, where d = m̂/(√v̂ + eps) is the unscaled Adam direction;
    on the first step m̂ = g and v̂ = g², so d = g/(|g| + eps). Each side is a few float64 operations
    on numbers no larger than |p₀| + |u|, so each carries an error of a few ulp of that size; the
    bound below is 8·ulp·(|p₀| + |u|), which is ~1e-15 for p₀ ~ 1 while the gap itself is
    lr²·λ·|d| (7.5e-4·|d| here): the relation is checked to ~1e-12 of its size.
    """
    h = ADAMW_SETTINGS[1]
    lr, lam, eps = h["lr"], h["weight_decay"], h["eps"]
    rng = np.random.default_rng(44)
    p0 = start_params(rng)
    grads = mixed_grads(rng, 1)
    primer = run_ours(AdamW(**h), p0, grads)[0]
    theirs = run_torch(_torch_adamw(h, foreach=False), p0, grads)[0][0]
    for i, g in enumerate(grads[0]):
        d = g / (np.abs(g) + eps)
        predicted = lr**2 * lam * d
        gap = primer[i] - theirs[i]
        record_relation("adamw: primer − torch on step 1 = lr²·λ·g/(|g| + eps)", gap - predicted,
                        8 * EPS * (np.abs(p0[i]) + lr * np.abs(d)))
        assert np.all(np.sign(gap[predicted != 0]) == np.sign(predicted[predicted != 0]))


def test_adamw_primer_order_gap_to_torch_follows_its_recurrence_and_stays_small():
    """Over a trajectory the gap e_t = primer − torch obeys e_t = (1 − lr_t·λ)·e_{t−1} + lr_t·λ·u_t.

    (The Adam step u_t = lr_t·d_t depends on the gradients only, which both sides share.) So
    |e_t| ≤ λ·Σ lr_s·|u_s| = λ·Σ lr_s²·|d_s|: the orders never drift apart by more than the sum of the
    per-step gaps. Rounding bound: 8·t ulp of the largest |p| + |u| met (each step adds a few ulp and
    the factor 1 − lr·λ ≤ 1 never amplifies an earlier one).
    """
    h = ADAMW_SETTINGS[1]
    lam = h["weight_decay"]
    rng = np.random.default_rng(45)
    p0 = [p * 10.0 for p in start_params(rng)]
    grads = mixed_grads(rng, 60, zero_steps=(10, 11, 40))
    lrs = lr_sequence(h["lr"], 60)

    class Recorded(Adam):
        """Our Adam, keeping each step's displacement u = lr·m̂/(√v̂ + eps)."""

        def __init__(self, **kw):
            super().__init__(**kw)
            self.log: list[list[np.ndarray]] = []

        def step(self, params, grads):
            self.t += 1
            self.log.append([self.update(i, p, g) for i, (p, g) in enumerate(zip(params, grads))])

    adam = Recorded(**{k: v for k, v in h.items() if k != "weight_decay"})
    run_ours(adam, p0, grads, lrs)
    primer = run_ours(AdamW(**h), p0, grads, lrs)
    theirs = run_torch(_torch_adamw(h, foreach=False), p0, grads, lrs)[0]
    gap = [np.zeros(s) for s in SHAPES]
    bound = [np.zeros(s) for s in SHAPES]
    size = max(float(np.max(np.abs(p))) for step in primer for p in step) + 1.0
    for t, lr in enumerate(lrs):
        for i in range(len(SHAPES)):
            u = adam.log[t][i]
            gap[i] = (1 - lr * lam) * gap[i] + lr * lam * u
            bound[i] = bound[i] + lr * lam * np.abs(u)
            measured = primer[t][i] - theirs[t][i]
            record_relation("adamw: primer − torch follows e_t = (1 − lr·λ)·e_{t−1} + lr·λ·u_t",
                            measured - gap[i], 8 * (t + 1) * EPS * size)
            assert np.all(np.abs(measured) <= bound[i] + 8 * (t + 1) * EPS * size)
    largest = max(float(np.max(np.abs(primer[t][i] - theirs[t][i]))) for t in range(len(lrs)) for i in range(len(SHAPES)))
    GAPS["adamw: largest |primer − torch| over 60 steps, |p| ≤ %.0f (lr ≤ 0.25, λ = 0.3)" % size] = largest
    GAPS["adamw: its bound λ·Σ lr_s·|u_s| at the last step (largest element)"] = float(max(np.max(b) for b in bound))


def test_torch_skips_a_parameter_whose_grad_is_none_while_ours_always_advance_the_state():
    """A convention of the frameworks, not of the formulas: torch leaves p and its state alone when
    p.grad is None (no step count, no moment decay); our step always receives an array per parameter.
    Passing zeros instead of None makes torch advance the state like ours (tested above)."""
    a = torch.zeros(2, dtype=F64, requires_grad=True)
    b = torch.ones(2, dtype=F64, requires_grad=True)
    opt = torch.optim.Adam([a, b], lr=0.1, foreach=False)
    a.grad, b.grad = torch.ones(2, dtype=F64), None
    opt.step()
    assert len(opt.state[b]) == 0 and torch.equal(b, torch.ones(2, dtype=F64))
    ours = Adam(lr=0.1)
    ours.step([np.zeros(2), np.ones(2)], [np.ones(2), np.zeros(2)])
    assert 1 in ours.m and ours.t == 1


# ---------------------------------------------------------------------------------------------
# Schedules
# ---------------------------------------------------------------------------------------------

SCHEDULES = [
    # (warmup_steps, total_steps, max_lr, min_lr)
    (10, 50, 0.1, 0.0),
    (7, 30, 3e-3, 1e-4),
    (0, 40, 0.05, 0.005),  # no warmup
    (0, 25, 1.0, 0.0),
    (12, 12, 0.02, 0.002),  # warmup straight into min_lr
    (150, 1200, 6e-4, 6e-5),
]


@pytest.mark.parametrize("warmup, total, max_lr, min_lr", SCHEDULES)
def test_lr_schedule_equals_torch_lambda_lr_step_by_step_past_total_steps(warmup, total, max_lr, min_lr):
    p = torch.zeros(1, dtype=F64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=max_lr)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: lr_schedule(s, warmup, total, max_lr, min_lr) / max_lr)
    ours, theirs = [], []
    for step in range(2 * total + 10):
        ours.append(lr_schedule(step, warmup, total, max_lr, min_lr))
        theirs.append(opt.param_groups[0]["lr"])
        p.grad = torch.zeros(1, dtype=F64)
        opt.step()
        sched.step()
    assert_close(ours, theirs, "lr_schedule vs LambdaLR")
    assert ours[warmup] == max_lr or warmup == total
    assert all(lr == min_lr for lr in ours[total:])


@pytest.mark.parametrize("total, max_lr, min_lr", [(20, 0.1, 0.01), (300, 3e-4, 0.0), (64, 1.0, 0.25)])
def test_cosine_part_equals_torch_cosine_annealing_lr_until_total_steps_where_torch_turns_back_up(total, max_lr, min_lr):
    """With warmup_steps = 0, CosineAnnealingLR(T_max=total_steps, eta_min=min_lr) is the same curve up
    to total_steps; after it torch's cosine keeps going (back up toward max_lr, period 2·T_max) while
    ours stays flat at min_lr."""
    p = torch.zeros(1, dtype=F64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=max_lr)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=total, eta_min=min_lr)
    ours, theirs = [], []
    for step in range(2 * total + 1):
        ours.append(lr_schedule(step, 0, total, max_lr, min_lr))
        theirs.append(opt.param_groups[0]["lr"])
        p.grad = torch.zeros(1, dtype=F64)
        opt.step()
        sched.step()
    assert_close(ours[: total + 1], theirs[: total + 1], "lr_schedule (no warmup) vs CosineAnnealingLR")
    assert theirs[total + 1] > min_lr == ours[total + 1]
    assert math.isclose(theirs[2 * total], max_lr, rel_tol=1e-9) and ours[2 * total] == min_lr


@pytest.mark.parametrize("initial_lr, drop_factor, drop_every", [(0.1, 0.5, 10), (0.3, 0.1, 3), (1.0, 0.5, 1), (2e-3, 0.9, 7)])
def test_step_decay_equals_torch_step_lr(initial_lr, drop_factor, drop_every):
    p = torch.zeros(1, dtype=F64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=initial_lr)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=drop_every, gamma=drop_factor)
    ours, theirs = [], []
    for epoch in range(60):
        ours.append(step_decay(initial_lr, epoch, drop_factor, drop_every))
        theirs.append(opt.param_groups[0]["lr"])
        p.grad = torch.zeros(1, dtype=F64)
        opt.step()
        sched.step()
    assert_close(ours, theirs, "step_decay vs StepLR")


# ---------------------------------------------------------------------------------------------
# Clipping
# ---------------------------------------------------------------------------------------------

# The two conventions part only when max_norm − 1e-6 < norm ≤ max_norm: there torch's factor
# max_norm/(norm + 1e-6) is below 1 (by at most 1e-6/max_norm, relative) while ours leaves the values
# alone because the norm is not above max_norm. Everywhere else both factors are the same number.
TORCH_BAND = 1e-6


def _grads_with_norm(rng: np.random.Generator, norm: float) -> list[np.ndarray]:
    """Arrays of mixed shapes whose elements span 1e-9..1e3 before rescaling to the given global norm."""
    grads = [rng.standard_normal(s) * 10.0 ** rng.uniform(-9, 3, size=s) for s in SHAPES]
    current = math.sqrt(sum(float(np.sum(g * g)) for g in grads))
    return [g * (norm / current) for g in grads]


def _torch_clip(grads, max_norm, **kw):
    params = [torch.zeros(g.shape, dtype=F64, requires_grad=True) for g in grads]
    for p, g in zip(params, grads):
        p.grad = torch.tensor(g, dtype=F64)
    total = torch.nn.utils.clip_grad_norm_(params, max_norm, **kw)
    return [p.grad.numpy().copy() for p in params], float(total)


def _clip_cases():
    """(grads, max_norm, how): global norms well above, above, just above, at, inside the band just
    below, just below the band, below and well below max_norm, for several max_norm."""
    rng = np.random.default_rng(51)
    cases = []
    for m in (1.0, 0.5, 3.0, 1e-3, 250.0):
        norms = {"1000·max": 1e3 * m, "5·max": 5 * m, "max + 1e-3": m + 1e-3, "max + 1e-7": m + 1e-7,
                 "max + 1e-9": m + 1e-9, "max − 1e-8": m - 1e-8, "max − 0.5e-6": m - 0.5e-6,
                 "max − 0.99e-6": m - 0.99e-6, "max − 1.5e-6": m - 1.5e-6, "max − 2e-6": m - 2e-6,
                 "max − 1e-3": m - 1e-3, "0.5·max": 0.5 * m, "1e-3·max": 1e-3 * m}
        for how, norm in norms.items():
            if norm > 0:
                cases.append((_grads_with_norm(rng, norm), m, how))
        grads = _grads_with_norm(rng, m)
        exact = math.sqrt(sum(float(np.sum(g * g)) for g in grads))
        cases.append((grads, exact, "at"))  # max_norm equal to the norm as we compute it
    return cases


CLIP_CASES = _clip_cases()


@pytest.mark.parametrize("impl", [{}, {"foreach": False}])
def test_clip_grad_norm_torch_style_equals_torch_clip_grad_norm_everywhere(impl):
    for grads, max_norm, _ in CLIP_CASES:
        ours, norm = clip_grad_norm_torch_style(grads, max_norm)
        theirs, tnorm = _torch_clip(grads, max_norm, **impl)
        assert_close(norm, tnorm, "clip: total norm vs clip_grad_norm_")
        for a, b in zip(ours, theirs):
            assert_close(a, b, "clip: torch-style vs clip_grad_norm_")


def test_clip_grad_norm_equals_torch_except_in_the_band_just_below_max_norm():
    inside = 0
    for grads, max_norm, how in CLIP_CASES:
        ours, norm = clip_grad_norm(grads, max_norm)
        theirs, tnorm = _torch_clip(grads, max_norm)
        in_band = max_norm - TORCH_BAND < norm <= max_norm
        # Cases built within 1e-9 of the band's lower edge would be decided by rounding: none are.
        assert abs(norm - (max_norm - TORCH_BAND)) > 1e-9
        if not in_band:
            for a, b in zip(ours, theirs):
                assert_close(a, b, "clip: ours vs clip_grad_norm_ outside the band")
            continue
        inside += 1
        factor = max_norm / (tnorm + 1e-6)
        assert factor < 1.0
        for g, a, b in zip(grads, ours, theirs):
            np.testing.assert_array_equal(a, g)  # ours: unchanged at or just below max_norm
            assert_close(b, g * factor, "clip: torch-style vs clip_grad_norm_")  # torch: × max/(norm + 1e-6)
            record_relation("clip: in the band, torch/ours − 1 = max/(norm + 1e-6) − 1 ∈ (−1e-6/max, 0)",
                            np.where(g != 0, b / np.where(g != 0, g, 1.0) - 1.0, 0.0) - (factor - 1.0),
                            np.full(g.shape, 4 * EPS))
            assert -TORCH_BAND / max_norm * (1 + 1e-9) < factor - 1.0 < 0.0
            key = f"clip: largest 1 − torch factor in the band, max_norm = {max_norm:g}"
            if how == "at":
                key = "clip: 1 − torch factor at norm == max_norm (largest over the max_norms)"
            GAPS[key] = max(GAPS.get(key, 0.0), 1.0 - factor)
    assert inside == 5 * 4  # for every max_norm: max − 0.99e-6, max − 0.5e-6, max − 1e-8 and 'at'


def test_clip_zero_gradients_and_an_empty_list_equal_torch():
    """Norm 0: torch's factor max/(0 + 1e-6) is clamped to 1, ours is 1 (not above max_norm): zeros stay 0."""
    zeros = [np.zeros(s) for s in SHAPES]
    for clip in (clip_grad_norm, clip_grad_norm_torch_style):
        ours, norm = clip(zeros, 1.0)
        theirs, tnorm = _torch_clip(zeros, 1.0)
        assert norm == tnorm == 0.0
        for a, b in zip(ours, theirs):
            assert_close(a, b, "clip: zero gradients vs clip_grad_norm_")
            assert not np.any(a)
        assert clip([], 1.0) == ([], 0.0)
    assert float(torch.nn.utils.clip_grad_norm_([], 1.0)) == 0.0


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_clip_non_finite_gradients_ours_raise_value_error_where_torch_returns_nan(bad):
    """By design ours raise ValueError on a non-finite norm. torch (error_if_nonfinite=False, its default)
    returns the non-finite norm and multiplies by it: with a NaN every gradient of every parameter
    becomes NaN; with ±inf the norm is inf, the factor max/(inf + 1e-6) = 0, so finite entries become 0
    and the infinite one inf·0 = NaN. With error_if_nonfinite=True torch raises RuntimeError."""
    grads = [np.array([1.0, bad, 3.0]), np.array([[0.5, -2.0], [4.0, 1e-9]])]
    for clip in (clip_grad_norm, clip_grad_norm_torch_style):
        with pytest.raises(ValueError):
            clip(grads, 1.0)
    theirs, tnorm = _torch_clip(grads, 1.0, error_if_nonfinite=False)
    if np.isnan(bad):
        assert math.isnan(tnorm)
        assert all(np.all(np.isnan(g)) for g in theirs)
    else:
        assert tnorm == math.inf
        assert np.isnan(theirs[0][1]) and theirs[0][0] == 0.0 and theirs[0][2] == 0.0
        assert np.all(theirs[1] == 0.0)
    with pytest.raises(RuntimeError):
        _torch_clip(grads, 1.0, error_if_nonfinite=True)


# ---------------------------------------------------------------------------------------------
# The summary: keep this test last
# ---------------------------------------------------------------------------------------------


def test_report_largest_difference():
    """Print the largest differences (run with -s) and assert every coinciding one is within 1e-12.

    Each test above already asserted its comparisons; this one asserts the number the table quotes:
    the largest relative difference over every coinciding value, with no absolute floor.
    """
    if not LARGEST:
        pytest.skip("run the whole file: the table is filled by the tests above")
    width = max(len(k) for k in LARGEST)
    lines = [f"\nLargest |ours − torch| where the conventions coincide (torch {torch.__version__}, float64):",
             f"  {'comparison':<{width}}  {'values':>7}  {'max abs':>10}  {'max rel':>10}  {'of tol':>7}"]
    for label, e in sorted(LARGEST.items()):
        lines.append(f"  {label:<{width}}  {e['n']:>7d}  {e['abs']:>10.3e}  {e['rel']:>10.3e}  {e['ratio']:>7.3f}")
    overall_abs = max(e["abs"] for e in LARGEST.values())
    overall_rel = max(e["rel"] for e in LARGEST.values())
    lines.append(f"  {'OVERALL':<{width}}  {sum(e['n'] for e in LARGEST.values()):>7d}  "
                 f"{overall_abs:>10.3e}  {overall_rel:>10.3e}")
    lines.append("  ('of tol': the largest |ours − torch| / (atol + 1e-12·|torch|) of the comparison)")
    if RELATIONS:
        rwidth = max(len(k) for k in RELATIONS)
        lines.append("\nRelations where the conventions differ (largest |measured − predicted|, and its rounding bound):")
        for label, e in sorted(RELATIONS.items()):
            lines.append(f"  {label:<{rwidth}}  {e['deviation']:>10.3e}  (bound {e['bound']:.3e})")
    if GAPS:
        gwidth = max(len(k) for k in GAPS)
        lines.append("\nSize of those convention differences in these tests:")
        for label, value in sorted(GAPS.items()):
            lines.append(f"  {label:<{gwidth}}  {value:>10.3e}")
    print("\n".join(lines))
    assert all(e["ratio"] <= 1.0 for e in LARGEST.values())
    assert overall_rel <= RTOL, f"largest relative difference {overall_rel:.3e} is above {RTOL:g}"
