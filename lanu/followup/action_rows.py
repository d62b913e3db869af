"""The rows of the per-action tables of the round pages, as HTML written in Python.

A plan may have thousands of actions; the template language spends most of such a
page's time per value, so (as plans/templatetags/plan_lists.py does) each row is
built with plain string formatting, every text escaped with html.escape.
"""

from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from lanu.plans.templatetags.plan_lists import subgoal_links_html


def first_cells(action) -> str:
    """Number (a link to the action), title (marked if archived since) and organisation."""
    return (
        f'<td class="number"><a href="{escape(action.url)}">{action.number}</a></td>'
        f"<td>{escape(action.title)}{archived_mark(action)}</td>"
        f"<td>{escape(action.organisation.name)}</td>"
    )


def archived_mark(action) -> str:
    """A closed round counts actions archived after it: their rows say so, in words."""
    if not action.archived:
        return ""
    word = escape(_("archived"))
    return f' <span class="tag">({word})</span>'


def plain(actions) -> SafeString:
    rows = (f"<tr>{first_cells(action)}</tr>" for action in actions)
    return mark_safe("\n".join(rows))  # noqa: S308 - every text escaped


def with_status(actions) -> SafeString:
    """Actions with `subgoal_refs` and `status_label` (charts.labelled: safe HTML)."""
    rows = (
        f"<tr>{first_cells(action)}<td>{subgoal_links_html(action.subgoal_refs)}</td>"
        f"<td>{action.status_label}</td></tr>"
        for action in actions
    )
    return mark_safe("\n".join(rows))  # noqa: S308 - every text escaped, labels are safe


def with_change(changes) -> SafeString:
    """(action, label then, label now) each; the labels are safe HTML (charts.labelled)."""
    rows = (
        f'<tr>{first_cells(action)}<td>{before}</td><td><span aria-hidden="true">→</span> '
        f"{now}</td></tr>"
        for action, before, now in changes
    )
    return mark_safe("\n".join(rows))  # noqa: S308 - every text escaped, labels are safe


def with_report(actions) -> SafeString:
    """Actions with `status_label` (safe HTML), and `account` and `values` of their report."""
    rows = (
        f"<tr>{first_cells(action)}<td>{subgoal_links_html(action.subgoal_refs)}</td>"
        f"<td>{action.status_label}</td><td>{linebreaks(action.account)}</td>"
        f"<td>{values_html(action.values)}</td></tr>"
        for action in actions
    )
    return mark_safe("\n".join(rows))  # noqa: S308 - every text escaped, labels are safe


def linebreaks(text: str) -> str:
    return "<br>".join(escape(line) for line in text.splitlines())


def values_html(values) -> str:
    """The metric values as a list of "metric: value"; nothing when there is none."""
    if not values:
        return ""
    items = "".join(
        f"<li>{escape(value.metric.text)}: <strong>{escape(value.shown())}</strong></li>"
        for value in values
    )
    return f'<ul class="metric-values">{items}</ul>'
