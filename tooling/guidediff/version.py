"""The version of guidediff (read by setup.cfg, written into caches and reports)."""

__version__ = "0.1.0"
