"""Every message Lanu shows has a Finnish and a Swedish translation.

`makemessages` runs on a temporary copy of the code and catalogues (the real files are
never touched); a message it adds without a translation, or marks fuzzy because its
English source changed, would show in English on a Finnish or Swedish page.
Needs GNU gettext (`make install-test` installs Debian's package).
"""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fi", "sv")


def copy_sources(target: Path) -> Path:
    """The code, templates and catalogues makemessages reads, copied under target."""
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo")
    for name in ("lanu", "templates", "locale"):
        shutil.copytree(ROOT / name, target / name, ignore=skip)
    return target


def make_messages(copy: Path) -> None:
    """Run makemessages in the copy: `-m lanu` imports the copy's settings, so it writes there."""
    command = [sys.executable, "-m", "lanu", "makemessages", "--no-obsolete"]
    command += [f"--locale={language}" for language in LANGUAGES]
    subprocess.run(command, cwd=copy, check=True, capture_output=True, text=True)


def entries(po_file: Path, which: str) -> list[str]:
    """The msgids of po_file that msgattrib selects (--untranslated or --only-fuzzy)."""
    result = subprocess.run(
        ["msgattrib", which, "--no-obsolete", "--no-wrap", "--no-location", str(po_file)],
        check=True,
        capture_output=True,
        text=True,
    )
    return [line for line in result.stdout.splitlines() if line.startswith("msgid ")][1:]


def missing_messages(copy: Path) -> dict[str, list[str]]:
    """Per language, the messages with no translation or only a fuzzy one, after makemessages."""
    make_messages(copy)
    missing = {}
    for language in LANGUAGES:
        po_file = copy / "locale" / language / "LC_MESSAGES" / "django.po"
        found = entries(po_file, "--untranslated") + entries(po_file, "--only-fuzzy")
        if found:
            missing[language] = found
    return missing


def test_gettext_is_installed():
    missing = [tool for tool in ("xgettext", "msgmerge", "msgattrib") if not shutil.which(tool)]
    assert missing == [], "GNU gettext is needed: `make install-test` installs it"


def test_every_message_is_translated_to_finnish_and_swedish(tmp_path):
    missing = missing_messages(copy_sources(tmp_path))
    report = "\n".join(f"{lang}: {msgid}" for lang, ids in missing.items() for msgid in ids)
    assert missing == {}, "Append these to locale/<lang>/LC_MESSAGES/django.po:\n" + report


def test_a_new_untranslated_message_is_found(tmp_path):
    """The check itself: a message added to the code and to no catalogue fails it."""
    copy = copy_sources(tmp_path)
    module = copy / "lanu" / "plans" / "new_words.py"
    module.write_text(
        'from django.utils.translation import gettext as _\n\nWORD = _("Nobody translated me")\n',
        encoding="utf-8",
    )
    missing = missing_messages(copy)
    assert missing == {language: ['msgid "Nobody translated me"'] for language in LANGUAGES}
