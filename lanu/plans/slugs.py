"""A plan's short address (slug): free of Lanu's own words under /plans/, unique."""

from django.utils.text import slugify

from .models import Plan

RESERVED_SLUGS = {"new", "import", "template"}  # words of Lanu's own URLs under /plans/


def unique_slug(wanted: str) -> str:
    base = slugify(wanted)[:90] or "plan"
    if base in RESERVED_SLUGS:
        base = f"{base}-plan"
    slug, n = base, 2
    while Plan.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
