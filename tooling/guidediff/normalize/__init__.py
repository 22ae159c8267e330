"""Stages 2–4, normalize: ``RawText`` → ``Guideline`` (the typed model) and its XML.

In: ``read.raw.RawText``. Out: ``pipeline.Normalized``: the ``model.Guideline`` (parts,
directions, fields, nested items, typed values as spans on the text), the cleaning reports, and
the XML (``xmlio``) with a proof that nothing of the input was lost (``conserve``).

Open ``pipeline.py`` first: clean (artifacts out, lines joined into paragraphs) → parse
(structure from headings, labels and list markers, recognized by ``patterns``) → annotate
(``values``: money, counts, durations, contacts, links, agreements; ``partners``).
"""
