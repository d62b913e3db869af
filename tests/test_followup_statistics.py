"""Counting a follow-up round: distributions, the change since last round, the trend."""

from lanu.followup.statistics import (
    Level,
    action_changes,
    counted,
    distribution,
    level_changes,
    trend,
)

STARTED, UNDER_WAY, IN_USE = (
    Level(1, "Aloitettu", "#f2c12e"),
    Level(2, "Käynnissä", "#5b9bd5"),
    Level(3, "Käytössä", "#3a8f3a"),
)
NO_STATUS = Level(None, "No status", "#ffffff")
LEVELS = [STARTED, UNDER_WAY, IN_USE, NO_STATUS]
# Actions 1-6: 1 and 2 started, 3 under way, 4 in use, 5 without status, 6 without a report.
NOW = {1: 1, 2: 1, 3: 2, 4: 3, 5: None}
BEFORE = {1: 1, 2: None, 3: 1, 4: 3, 6: 1}


def counts(d) -> list[int]:
    return [segment.count for segment in d.segments]


def test_distribution_counts_each_level_in_the_scales_order():
    found = distribution(LEVELS, (NOW.get(pk) for pk in range(1, 7)))
    assert counts(found) == [2, 1, 1, 2]
    assert (found.total, found.with_status) == (6, 4)
    assert [segment.level.name for segment in found.segments][:3] == [
        "Aloitettu",
        "Käynnissä",
        "Käytössä",
    ]


def test_statuses_of_no_level_count_as_not_reported():
    assert counts(counted(LEVELS, {1: 2, 99: 1, None: 1})) == [2, 0, 0, 2]


def test_without_a_not_reported_level_only_reports_are_counted():
    assert counted(LEVELS[:3], {1: 2, None: 4}).total == 2


def test_level_changes_compare_the_same_actions_in_two_rounds():
    ids = range(1, 7)
    before = distribution(LEVELS, (BEFORE.get(pk) for pk in ids))
    now = distribution(LEVELS, (NOW.get(pk) for pk in ids))
    found = {
        change.level.name: (change.before, change.now, change.difference)
        for change in level_changes(before, now)
    }
    assert found == {
        "Aloitettu": (3, 2, -1),
        "Käynnissä": (0, 1, 1),
        "Käytössä": (1, 1, 0),
        "No status": (2, 2, 0),
    }


def test_action_changes_list_each_changed_action_with_then_and_now():
    # 5 had no status before either: unchanged
    found = action_changes(LEVELS, range(1, 7), BEFORE, NOW)
    assert [(c.action_id, c.before.name, c.now.name) for c in found] == [
        (2, "No status", "Aloitettu"),
        (3, "Aloitettu", "Käynnissä"),
        (6, "Aloitettu", "No status"),
    ]


def test_trend_gives_each_year_oldest_first_with_zeros_for_missing_levels():
    counts_by_year = {(2023, 1): 4, (2023, 2): 1, (2024, 2): 3, (2024, 3): 2, (2022, 1): 9}
    found = trend(LEVELS[:3], counts_by_year, [2024, 2023])
    assert [(y.year, counts(y.distribution)) for y in found] == [
        (2023, [4, 1, 0]),
        (2024, [0, 3, 2]),
    ]


def test_status_bar_names_each_segment_and_writes_its_count(in_english):
    from lanu.followup.charts import status_bar

    svg = status_bar(
        counted([Level(1, "<Aloitettu>", "#f2c12e"), NO_STATUS], {1: 3, None: 1}), "I.1"
    )
    assert svg.startswith('<svg class="status-bar" role="img"')
    assert "<title>I.1: &lt;Aloitettu&gt; 3, No status 1 (4 actions)</title>" in svg
    assert "<title>&lt;Aloitettu&gt;: 3</title>" in svg and ">3</text>" in svg


def test_status_bar_of_no_actions_says_so(in_english):
    from lanu.followup.charts import status_bar

    assert ">No actions</text>" in status_bar(counted(LEVELS, {}), "I.1")
