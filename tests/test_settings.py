import dataclasses

from storyline.settings import FIELDS_HELP, Settings


def test_every_setting_is_documented() -> None:
    names = {f.name for f in dataclasses.fields(Settings)}
    assert names == set(FIELDS_HELP)


def test_settings_are_keyword_only() -> None:
    assert all(f.kw_only for f in dataclasses.fields(Settings))


def test_replace_returns_a_changed_copy() -> None:
    base = Settings()
    changed = base.replace(jobs=3)
    assert (base.jobs, changed.jobs) == (1, 3)
