"""What of the follow-up rounds is public: the submitted reports of closed rounds, nothing else.

An organisation's report is a draft until the organisation submits it; a draft is
read only by the organisation's editors and the plan's coordinators, never on a
public page, not even after its round closes. In a closed round an action belongs
to the organisation it had at closing (RoundAction), so a report is public when
that organisation submitted in the round. Every public page that shows a report,
its status, what was done or a metric value, reads it through published().
"""

from django.db.models import Exists, OuterRef

from .models import ActionReport, FollowUpRound, MetricValue, RoundAction, Submission


def published(reports=None):
    """The reports (an ActionReport queryset) that are public: a filter, no query of its own."""
    reports = ActionReport.objects.all() if reports is None else reports
    submitted = Submission.objects.filter(
        round=OuterRef("round"), organisation=OuterRef("organisation")
    )
    members = RoundAction.objects.filter(round=OuterRef("round"), action=OuterRef("action"))
    members = members.filter(Exists(submitted))
    return reports.filter(round__state=FollowUpRound.State.CLOSED).filter(Exists(members))


def published_values(reports):
    """The metric values of the public ones of the reports, with their metric: a queryset."""
    values = MetricValue.objects.filter(report__in=published(reports).values("pk"))
    return values.select_related("metric").order_by("metric__order", "metric_id")


def submitted_organisations(round_) -> set[int]:
    """The ids of the organisations that submitted in the round: 1 query."""
    return set(round_.submissions.values_list("organisation_id", flat=True))


def yearly(action) -> list[ActionReport]:
    """The action's submitted reports, newest year first, each with `shown_values`: 2 queries."""
    reports = published(ActionReport.objects.filter(action=action))
    reports = list(reports.select_related("round", "status").order_by("-round__year"))
    values: dict[int, list[MetricValue]] = {}
    for value in published_values(ActionReport.objects.filter(action=action)):
        values.setdefault(value.report_id, []).append(value)
    for report in reports:
        report.shown_values = values.get(report.pk, [])
    return reports
