"""Grows memory without bound at import (touching every page): stopped by the memory cap.

kata: adam
expect: error
says: MemoryError
says: 512 MiB memory cap
limits: memory_mb=512
"""
hog = []
while True:
    hog.append(bytearray(16 * 2**20))  # bytearray() writes zeros: the memory is really used
