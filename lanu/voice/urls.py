"""The voice pages: a plan's forms, hearings and assessments (under /plans/<slug>/voice/),
and the short public links to answer a form (/v/<code>/)."""

from django.urls import path

from . import answer_views, assessment_views, form_views, moderation_views

app_name = "voice"
urlpatterns: list = [
    path("", form_views.form_list, name="forms"),
    path("new/", form_views.form_new, name="form-new"),
    path("<int:pk>/", form_views.summary, name="summary"),
    path("<int:pk>/summary.csv", form_views.summary_export, {"format": "csv"}, name="summary-csv"),
    path(
        "<int:pk>/summary.xlsx", form_views.summary_export, {"format": "xlsx"}, name="summary-xlsx"
    ),
    path("<int:pk>/edit/", form_views.form_edit, name="form-edit"),
    path("<int:pk>/delete/", form_views.delete_form, name="form-delete"),
    path("<int:pk>/questions/", form_views.questions, name="questions"),
    path("moderation/", moderation_views.queue, name="moderation"),
    path("<int:pk>/share/", answer_views.share, name="share"),
    path("<int:pk>/share/qr.svg", answer_views.share_qr, name="share-qr"),
    path("assessments/", assessment_views.assessment_list, name="assessments"),
    path("assessments/new/", assessment_views.new_assessment, name="assessment-new"),
    path("assessments/<int:pk>/", assessment_views.assessment_detail, name="assessment"),
    path("assessments/<int:pk>/edit/", assessment_views.edit_assessment, name="assessment-edit"),
    path(
        "assessments/<int:pk>/delete/",
        assessment_views.delete_assessment,
        name="assessment-delete",
    ),
    path(
        "assessments/<int:pk>/assessment.docx",
        assessment_views.assessment_docx,
        name="assessment-docx",
    ),
    path("assessments.csv", assessment_views.assessments_csv, name="assessments-csv"),
    path("assessments.xlsx", assessment_views.assessments_xlsx, name="assessments-xlsx"),
]
# The short link printed on a poster and in the QR code: no plan's name in it.
short_patterns: tuple = (
    [
        path("<str:code>/", answer_views.answer, name="answer"),
        path("<str:code>/thanks/", answer_views.thanks, name="thanks"),
        path("<str:code>/results/", answer_views.results, name="results"),
    ],
    "voice-short",
)
