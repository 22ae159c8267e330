"""Stage 5: the corpus XML. The only package that knows element and attribute names.

In: a ``model.Guideline`` (to write), or XML bytes (to read). Out: the bytes, streamed a piece
at a time and checked as they are made (``write.Writer``), or the model (``read.parse_xml``).

Open ``write.py`` first: the model as lxml elements, streamed through ``etree.xmlfile``;
``read.py`` reads the tree back into the model; ``schema.py`` holds the safe parser and the
RELAX NG schema shipped in ``schema/guideline.rng``.
"""

from .read import Element, artifacts_of, body_text, from_element, parse_tree, parse_xml, read_xml
from .schema import refuse_doctype, safe_parser, validate
from .write import ReadBack, Writer, direction_element, to_bytes

__all__ = ["Element", "ReadBack", "Writer", "artifacts_of", "body_text", "direction_element",
           "from_element", "parse_tree", "parse_xml", "read_xml", "refuse_doctype",
           "safe_parser", "to_bytes", "validate"]
