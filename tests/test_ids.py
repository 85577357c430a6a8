import pytest

from storyline.ids import article_id, make_id


def test_article_id_depends_only_on_text() -> None:
    assert article_id("Some text.") == article_id("Some text.")
    assert article_id("Some text.") != article_id("Some text!")


@pytest.mark.parametrize("prefix", ["e", "v", "q", "t", "c", "x"])
def test_make_id_has_prefix_and_is_stable(prefix: str) -> None:
    first = make_id(prefix, "a-1", 10, 20)
    assert first.startswith(prefix + "-")
    assert first == make_id(prefix, "a-1", 10, 20)


def test_make_id_separates_parts() -> None:
    assert make_id("e", "ab", "c") != make_id("e", "a", "bc")
