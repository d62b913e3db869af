"""The HTML helpers of the action listings escape every text they write."""

from lanu.plans.listing import MetricRef, SubGoalRef
from lanu.plans.templatetags.plan_lists import (
    bullet_html,
    metrics_html,
    paragraphs_html,
    subgoal_links_html,
)

EVIL = '<script>alert("x")</script>'


def test_paragraphs_are_split_on_blank_lines_and_escaped():
    html = paragraphs_html(f"First line\nsecond & {EVIL}\n\n  \nNext paragraph")
    assert html == (
        "<p>First line<br>second &amp; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>"
        "<p>Next paragraph</p>"
    )


def test_bullet_list_escapes_items_and_is_empty_without_items():
    assert bullet_html([EVIL, "b"]) == (
        "<ul><li>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</li><li>b</li></ul>"
    )
    assert bullet_html([]) == ""


def test_metrics_mark_those_broken_down_by_mother_tongue(in_english):
    html = metrics_html([MetricRef("Asiakasmäärät", True), MetricRef("<b>", False)])
    assert html == (
        '<ul><li>Asiakasmäärät <span class="tag">by mother tongue / citizenship</span></li>'
        "<li>&lt;b&gt;</li></ul>"
    )


def test_subgoal_links_escape_the_title_attribute():
    ref = SubGoalRef(3, "I.2", 'Tuki "heti" <nyt>', "/plans/x/subgoals/3/")
    assert subgoal_links_html([ref, ref]) == ", ".join(
        ['<a href="/plans/x/subgoals/3/" title="Tuki &quot;heti&quot; &lt;nyt&gt;">I.2</a>'] * 2
    )
