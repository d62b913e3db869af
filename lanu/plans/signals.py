"""Signals of plan objects written without save(): a higher app that keeps something of
each action (the search's similar-actions index) listens to them as to post_save."""

from django.dispatch import Signal

# Sent with `actions` (a list of Action) after an import inserted them in bulk, with their
# metrics: bulk_create sends no post_save.
actions_inserted = Signal()
