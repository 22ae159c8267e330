"""Self-tests a user can run on this machine, on top of every stage.

In: the real documents of the corpus. Out: outcomes, one per case: the error the tool gave, and
whether it is the one-line error the case expects (a traceback is a bug).

Open ``battery.py`` first: the bad inputs, each with the error a user must see. The tests run it
case by case; ``tooling/scripts/battery.py`` runs it all and prints a summary. ``serving.py``
drives the web app from outside, ``faults.py`` makes faults happen to it (workers killed,
connections held open, kept results damaged), ``a11y.py`` runs axe-core in its pages.
"""
