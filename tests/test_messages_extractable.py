"""Every translatable message can be found by `makemessages`.

GNU xgettext reads only string literals: a `_()` inside an f-string, or one whose
argument is a variable or an expression, is never put in the catalogue, and the page
shows the English source to Finnish and Swedish readers.
"""

import ast
import re
from pathlib import Path

from django.utils import translation

from lanu.followup.charts import empty_bar

ROOT = Path(__file__).resolve().parent.parent
# Function name -> how many leading arguments are message text (or context) xgettext reads.
GETTEXT = {
    "_": 1,
    "gettext": 1,
    "gettext_lazy": 1,
    "gettext_noop": 1,
    "ngettext": 2,
    "ngettext_lazy": 2,
    "pgettext": 2,
    "pgettext_lazy": 2,
    "npgettext": 3,
    "npgettext_lazy": 3,
}
TEMPLATE_TAG = re.compile(r"\{%\s*(?:trans|translate)\s+([^\s%]+)")


def called_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def is_literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def gettext_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and called_name(node) in GETTEXT:
            yield node


def unextractable(path: Path, root: Path = ROOT) -> list[str]:
    """The gettext calls of one module that xgettext cannot read, as `path:line: code`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = path.relative_to(root)
    found = []
    for call in gettext_calls(tree):
        texts = call.args[: GETTEXT[called_name(call)]]
        if not texts or not all(is_literal(a) for a in texts):
            found.append(f"{where}:{call.lineno}: {ast.unparse(call)}")
    for fstring in (n for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)):
        for call in gettext_calls(fstring):
            found.append(f"{where}:{call.lineno}: inside an f-string: {ast.unparse(call)}")
    return found


def test_every_gettext_call_in_lanu_has_literal_text():
    found = [line for path in sorted((ROOT / "lanu").rglob("*.py")) for line in unextractable(path)]
    assert found == [], "gettext cannot extract these messages:\n" + "\n".join(found)


def test_every_template_translate_tag_has_literal_text():
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        for match in TEMPLATE_TAG.finditer(path.read_text(encoding="utf-8")):
            if match.group(1)[0] not in "\"'":
                found.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert found == [], "{% translate %} of a variable is never extracted:\n" + "\n".join(found)


def test_the_scan_finds_what_xgettext_misses(tmp_path):
    """The scan itself: each pattern gettext cannot extract is reported, literals are not."""
    module = tmp_path / "sample.py"
    module.write_text(
        "a = f\"<p>{_('No actions')}</p>\"\n"
        "b = _(name)\n"
        "c = _('a' + name)\n"
        "d = ngettext('one', plural, n)\n"
        "e = _('Fine') + ngettext('%d row', '%d rows', n) + pgettext('ctx', 'Fine')\n",
        encoding="utf-8",
    )
    found = unextractable(module, tmp_path)
    assert [line.split(":")[1] for line in found] == ["2", "3", "4", "1"]
    assert "inside an f-string" in found[-1]


def test_no_actions_in_a_chart_reads_in_finnish_and_swedish():
    """The message once hidden in an f-string now reaches the catalogue and the chart."""
    with translation.override("fi"):
        assert "Ei toimenpiteitä" in empty_bar(0, 0, 100)
    with translation.override("sv"):
        assert "Inga åtgärder" in empty_bar(0, 0, 100)
