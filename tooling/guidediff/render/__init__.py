"""Renderers read a ChangeLog and return bytes; one mapping from format name to renderer."""

from __future__ import annotations

from collections.abc import Callable

from ..events import ChangeLog
from .jsonlog import render_json
from .text import render_text

Renderer = Callable[[ChangeLog, str, bool], bytes]

FORMATS: dict[str, Renderer] = {
    "json": render_json,
    "text": render_text,
}
