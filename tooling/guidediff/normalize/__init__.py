"""Stages 2–4, normalize: ``RawText`` → ``Guideline`` (the typed model) and its XML.

In: ``read.raw.RawText``. Out: ``pipeline.Normalized``: the ``model.Guideline`` (parts,
directions, fields, nested items, typed values as spans on the text), the cleaning reports, and
the XML (``xmlio``) with a proof that nothing of the input was lost (``conserve``); or
``pipeline.XmlStream``: the same XML a piece at a time, checked as it goes, for a document of
any size (``guidediff normalize``).

Open ``pipeline.py`` first: clean (artifacts out, lines joined into paragraphs) → parse
(structure from headings, labels and list markers, recognized by ``patterns``; a piece at a
time: the head, each part, each direction) → annotate (``values``: money, counts, durations,
contacts, links, agreements; ``partners``).
"""
