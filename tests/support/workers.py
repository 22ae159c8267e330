"""Jobs for testing the worker pool of ``guidediff serve``: one that answers, one whose process
dies, one that runs too long. (Module-level, so that a spawned worker can import them.)"""

from __future__ import annotations

import os
import time


def echo(x: object) -> object:
    return x


def die(code: int) -> None:
    os._exit(code)  # as a process killed or out of memory ends: no answer


def sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds
