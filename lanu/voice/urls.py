"""The voice pages: a plan's forms, hearings and assessments (under /plans/<slug>/voice/),
and the short public links to answer a form (/v/<code>/)."""

from django.urls import path

from . import moderation_views

app_name = "voice"
urlpatterns: list = [
    path("moderation/", moderation_views.queue, name="moderation"),
]
# The short link printed on a poster and in the QR code: no plan's name in it.
short_patterns: tuple = ([], "voice-short")
