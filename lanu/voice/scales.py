"""The answer scales of a form's questions: the 0–10 recommendation score and the smileys.

The smiley scale is stored as a number 1–5; each face has a word beside it (the face
alone tells a screen reader or a child who does not know the symbol nothing). The
words are in plain language; the answering page shows them in the form's language.
"""

from django.utils.translation import gettext_lazy as _

SCORES = range(0, 11)  # the recommendation score 0–10 (cNPS)
PROMOTERS = range(9, 11)  # 9–10 would recommend
DETRACTORS = range(0, 7)  # 0–6 would not

# (number stored, face, word): from the worst to the best
SMILEYS = [
    (1, "😢", _("Very bad")),
    (2, "🙁", _("Bad")),
    (3, "😐", _("Okay")),
    (4, "🙂", _("Good")),
    (5, "😀", _("Very good")),
]
SMILEY_NUMBERS = range(1, 6)


def smiley_label(number: int) -> str:
    """The face and its word, e.g. "😀 Very good"."""
    for value, face, word in SMILEYS:
        if value == number:
            return f"{face} {word}"
    return str(number)
