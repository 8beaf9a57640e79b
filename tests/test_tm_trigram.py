"""The optional pg_trgm mode (``?fuzzy=trigram``): fast, not exact, never the default."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from tm_backends import fresh_postgres
from tmkit.model.errors import UsageError
from tmkit.text.fuzzy import normalize
from tmkit.tm.base import TmEntry
from tmkit.tm.spec import open_store
from tmkit.tm.trigram import split_mode


@pytest.mark.parametrize(
    ("url", "want"),
    [
        ("postgresql:///tm?host=/tmp", ("postgresql:///tm?host=/tmp", "exact")),
        ("postgresql:///tm?fuzzy=trigram&host=/tmp", ("postgresql:///tm?host=/tmp", "trigram")),
        ("postgresql://h/tm?fuzzy=exact", ("postgresql://h/tm", "exact")),
    ],
)
def test_the_mode_is_taken_out_of_the_url(url, want):
    assert split_mode(url) == want


def test_an_unknown_mode_is_refused():
    with pytest.raises(UsageError, match="fuzzy= must be one of exact, trigram"):
        split_mode("postgresql:///tm?fuzzy=fast")


def test_trigram_hits_carry_true_scores():
    url = fresh_postgres()
    sources = [f"研究開発{i}番の会議は明日です。" for i in range(50)] + ["全く別の文章。"]
    store = open_store(url, create=True)
    store.init("ja", "en")
    store.add([TmEntry(s, f"t{i}") for i, s in enumerate(sources)])
    assert store.fuzzy_mode == "exact"
    store.close()
    fast = open_store(url + "&fuzzy=trigram" if "?" in url else url + "?fuzzy=trigram")
    try:
        assert fast.fuzzy_mode == "trigram"
        query = "研究開発7番の会議は明日です"
        hits = fast.fuzzy(query, 75.0, None)
        assert hits and hits[0].entry.source == sources[7]
        for hit in hits:  # a score is never wrong, only a match may be missing
            assert hit.score == fuzz.ratio(normalize(query), normalize(hit.entry.source))
            assert hit.score >= 75.0
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        assert fast.find("全く別の文章。").exact  # exact lookups are unchanged
    finally:
        fast.close()
