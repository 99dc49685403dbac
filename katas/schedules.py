"""Kata `schedules`: warmup + cosine decay, and step decay.

lr_schedule(step, warmup_steps, total_steps, max_lr, min_lr=0.0):
- while step < warmup_steps: linear warmup from 0, max_lr · step / warmup_steps
  (so step 0 gives 0.0 and the warmup never quite reaches max_lr);
- for warmup_steps <= step < total_steps: cosine decay from max_lr down to min_lr,
      progress = (step − warmup_steps) / (total_steps − warmup_steps)
      lr = min_lr + ½ · (max_lr − min_lr) · (1 + cos(π · progress))
  so step == warmup_steps gives exactly max_lr;
- for step >= total_steps: min_lr, for every later step (the curve stays flat, it never
  climbs back up);
- warmup_steps = 0 means no warmup: the cosine starts at step 0.
- Invalid arguments raise ValueError: step < 0, warmup_steps < 0,
  total_steps < warmup_steps, or min_lr > max_lr. (total_steps == warmup_steps is valid:
  warmup, then min_lr.)

step_decay(initial_lr, epoch, drop_factor=0.5, drop_every=10):
- initial_lr · drop_factor ** (epoch // drop_every): the lr drops once every `drop_every`
  whole epochs (floor division: epochs 0..9 keep initial_lr when drop_every is 10).
- Invalid arguments raise ValueError: epoch < 0 or drop_every < 1.

Both return a float. Values are compared to a relative tolerance of 1e-12.
"""


def lr_schedule(step: int, warmup_steps: int, total_steps: int, max_lr: float, min_lr: float = 0.0) -> float:
    raise NotImplementedError("lr_schedule")


def step_decay(initial_lr: float, epoch: int, drop_factor: float = 0.5, drop_every: int = 10) -> float:
    raise NotImplementedError("step_decay")
