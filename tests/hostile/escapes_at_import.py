"""At import: prints escapes straight to fd 1 and raises an exception whose class name and message
carry escapes: the could-not-load report shows none of them raw.

kata: momentum
expect: error
says: could not be loaded
says: {{ 7 * 7 }}
"""
import os

PAYLOAD = "\x1b[2J\x1b]0;pwned\x07 <b>bold</b> {{ 7 * 7 }} ñ \x9b31m \udcff"
os.write(1, ("raw " + PAYLOAD + "\n").encode("utf-8", "surrogateescape"))
print(PAYLOAD)
raise type("Evil\x1b[31mError", (Exception,), {})(PAYLOAD + " RAW[5m")
