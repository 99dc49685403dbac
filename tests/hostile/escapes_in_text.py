"""Learner text full of terminal escapes, HTML, Jinja syntax, non-ASCII and a lone surrogate, in printed
output, in exception messages and in the source line that raises: none of it reaches the terminal raw,
Jinja syntax is shown literally, non-ASCII survives.

kata: adam
expect: fail
says: ValueError
says: {{ 7 * 7 }}
says: <script>
says: ñandú δ 日本
cli: yes
"""
import sys

PAYLOAD = ("\x1b[2J\x1b[H\x1b]0;pwned\x07\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\"
           " <script>alert(1)</script> {{ 7 * 7 }} {% for x in y %} ñandú δ 日本 \u009b31m \r\x08\x07 \udcff end")


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps

    def step(self, params, grads):
        print(PAYLOAD)
        print(PAYLOAD, file=sys.stderr)
        raise ValueError(PAYLOAD + "RAW[31m")  # a raw ESC byte in this source line
