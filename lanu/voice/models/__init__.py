"""The voice app's models, one module per part: feedback forms and hearings
(feedback.py), child impact assessments (assessments.py)."""

from .feedback import Answer, FeedbackForm, Question, Response

__all__ = ["Answer", "FeedbackForm", "Question", "Response"]
