"""The corpus: many documents and their comparisons, on top of every stage.

In: ``corpus/manifest.toml`` and the raw files it names. Out: ``corpus/xml/<id>.xml`` and the
reports of each comparison.

Open ``build.py`` first; ``comparison.py`` compares two documents (the one function every
comparison goes through, and the one cache interface it reads through: ``Documents``),
``manifest.py`` reads and checks the manifest, ``batch.py`` runs one job over many items in
parallel processes, reporting each failure and going on.
"""
