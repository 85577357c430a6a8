"""Timelines: a story's events in date order, filtered, with dates written for people."""

from __future__ import annotations

from storyline.timeline.format import format_date
from storyline.timeline.ordering import event_order, select_events

__all__ = ["event_order", "format_date", "select_events"]
