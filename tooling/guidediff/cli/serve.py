"""``guidediff serve``: the local web app."""

from __future__ import annotations

from pathlib import Path

import click

from .common import errors_to_exit, max_bytes_option, warn


@click.command()
@click.option("--corpus", "corpus_dir", default="corpus", show_default=True,
              help="The corpus whose site (written by guidediff build) is served at /corpus/.")
@click.option("--reports", "reports_dir", metavar="DIR",
              help="Where build wrote the corpus site [default: reports beside the corpus].")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Any other than this computer's own lets anyone on "
                   "the network upload.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port (0: any free port, printed at start).")
@click.option("--workers", type=click.IntRange(min=1), metavar="N",
              help="Comparisons run at once, each in its own process [default: the number of "
                   "cores].")
@click.option("--queue", type=click.IntRange(min=0), default=8, show_default=True,
              help="Comparisons that may wait for a worker; past them a request gets 503.")
@click.option("--timeout", type=click.FloatRange(min=1), default=120, show_default=True,
              help="Seconds a comparison may run before it is stopped (500).")
@max_bytes_option
@click.option("--no-cache", is_flag=True,
              help="Keep comparisons in a temporary folder for this run only (default: the "
                   "user cache, where identical uploads reuse their result).")
@click.option("--open", "open_browser", is_flag=True,
              help="Open the page in the default browser once the server listens.")
@errors_to_exit
def serve(corpus_dir: str, reports_dir: str | None, host: str, port: int, workers: int | None,
          queue: int, timeout: float, max_bytes: int, no_cache: bool,
          open_browser: bool) -> None:
    """Start the web app: compare two uploads in a browser, download every report.

    Open the address it prints (--open opens it in the default browser). Reads two uploads
    from its page (原文 and 修改后: TXT, DOCX,
    PDF or HTML, up to --max-bytes each) and answers with the HTML report; writes the tracked
    DOCX, the 新旧对照表, the memo, CSV and JSON for download; each comparison has its own
    address (/compare/<id>/), where its changes are reviewed one by one and the review marks
    exported as a 对照表 or CSV with a 核对意见 column. POST /compare?format=json
    answers with the change log for scripts; GET /corpus/ serves the corpus site; GET
    /healthz answers ok.
    Uploads are deleted after each request; results are kept by the hash of the two inputs.
    Ctrl+C stops it.
    """
    from ..corpus.documents import user_cache_dir
    from ..serve.config import ServeConfig, default_workers
    from ..serve.server import is_loopback
    from ..serve.server import serve as run

    if not is_loopback(host):
        warn(f"listening on {host}: anyone who can reach this computer on the network can "
             "upload files and read the results")
    cache = None if no_cache else user_cache_dir()
    site = Path(reports_dir) if reports_dir else Path(corpus_dir).parent / "reports"
    cfg = ServeConfig(host=host, port=port, workers=workers or default_workers(), queue=queue,
                      timeout=timeout, max_bytes=max_bytes, site=site,
                      results=cache / "serve" if cache else None, cache=cache)
    run(cfg, say=lambda msg: click.echo(msg, err=True),
        ready=open_in_browser if open_browser else None)


def open_in_browser(url: str) -> None:
    import webbrowser

    if not webbrowser.open(url):
        warn(f"no browser could be opened: open {url} yourself")
