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


def metrics_html(metrics) -> str:
    if not metrics:
        return ""
    words = escape(_("by mother tongue / citizenship"))
    mark = f' <span class="tag">{words}</span>'
    rows = (f"<li>{escape(m.text)}{mark if m.by_mother_tongue else ''}</li>" for m in metrics)
    return "<ul>" + "".join(rows) + "</ul>"


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
def action_cells(context, action) -> str:
    """The cells of one row of plans/_action_table.html (see there for the options)."""
    cells = []
    if context.get("show_subgoals"):
        cells.append(f"<td>{subgoal_links_html(action.subgoal_refs)}</td>")
    cells.append(organisation_cell(context, action))
    cells.append(f'<td class="number"><a href="{escape(action.url)}">{action.number}</a></td>')
    cells.append(f"<td>{action_text(action, context.get('show_subgoals'))}</td>")
    cells.append(f"<td>{metrics_html(action.metric_list)}</td>")
    shown = context.get("shown") or {}
    cells += [
        f"<td>{lines_html(getattr(action, name))}</td>"
        for name in OPTIONAL_COLUMNS
        if shown.get(name)
    ]
    return mark_safe("".join(cells))  # noqa: S308 - every text escaped above


def organisation_cell(context, action) -> str:
    name = escape(action.organisation.name)
    if context.get("grouped"):
        if not getattr(action, "group_size", 0):
            return ""
        link = f'<a href="{escape(action.organisation_url)}">{name}</a>'
        return f'<th scope="rowgroup" rowspan="{action.group_size}">{link}</th>'
    return f"<td>{name}</td>" if context.get("show_organisation") else ""


def action_text(action, subgoals_shown: bool) -> str:
    """The description's paragraphs, the items, and the other sub-goals the action serves."""
    text = (
        f'<div class="text">{paragraphs_html(action.description)}</div>'
        if action.description
        else ""
    )
    also = ""
    if not subgoals_shown and len(action.subgoal_refs) > 1:
        links = subgoal_links_html(action.subgoal_refs)
        words = escape(_("Sub-goals:"))
        also = f'<p class="also">{words} {links}</p>'
    return text + bullet_html(action.items) + also
