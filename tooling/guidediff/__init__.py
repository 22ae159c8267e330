"""guidediff: track how funding-call guidelines (申报指南) change.

Pipeline (one module per stage, data flows one way)::

    file --ingest--> lines --clean--> paragraphs --parse--> Guideline --annotate--> typed values
    Guideline --xmlio--> corpus XML
    two Guidelines --align--> pairs --diff--> change events --render--> reports
"""

__version__ = "0.1.0"
