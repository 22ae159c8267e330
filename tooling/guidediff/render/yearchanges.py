"""What the year memo tells of a continued programme from the comparison of its two years'
documents (``Logs``: each change log by its documents' ids): its contacts whole, its other
changes (title, agreements, areas and requirements added or removed, duration, links; worded by
the phrase table), and the wording edits (a clause reworded or moved), which are counted, not
listed: the 新旧对照表 beside the memo shows each."""

from __future__ import annotations

from collections.abc import Mapping

from ..compare.events import Change, ChangeLog
from ..compare.history import ValueChange, YearChanges
from ..compare.kinds import AlignStatus, Kind, Operation, Subject
from ..model import Contact
from .i18n import t
from .phrases import phrase
from .words import contact_text

Logs = Mapping[tuple[str, str], ChangeLog]

OTHER = (Kind.TITLE_CHANGED, Kind.AGREEMENT_ADDED, Kind.AGREEMENT_REMOVED,
         Kind.AGREEMENT_CHANGED, Kind.AREA_ADDED, Kind.AREA_REMOVED, Kind.REQUIREMENT_ADDED,
         Kind.REQUIREMENT_REMOVED, Kind.DURATION_CHANGED, Kind.LINK_ADDED, Kind.LINK_REMOVED)
WORDING_SUBJECTS = (Subject.AREA, Subject.REQUIREMENT, Subject.TEXT)


def is_wording(c: Change) -> bool:
    """A clause reworded or moved (its text edited, its place changed): counted, not listed."""
    return c.kind.subject in WORDING_SUBJECTS and c.kind.operation in (Operation.CHANGED,
                                                                       Operation.MOVED)


def events(c: ValueChange, logs: Logs) -> list[Change] | None:
    """The substantive changes of a continued programme between its two members, from the
    comparison of their documents; None when there is none, or it did not pair them."""
    log = logs.get((c.old.version, c.new.version))
    if log is None or not any(r.status is AlignStatus.MATCHED and r.old == c.old.direction
                              and r.new == c.new.direction for r in log.alignment):
        return None
    return [x for x in log.substantive() if x.old_direction == c.old.direction
            and x.new_direction == c.new.direction]


def contacts_said(c: ValueChange, logs: Logs, lang: str) -> str:
    """The programme's contacts added (whole), removed and changed; "" when none changed."""
    found = events(c, logs)
    if found is None:
        return _contacts_by_email(c, lang)
    sep = t("sep.list", lang)
    added = [x.new_value for x in found if x.kind is Kind.CONTACT_ADDED
             and isinstance(x.new_value, Contact)]
    gone = [x.old_value for x in found if x.kind is Kind.CONTACT_REMOVED
            and isinstance(x.old_value, Contact)]
    parts = ([t("year.contacts_added", lang, contacts=sep.join(
        contact_text(x, lang) for x in added))] if added else []) + (
        [t("year.contacts_removed", lang, contacts=sep.join(
            contact_text(x, lang) for x in gone))] if gone else []) + [
        phrase(x, lang) for x in found if x.kind is Kind.CONTACT_CHANGED]
    return t("sep.clause", lang).join(parts)


def _contacts_by_email(c: ValueChange, lang: str) -> str:
    """Without a comparison: the e-mail addresses the lineage's values hold."""
    added = sorted(set(c.new.values.emails) - set(c.old.values.emails))
    gone = sorted(set(c.old.values.emails) - set(c.new.values.emails))
    sep = t("sep.list", lang)
    parts = ([t("year.contacts_added", lang, contacts=sep.join(added))] if added else []) + (
        [t("year.contacts_removed", lang, contacts=sep.join(gone))] if gone else [])
    return t("sep.clause", lang).join(parts)


def other_changes(c: ValueChange, logs: Logs, lang: str) -> list[str]:
    """The programme's changes other than budget, count, contacts and wording, in words."""
    return [phrase(x, lang) for x in events(c, logs) or () if x.kind in OTHER]


def wording_edits(y: YearChanges, logs: Logs) -> dict[tuple[str, str], int]:
    """For each comparison of the two years' documents, how many wording edits it holds."""
    pairs = sorted({(c.old.version, c.new.version) for c in y.continued})
    out = {}
    for pair in pairs:
        log = logs.get(pair)
        n = sum(1 for x in log.substantive() if is_wording(x)) if log is not None else 0
        if n:
            out[pair] = n
    return out
