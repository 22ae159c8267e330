"""Stage 1, read: a file's bytes → ``RawText`` (numbered lines with page provenance).

In: a path or bytes. The format is decided by content (``detect``), never by the extension.
Out: ``raw.RawText``: every line numbered from 1, its printed page where known, and the
readers' warnings (a text file's lines in a compact ``raw.LineTable``). Bad input raises
``InputError`` naming the file and the reason.

Open ``ingest.py`` first: it dispatches to the readers (``text``, ``pdf``, ``docx``, ``html``),
which share only ``raw.py`` (the types and decoding) and never import one another.
"""
