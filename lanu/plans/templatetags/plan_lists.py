"""An action's cells and lists as HTML, written in Python for the long listings.

A listing page may have thousands of actions. The template language, and even
Django's format_html(), spend most of such a page's time per value (lazy-string
checks, context lookups), so these helpers build each row with plain string
formatting, escaping every text with the standard library's html.escape (the
same five characters as Django's escape()).
"""

import re
from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lanu.plans.listing import OPTIONAL_COLUMNS

register = template.Library()
BLANK_LINES = re.compile(r"\n\s*\n")


def lines_html(text: str) -> str:
    """Text with its line breaks as <br>, escaped."""
    return "<br>".join(escape(line) for line in text.replace("\r\n", "\n").split("\n"))


def paragraphs_html(text: str) -> str:
    """Text as <p> paragraphs (blank lines between them), escaped; like Django's linebreaks."""
    parts = BLANK_LINES.split(text.replace("\r\n", "\n").strip())
    return "".join(f"<p>{lines_html(part)}</p>" for part in parts if part)


def bullet_html(items) -> str:
    if not items:
        return ""
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def metrics_html(metrics, mark: str = "") -> str:
    if not metrics:
        return ""
    mark = mark or metric_mark()
    rows = (f"<li>{escape(m.text)}{mark if m.by_mother_tongue else ''}</li>" for m in metrics)
    return "<ul>" + "".join(rows) + "</ul>"


def metric_mark() -> str:
    """The tag beside a metric broken down by mother tongue / citizenship."""
    words = escape(_("by mother tongue / citizenship"))
    return f' <span class="tag">{words}</span>'


def subgoal_links_html(subgoals) -> str:
    return ", ".join(
        f'<a href="{escape(s.url)}" title="{escape(s.title)}">{escape(s.key)}</a>' for s in subgoals
    )


@register.filter
def bullet_list(items) -> str:
    """Plain texts as a <ul>, or nothing."""
    return mark_safe(bullet_html(items))  # noqa: S308 - escaped above


@register.filter
def metric_list(metrics) -> str:
    """Metrics as a <ul>, marking those broken down by mother tongue / citizenship."""
    return mark_safe(metrics_html(metrics))  # noqa: S308 - escaped above


@register.simple_tag(takes_context=True)
def action_rows(context, actions) -> str:
    """The <tr> rows of plans/_action_table.html (see there for the options), in one call:
    a plan may have thousands, and a template loop costs more per row than the row."""
    table = TableOptions(context)
    rows = (f"<tr>{''.join(action_cells(table, action))}</tr>" for action in actions)
    return mark_safe("\n".join(rows))  # noqa: S308 - every text escaped in action_cells


class TableOptions:
    """The table's options from the template context, and what every row repeats."""

    def __init__(self, context):
        self.subgoals_shown = bool(context.get("show_subgoals"))
        self.grouped = bool(context.get("grouped"))
        self.organisation_shown = bool(context.get("show_organisation"))
        shown = context.get("shown") or {}
        self.optional = [name for name in OPTIONAL_COLUMNS if shown.get(name)]
        self.subgoals_words = escape(_("Sub-goals:"))
        self.metric_mark = metric_mark()
        self.links: dict[tuple, str] = {}  # the same sub-goals' links on many rows

    def subgoal_links(self, refs) -> str:
        key = tuple(ref.pk for ref in refs)
        if key not in self.links:
            self.links[key] = subgoal_links_html(refs)
        return self.links[key]


def action_cells(table: TableOptions, action) -> list[str]:
    """The cells of one row: an ActionRow of plans/listing.py."""
    cells = []
    if table.subgoals_shown:
        cells.append(f"<td>{table.subgoal_links(action.subgoal_refs)}</td>")
    cells.append(organisation_cell(table, action))
    cells.append(f'<td class="number"><a href="{escape(action.url)}">{action.number}</a></td>')
    cells.append(f"<td>{action_text(table, action)}</td>")
    cells.append(f"<td>{metrics_html(action.metric_list, table.metric_mark)}</td>")
    cells += [f"<td>{lines_html(getattr(action, name))}</td>" for name in table.optional]
    return cells


def organisation_cell(table: TableOptions, action) -> str:
    name = escape(action.organisation_name)
    if table.grouped:
        if not action.group_size:
            return ""
        link = f'<a href="{escape(action.organisation_url)}">{name}</a>'
        return f'<th scope="rowgroup" rowspan="{action.group_size}">{link}</th>'
    return f"<td>{name}</td>" if table.organisation_shown else ""


def action_text(table: TableOptions, action) -> str:
    """The description's paragraphs, the items, and the other sub-goals the action serves."""
    text = (
        f'<div class="text">{paragraphs_html(action.description)}</div>'
        if action.description
        else ""
    )
    also = ""
    if not table.subgoals_shown and len(action.subgoal_refs) > 1:
        links = table.subgoal_links(action.subgoal_refs)
        also = f'<p class="also">{table.subgoals_words} {links}</p>'
    return text + bullet_html(action.items) + also
