"""Timelines: a story's events in date order, filtered, ranked by salience, with dates written for people."""

from __future__ import annotations

from storyline.timeline.format import MODALITY_MARKS, describe, format_date, unnamed_actor
from storyline.timeline.ordering import event_order, select_events
from storyline.timeline.salience import salience_scores, top_events, with_salience

__all__ = [
    "MODALITY_MARKS",
    "describe",
    "event_order",
    "format_date",
    "salience_scores",
    "select_events",
    "top_events",
    "unnamed_actor",
    "with_salience",
]
