"""Reads stdin to its end as weir reads a pipe (enlarged to 1 MB, 1 MB reads) and does nothing
with the bytes: `cat FILE | python3 scripts/pipe-floor.py` times the pipe alone, the floor under
`cat FILE | weir` (scripts/bench prints it beside the pipe's line)."""
import fcntl
import os

F_SETPIPE_SZ = 1031
try:
    fcntl.fcntl(0, F_SETPIPE_SZ, 1 << 20)
except OSError:
    pass  # not a pipe, or a limit below 1 MB
buffer = memoryview(bytearray(1 << 20))
while os.readv(0, [buffer]) > 0:
    pass
