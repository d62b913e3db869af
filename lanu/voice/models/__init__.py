"""The voice app's models, one module per part: feedback forms and hearings
(feedback.py), child impact assessments (assessment.py)."""

from .assessment import ChildImpactAssessment
from .feedback import Answer, FeedbackForm, Question, Response

__all__ = ["Answer", "ChildImpactAssessment", "FeedbackForm", "Question", "Response"]
