"""The follow-up app's SVG charts (lanu/followup/charts.py) for the report templates."""

from django import template

from lanu.followup import charts

register = template.Library()


@register.simple_tag
def status_bar(distribution, label: str, width: int = 480):
    return charts.status_bar(distribution, label, width)


@register.simple_tag
def trend_chart(years, title: str):
    return charts.trend_chart(list(years), title)


@register.filter
def swatch(level):
    """A level's colour square beside its name (the name written by the template)."""
    return charts.swatch(level.colour)


@register.filter
def summary(distribution) -> str:
    return charts.summary(distribution)
