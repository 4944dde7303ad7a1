"""The parser's word lists: every entry has an example phrase, and each list's detector fires on it."""

from __future__ import annotations

import pytest

from partycases.models import SectionKind
from partycases.text import lexicon
from partycases.text.facts.activities import find_activities, is_routine
from partycases.text.facts.honours import find_honours
from partycases.text.layout import is_chrome, opens_block, section_kind
from partycases.text.normalise import fold

ROWS = [(name, entry) for name in lexicon.LISTS for entry in lexicon.entries(name)]


@pytest.mark.parametrize(("name", "entry"), ROWS, ids=lambda x: getattr(x, "word", x))
def test_every_entry_has_an_example_holding_its_word(name: str, entry: lexicon.Entry) -> None:
    """Each word list entry carries an example phrase that contains the word."""
    assert entry.example.strip()
    assert fold(entry.word) in fold(entry.example), (name, entry)


@pytest.mark.parametrize("entry", lexicon.entries("chrome"), ids=lambda e: e.word)
def test_chrome_examples_are_chrome(entry: lexicon.Entry) -> None:
    """A chrome word's example line is recognised as page chrome (or opens a block of it)."""
    line = fold(entry.example)
    assert opens_block(line) if entry.values[0] == "block" else is_chrome(line)


@pytest.mark.parametrize("entry", lexicon.entries("honour_verbs"), ids=lambda e: e.word)
def test_honour_verb_examples_give_an_honour(entry: lexicon.Entry) -> None:
    """Each honour verb's example gives an honour."""
    text = fold(entry.example)
    assert find_honours(text, 0, len(text))


@pytest.mark.parametrize("entry", lexicon.entries("activity_heads"), ids=lambda e: e.word)
def test_activity_head_examples_give_an_activity(entry: lexicon.Entry) -> None:
    """Each activity head's example gives an activity ending in that head."""
    text = fold(entry.example)
    found = find_activities(text, 0, len(text))
    assert any(text[a.start : a.end].endswith(fold(entry.word)) for a in found), found


@pytest.mark.parametrize("entry", lexicon.entries("routine"), ids=lambda e: e.word)
def test_routine_examples_are_routine(entry: lexicon.Entry) -> None:
    """Each routine practice's example is recognised as routine, and gives no activity."""
    text = fold(entry.example)
    assert is_routine(text)
    assert not [a for a in find_activities(text, 0, len(text)) if is_routine(text[a.start : a.end])]


@pytest.mark.parametrize("entry", lexicon.entries("section_words"), ids=lambda e: e.word)
def test_section_word_examples_give_their_kind(entry: lexicon.Entry) -> None:
    """Each heading word's example heading gets the section kind the list gives."""
    assert section_kind(fold(entry.example)) is SectionKind(entry.values[0])


def test_places_cover_every_level_and_carry_their_licence() -> None:
    """The divisions table holds provinces, prefectures and counties, bare and full, with its licence."""
    from importlib import resources

    names = lexicon.place_names()
    assert {"天津市", "天津", "济南市", "海淀区", "海淀"} <= names
    assert "城区"[:1] not in names  # no one-character place
    licence = resources.files("partycases.text").joinpath("data/places.LICENSE").read_text()
    assert "MIT" in licence
