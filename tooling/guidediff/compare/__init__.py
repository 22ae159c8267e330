"""Stages 5–7, compare: two ``Guideline`` → ``events.ChangeLog``.

In: two ``model.Guideline``. Out: a ``ChangeLog``: the alignment of directions (matched, added,
dropped, each with score and evidence), typed change events per clause, the clause rows the
reports show, and the reconciliation of each document's stated figures.

Open ``diff.py`` first: ``align`` (features → scores → ``assign``, a global one-to-one
assignment) pairs the directions; ``clausediff`` matches clauses (``clauses``) and diffs their
tokens (``tokens``); ``facts`` derives budgets, counts and contacts; ``reconcile`` checks totals.
"""
