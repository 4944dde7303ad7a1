"""Published case texts: parse them into cases with evidence, and render cases back.

The parser is rule-based: a soft layout pass (:mod:`.layout`) builds the skeleton,
one detector per kind of fact (:mod:`.facts`) reads every line, and its word lists
are data files (:mod:`.lexicon`), each entry with an example phrase. It never
invents a fact: what it cannot place is kept in ``Case.unparsed`` and listed in
the :class:`ParseReport`.
"""

from partycases.text.layout import Segment
from partycases.text.parse import ParseReport, parse_text
from partycases.text.render import render_text

__all__ = ["ParseReport", "Segment", "parse_text", "render_text"]
