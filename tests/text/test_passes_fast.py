"""The facts pass skips work that cannot find anything: each skip finds what the plain form did.

A skip rests on a pattern's shape (every member count holds its noun near a digit,
every platform phrase ends in a publishing verb, …) or on what an object holds.
These tests compare the skipping form with the plain one on generated text, so a
pattern widened past what its skip allows fails here instead of losing facts.
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from partycases.text.facts import dates


@given(
    st.text(alphabet="0129月日同当-a,", max_size=30),
    st.none() | st.integers(1990, 2030),
    st.none() | st.integers(1990, 2030),
)
@example("同当2019-2020", 2019, 2018)
def test_a_sentence_without_nian_reads_only_the_year_carried_in(
    text: str, carried: int | None, last: int | None
) -> None:
    """The second pass reuses one sentence's years for the next when neither states a year.

    That holds while a sentence without 年 states no year: its years are the carried one
    at every offset, whatever the year stated last before.
    """
    years = dates.Years(text, 0, len(text), carried, last)
    assert not years.offsets
    assert years.last == carried
    assert all(years.at(at) == carried for at in range(len(text) + 1))
    assert all(years.stated(at, 0) is None for at in range(len(text) + 1))
    assert all(years.date_stated(at, 0) is None for at in range(len(text) + 1))
