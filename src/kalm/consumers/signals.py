"""Signals other apps listen to, so consumers never imports them."""

from django.dispatch import Signal

# Sent inside consumer_merge's transaction, after cases and identities moved: keep=, merge=.
consumer_merged = Signal()
