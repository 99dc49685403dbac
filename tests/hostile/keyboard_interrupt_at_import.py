"""Raises KeyboardInterrupt at import: reported as such (nobody pressed Ctrl-C), never a crash of the grader.

kata: adam
expect: error
says: KeyboardInterrupt
"""
raise KeyboardInterrupt
