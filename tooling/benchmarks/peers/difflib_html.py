"""The peer of `guidediff diff`: difflib's side-by-side HTML of two files' lines, on stdout."""

import difflib
import sys

a = open(sys.argv[1], encoding="utf-8").read().splitlines()  # noqa: SIM115
b = open(sys.argv[2], encoding="utf-8").read().splitlines()  # noqa: SIM115
sys.stdout.write(difflib.HtmlDiff().make_file(a, b))
