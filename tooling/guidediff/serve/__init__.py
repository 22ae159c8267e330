"""The local web app (``guidediff serve``): a page to compare two uploads, the reports to
download, and the corpus site, for people who do not use a terminal.

In: HTTP requests (two uploads, or a path of the corpus site). Out: the HTML report of the pair
with every other format to download, the ``guidediff.changes/1`` JSON for scripts, and files
of the site ``build`` wrote. A thin layer over the library, like the CLI.

Open ``routes.py`` first (the Blueprint), then ``app.py`` (the app put together) and
``handlers.py`` (hooks and error handlers); ``uploads.py`` takes the uploads apart within their
limits, ``pool.py`` runs comparisons in a bounded pool of worker processes, ``job.py`` is what
a worker does (read, compare, keep the report set under the comparison's hash; export the
review marks), ``results.py`` keeps results whole and checked, ``reasons.py`` words refusals in
the page's language, ``guard.py`` bounds connections in front of waitress, ``server.py`` starts
and stops it all, and ``desk.py`` is guidediff-app.
"""
