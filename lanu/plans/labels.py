"""Words a plan calls its levels, in Finnish, Swedish and English, and how to read them.

A plan keeps its own labels (one calls its goals "Päätavoite", another "Painopiste");
each label and each status level stores its Finnish text and, beside it, a Swedish and
an English one (`<field>_sv`, `<field>_en`). Pages read them through `in_language()`,
which falls back to the Finnish text when a translation is empty.
"""

from django.utils.translation import get_language

TRANSLATED = ("sv", "en")

# The usual Finnish level labels and their Swedish and English names: filled in for a
# plan whose translation is empty (new plans, imports, and the migration of old ones).
LEVEL_LABELS = {
    "Päätavoite": ("Huvudmål", "Main goal"),
    "Painopiste": ("Fokusområde", "Focus area"),
    "Painopistealue": ("Fokusområde", "Focus area"),
    "Periaate": ("Princip", "Principle"),
    "Tavoite": ("Mål", "Goal"),
    "Välitavoite": ("Delmål", "Sub-goal"),
    "Osatavoite": ("Delmål", "Sub-goal"),
    "Toimenpide": ("Åtgärd", "Action"),
    "Toimenpiteet": ("Åtgärder", "Actions"),
    "Keino": ("Medel", "Means"),
}


def in_language(obj, field: str, language: str | None = None) -> str:
    """obj's `field` in `language` (the page's by default), its Finnish text if not given."""
    language = (language or get_language() or "fi").split("-")[0]
    finnish = getattr(obj, field)
    if language not in TRANSLATED:
        return finnish
    return getattr(obj, f"{field}_{language}") or finnish


def known_translations(finnish: str) -> dict[str, str]:
    """The Swedish and English names of a usual Finnish label, {} for one not in the table."""
    names = LEVEL_LABELS.get(finnish.strip()) or LEVEL_LABELS.get(finnish.strip().capitalize())
    return dict(zip(TRANSLATED, names, strict=True)) if names else {}


LEVEL_NAMES = ("goal", "subgoal", "action")
# The plan's fields holding its labels' translations: goal_label_sv, goal_label_en, …
LABEL_TRANSLATIONS = tuple(f"{lv}_label_{lang}" for lv in LEVEL_NAMES for lang in TRANSLATED)


def label_translations(plan) -> dict[str, str]:
    """The plan's translated labels as its JSON writes them ("goal_sv": …), the empty left out."""
    found = {}
    for level in LEVEL_NAMES:
        for language in TRANSLATED:
            if value := getattr(plan, f"{level}_label_{language}"):
                found[f"{level}_{language}"] = value
    return found
