"""The web and export modules export a sorted ``__all__`` of names they define."""

import importlib

import pytest

MODULES = [
    "storyline.web", "storyline.web.app", "storyline.web.queries", "storyline.web.server", "storyline.export",
    "storyline.export._common", "storyline.export.timelinejs", "storyline.export.csvs", "storyline.export.plover",
    "storyline.export.ftm", "storyline.export.markdown", "storyline.cli.serve", "storyline.cli.export",
]


@pytest.mark.parametrize("name", MODULES)
def test_all_is_sorted_and_defined(name: str) -> None:
    module = importlib.import_module(name)
    assert list(module.__all__) == sorted(module.__all__)
    assert all(hasattr(module, attr) for attr in module.__all__)


def test_event_row_quotes_the_words_of_an_unnamed_actor() -> None:
    from types import SimpleNamespace

    from storyline.model import Event, EventMention, Span
    from storyline.web.app import _env

    words = Span("a-1", 0, 12, "Both leaders")
    trigger = Span("a-1", 18, 24, "denied")
    mention = EventMention(id="m-1", span=words, trigger=trigger, type="REJECT", modality="asserted", subject=words)
    event = Event(id="v-1", type="REJECT", modality="asserted", mentions=(mention,), summary="Both leaders denied")
    row = _env().get_template("macros.html").module.event_row(event, SimpleNamespace(entities={}))  # type: ignore[attr-defined]
    assert "&ldquo;Both leaders&rdquo;" in str(row)
    named = Event(id="v-2", type="REJECT", modality="asserted", mentions=(mention,), summary="x", actors=("e-1",))
    entity = SimpleNamespace(name="Foreign Ministry")
    assert "Both leaders" not in str(_env().get_template("macros.html").module.event_row(  # type: ignore[attr-defined]
        named, SimpleNamespace(entities={"e-1": entity})))
