"""Known mistake (diagnose): the checks were deleted and every log is called healthy."""


def diagnose(log):
    return "healthy", "none"
