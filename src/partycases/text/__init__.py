"""Published case texts: parse them into cases with evidence, and render cases back.

The parser is rule-based: patterns and word lists live in :mod:`.rules` as data,
each with an example phrase. It never invents a fact: what it cannot place is
kept in ``Case.unparsed`` and listed in the :class:`ParseReport`.
"""

from partycases.text.layout import Segment
from partycases.text.parse import ParseReport, parse_text
from partycases.text.render import render_text

__all__ = ["ParseReport", "Segment", "parse_text", "render_text"]
