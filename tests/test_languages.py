"""Language tags are compared through langcodes: spelling differences are one language,
a different script is not."""

from __future__ import annotations

import pytest

from tmkit.model.glossary import lang_matches
from tmkit.model.languages import primary_language, same_language


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("ja", "ja", True),
        ("ja_JP", "ja", True),
        ("ja-JP", "ja", True),
        ("JA-jp", "ja_JP", True),
        ("ja-Jpan", "ja", True),
        ("ja-Latn", "ja", False),  # romaji is not Japanese text
        ("en-US", "en", True),
        ("en_GB", "en-US", True),
        ("zh-Hant", "zh-Hans", False),
        ("zh-TW", "zh-Hant", True),
        ("iw", "he", True),  # a deprecated code is its replacement
        ("ja", "en", False),
        ("en_US.UTF-8", "en", True),  # a POSIX locale name
        ("", "ja", False),
    ],
)
def test_same_language(a: str, b: str, same: bool) -> None:
    assert same_language(a, b) is same
    assert same_language(b, a) is same


@pytest.mark.parametrize(
    ("tag", "primary"),
    [
        ("ja_JP", "ja"),
        ("EN-us", "en"),
        ("zh-Hant-TW", "zh"),
        ("*all*", "*all*"),
        ("x-klingon", "x-klingon"),
    ],
)
def test_primary_language(tag: str, primary: str) -> None:
    assert primary_language(tag) == primary


@pytest.mark.parametrize(
    ("tag", "wanted", "match"),
    [
        ("ja", "ja", True),
        ("ja-JP", "ja", True),
        ("en-GB", "en-GB", True),
        ("en-US", "en-GB", False),  # a region asked for must match
        ("en", "en_GB", False),
        ("ja-Latn", "ja", False),
    ],
)
def test_glossary_language_match(tag: str, wanted: str, match: bool) -> None:
    assert lang_matches(tag, wanted) is match


def test_the_two_letter_fast_path_answers_as_langcodes_does() -> None:
    """primary_language/same_language skip langcodes for plain two-letter tags: for every
    such tag the answer must be the one langcodes gives."""
    import itertools
    import string

    from tmkit.model.languages import _parsed

    letters = ["".join(p) for p in itertools.product(string.ascii_lowercase, repeat=2)]
    for tag in letters:
        parsed = _parsed(tag)
        if parsed is not None:
            assert primary_language(tag) == parsed[0], tag
    for a, b in itertools.product(["ja", "en", "iw", "he", "tl", "fil", "sh", "sr"], repeat=2):
        pa, pb = _parsed(a), _parsed(b)
        assert same_language(a, b) is (pa == pb), (a, b)


def test_comparing_plain_tags_does_not_load_langcodes() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from tmkit.model.languages import same_language, primary_language;"
        "assert not same_language('ja', 'en') and same_language('en', 'EN');"
        "assert primary_language('ja') == 'ja';"
        "print('langcodes' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
