"""Options every renderer receives."""

from __future__ import annotations

from dataclasses import dataclass

from .review import Mark, Review


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "zh"  # zh | en: the language of labels (the documents' text stays as printed)
    show_format_only: bool = False  # list format-only changes in summaries
    date: str | None = None  # ISO 8601 date of the revisions and document properties
    unchanged: str = "abridge"  # 对照表: unchanged clauses "show" | "abridge" | "omit"
    full_text: bool = False  # 对照表: dropped and added directions clause by clause
    issuer: str | None = None  # the memo's 落款 (the office issuing it)
    # HTML: a bar atop the report linking the other formats of the same comparison (label,
    # relative link), as the web app serves it; none in a report written to disk
    downloads: tuple[tuple[str, str], ...] = ()
    # HTML: the review pane (marks and notes kept in the browser, exported); none on disk
    review: Review | None = None
    # 对照表 and CSV: a 核对意见 column holding these marks (change id, mark); None: no column
    marks: tuple[tuple[str, Mark], ...] | None = None

    def revision_date(self, year: int | None) -> str:
        """The date written into DOCX revisions: the option, else 1 January of the newer year."""
        if self.date:
            return self.date if "T" in self.date else f"{self.date}T00:00:00Z"
        return f"{year or 2000:04d}-01-01T00:00:00Z"
