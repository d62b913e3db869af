"""normal_text(): the one form every text is compared and stored in; plain(), words()
and stems(): the one fold texts are matched by (headings, vocabularies, names).

Browsers send a textarea's lines ending in "\r\n", word processors leave spaces at
line ends, and the same letter "ä" can come as one code point or two. Left as they
come, an untouched form saved again would differ from what is stored, and the
history and the conflict box would show a change nobody made. Every saving path
(forms through NormalTextForm, imports through save_plan, the history's comparison)
passes texts through normal_text() so that only real changes differ.
"""

import dataclasses
import re
import unicodedata

from django import forms

LINE_END_SPACE = re.compile(r"[ \t\f\v\u00a0]+$", re.MULTILINE)
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphen…
STEM = 5  # letters a stem keeps: Finnish inflects the end ("elämäänsä", "elämään")


def normal_text(value: str) -> str:
    """Line endings as "\n", no spaces at the end of a line, none around the whole
    text (as a form field strips it), Unicode NFC; indented lines keep their indent."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = LINE_END_SPACE.sub("", text).strip()
    return unicodedata.normalize("NFC", text)


def normal_value(value):
    """A text, or each text of a list, normalised; any other value as it is."""
    if isinstance(value, str):
        return normal_text(value)
    if isinstance(value, list):
        return [normal_value(item) for item in value]
    return value


class NormalTextForm(forms.BaseForm):
    """A form whose cleaned texts are normal_text()s, before any model sees them.

    Mixed in before forms.Form or forms.ModelForm; password fields keep their
    characters exactly as typed.
    """

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            field = self.fields.get(name)
            if field is not None and not isinstance(field.widget, forms.PasswordInput):
                cleaned[name] = normal_value(value)
        return cleaned


def normalise_texts(item) -> None:
    """Normalise, in place, every text of a dataclass and of the dataclasses it holds
    (an import's PlanData with its goals, actions and metrics)."""
    for field in dataclasses.fields(item):
        value = getattr(item, field.name)
        if dataclasses.is_dataclass(value):
            normalise_texts(value)
        elif isinstance(value, list) and value and dataclasses.is_dataclass(value[0]):
            for each in value:
                normalise_texts(each)
        else:
            setattr(item, field.name, normal_value(value))


def plain(text: object) -> str:
    """A text as compared: compatibility forms unified and accents and marks removed
    (NFKD: å ä ö → a a o, é → e, ﬁ → fi), invisible characters dropped, case folded,
    white space single. Two spellings of one header, "MÅL" and "Mål", are then the same."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.translate(INVISIBLE).casefold().split())


def words(text: str) -> list[str]:
    """The plain text's words: runs of letters and digits ("toimija(t)" → toimija, t)."""
    return re.findall(r"[^\W_]+", plain(text))


def stems(text: str, shortest: int = 3, left_out: frozenset[str] = frozenset()) -> set[str]:
    """The stems (first STEM letters) of the text's words of letters at least `shortest`
    long, but for the words left out (plain): Finnish and Swedish inflect the ends."""
    found = re.findall(r"[^\W\d_]+", plain(text))
    return {word[:STEM] for word in found if len(word) >= shortest and word not in left_out}
