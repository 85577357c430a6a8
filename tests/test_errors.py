from storyline.errors import E, StorylineError, problem


def test_codes_are_unique() -> None:
    codes = [e.code for e in E]
    assert len(codes) == len(set(codes))


def test_problem_line_names_file_and_code() -> None:
    line = problem("inbox/a.txt", E.TOO_LARGE, size=20, limit=10).line()
    assert line == "inbox/a.txt: [E004] text is 20 bytes, over the limit of 10 bytes"


def test_storyline_error_message_has_code() -> None:
    assert str(StorylineError(E.UNKNOWN_ID, id="e-1")).startswith("[E102] ")
