"""Model loading: cached per process, a clear error for a model that is not installed."""

from __future__ import annotations

import pytest

from storyline.analyze.nlp import load_model
from storyline.errors import StorylineError
from storyline.settings import Settings


@pytest.mark.model
def test_model_is_loaded_once_per_process(nlp) -> None:  # type: ignore[no-untyped-def]
    assert load_model("en_core_web_sm") is nlp


@pytest.mark.model
@pytest.mark.parametrize("pipe", ["parser", "ner", "tagger", "lemmatizer"], ids=lambda p: p)
def test_full_pipeline_is_kept(nlp, pipe: str) -> None:  # type: ignore[no-untyped-def]
    assert pipe in nlp.pipe_names


@pytest.mark.model
def test_max_length_admits_the_largest_allowed_text(nlp) -> None:  # type: ignore[no-untyped-def]
    assert nlp.max_length >= Settings().max_text_bytes


def test_unknown_model_is_a_catalogued_error() -> None:
    with pytest.raises(StorylineError) as info:
        load_model("storyline_no_such_model_xyz")
    assert info.value.code == "E104"
    assert "storyline_no_such_model_xyz" in str(info.value)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        pytest.param("such a move,”Halvorsen said.", ["move", ",", "”", "Halvorsen", "said", "."], id="curly"),
        pytest.param('a "big" move,"Halvorsen said.', ["move", ",", '"', "Halvorsen"], id="straight"),
        pytest.param("It cost $5,000.50, “she said”.", ["$", "5,000.50", ",", "“", "she"], id="numbers untouched"),
        pytest.param("rock’n’roll, O’Neil", ["rock’n’roll", ",", "O’Neil"], id="apostrophes untouched"),
    ],
)
def test_a_closing_mark_glued_to_the_next_word_stands_apart(nlp, text: str, tokens: list[str]) -> None:  # type: ignore[no-untyped-def]
    words = [t.text for t in nlp(text)]
    start = words.index(tokens[0])
    assert words[start : start + len(tokens)] == tokens
