"""The ``html`` format: saved web pages of the genre in, parsed through their main text.

A page is decoded (byte order mark, then the page's own ``<meta charset>`` or
XML declaration, then sniffing), its main text and metadata are extracted with
trafilatura (extra ``[html]``), and the main text goes to
:func:`~partycases.parse_text`. ``case.text`` is that main text, so evidence
spans index into it; the page's metadata fills ``source`` and ``published_at``
where the text says nothing, and ``extensions["partycases.html"]`` records how
the text was obtained (extractor, version, settings, encoding) so it can be
reproduced.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import warnings
from typing import Any, Final, Literal, overload
from urllib.parse import quote

from partycases.errors import (
    FormatError,
    LoadError,
    MissingExtraError,
    PartycasesWarning,
    Problem,
)
from partycases.models import Case, Source
from partycases.models.case import canonical_extensions
from partycases.text import ParseReport, parse_text
from partycases.text.html_decode import Decoded, decode_html

__all__ = [
    "EXTENSION",
    "MAX_HTML_BYTES",
    "MAX_HTML_ELEMENTS",
    "MAX_MAIN_TEXT",
    "Decoded",
    "decode_html",
    "dumps",
    "loads",
    "parse_html",
]

#: The largest page :func:`parse_html` reads (16 MiB): real article pages are far smaller,
#: and extraction time grows with the size of the markup.
MAX_HTML_BYTES: Final = 16 * 1024 * 1024
#: The most elements a page may have (:func:`parse_html` takes ``max_elements=``): article
#: pages have a few thousand, and extraction time grows with the count.
MAX_HTML_ELEMENTS: Final = 20_000
#: The longest main text parsed (characters): a case runs to a few thousand, and parsing
#: time grows with the text.
MAX_MAIN_TEXT: Final = 500_000
#: The key under ``Case.extensions`` that records how the text was extracted.
EXTENSION: Final = "partycases.html"
#: Pages with more elements than this are not article pages; trafilatura gives up on them.
_MAX_TREE_SIZE: Final = 200_000
#: How far into the page a saving tool's comment is looked for.
_PRESCAN: Final = 8192
#: The extraction settings; recorded in every case so the text can be reproduced.
SETTINGS: Final[dict[str, Any]] = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "deduplicate": False,
    "with_metadata": True,
    # Dates only from metadata, URL and <time>-like markup: the extensive search guesses from
    # the body (where founding years are) and loads every dateparser locale, for seconds.
    "date_extraction_params": {"original_date": True, "extensive_search": False},
}
#: Elements that may hold a meta bar, and the longest meta bar (characters).
_BLOCKS: Final = ("div", "p", "span", "td", "li", "em", "font", "section", "h3", "h4", "h5", "h6")
_META_LENGTH: Final = 120
#: How much of the first line of the main text marks where the article starts in the page.
_ANCHOR: Final = 12
#: Fewer letters and digits than this in the main text is no article (a menu, a 404 stub).
_MIN_WORDS: Final = 10
_WORD = re.compile(r"\w")
#: Menu and banner lines before a headline: short, and ending no sentence.
_CHROME_LENGTH: Final = 40
_SENTENCE_END = re.compile(r"[。!?！？;；]")
#: What follows the date and source in a meta bar: widgets, counters, sharing.
_BAR_CHROME = re.compile(
    r"\s*(?:字号|字體|打印本页|【打印】|浏览次数|瀏覽次數|阅读次数|点击数|点击量|分享到)"
)
#: How far into the main text the headline may be and still count as present.
_HEAD_LINES: Final = 20
#: A line of the meta bar: a 来源 or 发布时间 label, or a line that starts with a date.
_META_LINE = re.compile(
    r"(?:来源|來源|发布时间|發佈時間|發布時間|发布日期|發佈日期|发表时间)\s*[:：]"
    r"|^\s*\d{4}\s*[-/.年]\s*\d{1,2}"
)

#: Characters no HTML parser accepts: C0 controls but tab and line ends, lone surrogates.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
#: A character reference to a control character or to U+FFFE or U+FFFF (``&#12;``,
#: ``&#x1b;``, ``&#65535``): the extractor's tree refuses those characters, and a page
#: holding one reference came out with no text at all. Tab, line ends and ``&#0;``
#: (which a parser replaces with U+FFFD) pass.
_CONTROL_REFERENCE = re.compile(
    r"&#(?:0*(?:[1-8]|1[124-9]|2[0-9]|3[01]|6553[45])(?![0-9])"
    r"|[xX]0*(?:[1-8bBcCeEfF]|1[0-9a-fA-F]|[fF]{3}[eEfF])(?![0-9a-fA-F]));?"
)
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://\S+?)\s*-->", re.IGNORECASE)
_SINGLEFILE_URL = re.compile(r"Page saved with SingleFile\s+url:\s*(https?://\S+)")
_SINGLEFILE_DATE = re.compile(
    r"saved date:\s*\w{3} (\w{3}) (\d{1,2}) (\d{4}) (\d{2}):(\d{2}):(\d{2})"
)
_MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # fmt: skip
_URL = re.compile(r"^\s*https?://", re.IGNORECASE)
#: What an IRI may not hold, which a browser escapes before it sends an address: white space,
#: controls, the ASCII characters RFC 3987 leaves out, and a % that opens no escape.
_NOT_IN_IRI = re.compile(r'[\x00-\x20"<>\\^`{|}\x7f-\x9f\s]|%(?![0-9A-Fa-f]{2})')
#: After the host, brackets too, and a second #.
_NOT_IN_IRI_PATH = re.compile(r'[\x00-\x20"<>\\^`{|}\x7f-\x9f\s\[\]]|%(?![0-9A-Fa-f]{2})')
#: A site name that is only a host name says nothing a reader would call the publisher.
_HOST_LIKE = re.compile(r"^[\w.-]+\.[a-z]{2,}$", re.IGNORECASE)


#: A table row as trafilatura writes it: ``| cell | cell |``.
_ROW = re.compile(r"^\|(.*)\|$")
_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")
#: The channel or site after a page title: 标题_党建频道_某某网, 标题--某某网, 标题 - 某某网.
_SITE_SUFFIX = re.compile(r"\s*(?:_|--|-|\s[|｜]\s|｜)[^_|｜\d-]{1,24}$")


def _trafilatura() -> Any:
    # trafilatura imports justext, which imports lxml.html.clean: that lives in
    # lxml_html_clean with current lxml, so its absence breaks trafilatura's import.
    try:
        import lxml_html_clean  # noqa: F401
    except ImportError:
        raise MissingExtraError("html", "lxml_html_clean") from None
    try:
        import trafilatura
    except ImportError:
        raise MissingExtraError("html", "trafilatura") from None
    return trafilatura


def _saved_at(page: str) -> dt.datetime | None:
    match = _SINGLEFILE_DATE.search(page[:_PRESCAN])
    if match is None:
        return None
    month, day, year, hour, minute, second = match.groups()
    if month not in _MONTHS:
        return None
    try:
        return dt.datetime(
            int(year), _MONTHS.index(month) + 1, int(day), int(hour), int(minute), int(second)
        )
    except ValueError:
        return None


def _saved_from(page: str) -> str | None:
    head = page[:_PRESCAN]
    match = _SAVED_FROM.search(head) or _SINGLEFILE_URL.search(head)
    return match.group(1) if match else None


@functools.cache
def _config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MAX_TREE_SIZE", str(_MAX_TREE_SIZE))
    return config


def _run(page: str, url: str | None, settings: dict[str, Any]) -> Any:
    trafilatura = _trafilatura()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the extractor's own warnings are not the reader's
        try:
            return trafilatura.bare_extraction(page, url=url, config=_config(), **settings)
        except Exception as error:  # no traceback from a dependency reaches the user
            raise LoadError(
                [Problem(f"the page could not be read as HTML ({type(error).__name__}: {error})")]
            ) from None


def _lines(document: Any) -> list[str]:
    text = getattr(document, "text", None) or ""
    return [cell for line in text.splitlines() for cell in _cells(line)]


def _tree(page: str, max_elements: int) -> Any:
    """The page parsed as browsers do; a :class:`LoadError` when it has too many elements.

    Extraction time grows with the number of elements (about a third of a
    millisecond each, more on pages of many blocks), so the count is bounded
    before any extraction starts.
    """
    _trafilatura()
    from trafilatura.utils import load_html

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            tree = load_html(page)
        except Exception as error:  # no traceback from a dependency reaches the user
            raise LoadError(
                [Problem(f"the page could not be read as HTML ({type(error).__name__}: {error})")]
            ) from None
    if tree is None:
        raise LoadError([Problem("the page could not be read as HTML; expected an HTML document")])
    count = sum(1 for _ in tree.iter())
    if count > max_elements:
        raise LoadError(
            [
                Problem(
                    f"the page has {count} elements; the limit for HTML pages is {max_elements} "
                    "(parse_html takes max_elements= to raise it)"
                )
            ]
        )
    return tree


def _extract(page: str, tree: Any, url: str | None) -> tuple[list[str], Any]:
    document = _run(page, url, SETTINGS)
    lines = _lines(document)
    words = sum(len(_WORD.findall(line)) for line in lines)
    if words < _MIN_WORDS:
        raise LoadError(
            [
                Problem(
                    f"the page has no main text ({words} letters or digits outside markup, "
                    "scripts and navigation); expected an article page"
                )
            ]
        )
    headline = _headline(getattr(document, "title", None), lines)
    if headline is not None:
        # The headline often sits outside the article container; the parser expects it first.
        lines.insert(0, headline)
    else:
        del lines[: _chrome_before(getattr(document, "title", None), lines)]
    if not any(_META_LINE.search(line) for line in lines[:4]):
        lines[1:1] = _meta_lines(tree, lines)
    return lines, document


def _meta_lines(tree: Any, lines: list[str]) -> list[str]:
    """The date and 来源 lines of a meta bar the main text left out.

    Sites print 发布时间 and 来源 in a bar between the headline and the article,
    outside the container an extractor keeps. Short blocks of the page after the
    headline and before the first line of the main text that carry a 来源/发布时间
    label or start with a date are taken (at most two), nothing else: a list of
    dated stories in a sidebar before the headline is never read as the bar.
    """
    for element in tree.iter("script", "style", "noscript", "template"):
        element.text = None  # their text is code, never a meta bar
    headline = " ".join(lines[0].split())
    first = next((line[:_ANCHOR] for line in lines[1:] if len(line) >= _ANCHOR), None)
    if first is None:
        return []
    found: list[str] = []
    seen_headline = False
    inside: set[Any] = set()
    body = tree.find(".//body")
    for element in (tree if body is None else body).iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        if first in (element.text or ""):
            break
        if element.getparent() in inside:
            inside.add(element)
            continue
        text = " ".join(" ".join(element.itertext()).split())
        if len(text) > _META_LENGTH:
            continue
        if not seen_headline:
            seen_headline = text == headline
            if seen_headline:
                inside.add(element)
            continue
        text = _BAR_CHROME.split(text, maxsplit=1)[0].strip()
        if element.tag in _BLOCKS and _META_LINE.search(text) and text not in lines:
            found.append(text)
            inside.add(element)
            if len(found) == 2:
                break
    return found


def _cells(line: str) -> list[str]:
    """A line of the extracted text as lines: a table row gives one line per non-empty cell."""
    line = line.strip()
    row = _ROW.match(line)
    if row is None:
        return [line] if line else []
    cells = (cell.replace("\\|", "|").strip() for cell in _CELL_SEPARATOR.split(row.group(1)))
    return [cell for cell in cells if cell]


def _chrome_before(title: str | None, lines: list[str]) -> int:
    """How many lines before the headline are page chrome (menus, 首页 | 新闻 rows).

    Pages laid out in tables give the extractor their menus with the article.
    The lines before the headline are dropped only when every one is short and
    ends no sentence: a 编者按 or a lead paragraph before the headline is kept.
    """
    if not title:
        return 0
    at = next((i for i, line in enumerate(lines[:_HEAD_LINES]) if title in line), None)
    if not at:
        return 0
    chrome = all(
        len(line) <= _CHROME_LENGTH and not _SENTENCE_END.search(line) for line in lines[:at]
    )
    return at if chrome else 0


def _headline(title: str | None, lines: list[str]) -> str | None:
    """The page title to put before the text, when the text does not hold it near the top.

    A ``<title>`` often ends in the channel and the site (标题_党建频道_某某网); those
    parts are dropped. The title is only added when the first lines do not hold it.
    """
    if not title:
        return None
    head = "\n".join(lines[:_HEAD_LINES])
    while title not in head:
        shorter = _SITE_SUFFIX.sub("", title)
        if shorter == title:
            return title
        title = shorter
    return None


def _metadata_date(tree: Any, url: str | None) -> str | None:
    """The publication date the page's metadata gives, found by htmldate; never from its text.

    htmldate also matches dates in the visible text, where a list of related
    stories or a founding year would give a wrong one, so it is shown only what
    is metadata: the ``<head>`` but its title, JSON-LD blocks and ``<time>``
    elements, and the URL.
    """
    import copy

    from htmldate import find_date
    from trafilatura.utils import load_html

    skeleton: Any = load_html(
        "<html><head><meta charset='utf-8'></head><body><p></p></body></html>"
    )
    head, body = skeleton.find(".//head"), skeleton.find(".//body")
    source_head = tree.find(".//head")
    if source_head is not None:
        for element in source_head:
            if isinstance(element.tag, str) and element.tag != "title":
                head.append(copy.deepcopy(element))
    for element in tree.iterfind(".//body//time"):
        kept = copy.deepcopy(element)
        kept.tail = None
        body.append(kept)
    for element in tree.iterfind(".//body//script[@type='application/ld+json']"):
        body.append(copy.deepcopy(element))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found: str | None = find_date(
                skeleton, url=url, extensive_search=False, original_date=True
            )
        except Exception:  # a date is a nicety: no traceback from a dependency for it
            return None
    return found


def _date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return dt.datetime(day.year, day.month, day.day)


def _site_name(document: Any) -> str | None:
    name = getattr(document, "sitename", None)
    if not isinstance(name, str) or not name.strip() or _HOST_LIKE.match(name.strip()):
        return None
    return name.strip()


@overload
def parse_html(
    html: bytes | str,
    url: str | None = ...,
    *,
    encoding: str | None = ...,
    retrieved_at: dt.datetime | None = ...,
    max_bytes: int = ...,
    max_elements: int = ...,
    report: Literal[False] = ...,
) -> Case: ...
@overload
def parse_html(
    html: bytes | str,
    url: str | None = ...,
    *,
    encoding: str | None = ...,
    retrieved_at: dt.datetime | None = ...,
    max_bytes: int = ...,
    max_elements: int = ...,
    report: Literal[True],
) -> tuple[Case, ParseReport]: ...
def parse_html(
    html: bytes | str,
    url: str | None = None,
    *,
    encoding: str | None = None,
    retrieved_at: dt.datetime | None = None,
    max_bytes: int = MAX_HTML_BYTES,
    max_elements: int = MAX_HTML_ELEMENTS,
    report: bool = False,
) -> Case | tuple[Case, ParseReport]:
    """Parse a saved web page of the genre into a validated :class:`~partycases.Case`.

    The page's main text is extracted with trafilatura (extra ``[html]``) and
    parsed by :func:`~partycases.parse_text`; ``case.text`` is that text, so
    evidence spans index into it. ``source.url`` is the page's canonical link,
    else ``url``; ``source.publisher`` is the site name where the text names no
    source; ``published_at`` comes from the page's metadata where the text prints
    no date; ``source.retrieved_at`` is ``retrieved_at`` or the date a saving tool
    wrote into the page. ``extensions["partycases.html"]`` records the extractor,
    its version and settings, and the encoding used. A page over ``max_bytes`` or
    with more than ``max_elements`` elements, a page with no main text or one that
    is not text gives a :class:`LoadError`; lossy decoding and pages that do not
    read like a case give a :class:`~partycases.PartycasesWarning`. Anything but
    ``bytes`` or ``str`` is a :class:`LoadError` too.
    """
    if not isinstance(html, (bytes, str)):
        raise LoadError([Problem(f"expected the page as bytes or str, not {type(html).__name__}")])
    _check_options(url, encoding, retrieved_at, max_bytes, max_elements)
    size = len(html)
    if size > max_bytes:
        unit = "bytes" if isinstance(html, bytes) else "characters"
        raise LoadError(
            [
                Problem(
                    f"the page has {size} {unit}; the limit for HTML pages is {max_bytes} "
                    "(parse_html takes max_bytes= to raise it)"
                )
            ]
        )
    notes: list[str] = []
    if isinstance(html, bytes):
        decoded = decode_html(html, encoding)
    else:
        decoded = Decoded(html, "utf-8", "str")
    if decoded.replaced:
        notes.append(
            f"{decoded.replaced} bytes are not valid {decoded.encoding} and were replaced "
            "with U+FFFD"
        )
    if decoded.how == "sniffed" and decoded.declared:
        notes.append(
            f"the page declares {decoded.declared} but its bytes are not; "
            f"decoded as {decoded.encoding}"
        )
    page, removed = _CONTROL.subn("", decoded.text)
    page, referenced = _CONTROL_REFERENCE.subn("", page)
    removed += referenced
    if removed:
        notes.append(f"{removed} control characters were removed from the page")
    tree = _tree(page, max_elements)
    page_date = _metadata_date(tree, url)  # before the meta-bar search empties the scripts
    lines, document = _extract(page, tree, url)
    text = "\n".join(lines)
    if len(text) > MAX_MAIN_TEXT:
        raise LoadError(
            [
                Problem(
                    f"the page's main text has {len(text)} characters; the limit is "
                    f"{MAX_MAIN_TEXT} (a typical case has a few thousand)"
                )
            ]
        )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PartycasesWarning)
        case, parse_report = parse_text(text, report=True)
    notes.extend(str(w.message) for w in caught if issubclass(w.category, PartycasesWarning))
    if not case.organisations:
        notes.append(
            "the page's main text names no organisation; it does not read like a typical case"
        )
    case, problems = _with_metadata(
        case,
        document=document,
        page_date=page_date,
        decoded=decoded,
        page=page,
        url=url,
        retrieved_at=retrieved_at,
    )
    notes.extend(problems)
    for message in notes:
        warnings.warn(message, PartycasesWarning, stacklevel=2)
    return (case, parse_report) if report else case


def _check_options(
    url: object, encoding: object, retrieved_at: object, max_bytes: object, max_elements: object
) -> None:
    """A :class:`TypeError` saying what an option takes, for an option of another type."""
    for name, value, expected, wanted in (
        ("url", url, (str, type(None)), "an address as str"),
        ("encoding", encoding, (str, type(None)), "a codec name as str, such as 'gb18030'"),
        ("retrieved_at", retrieved_at, (dt.datetime, type(None)), "a datetime"),
        ("max_bytes", max_bytes, (int,), "an int"),
        ("max_elements", max_elements, (int,), "an int"),
    ):
        if not isinstance(value, expected) or isinstance(value, bool):
            raise TypeError(f"parse_html's {name}= takes {wanted}, not {type(value).__name__}")


def _escaped(match: re.Match[str]) -> str:
    return quote(match.group(), safe="")


def _address(url: str) -> str:
    """``url`` as a browser sends it.

    Trimmed, its scheme in lower case, and what an IRI may not hold percent-encoded
    (a space is ``%20``, a stray ``%`` is ``%25``, a second ``#`` is ``%23``).
    """
    scheme, rest = url.strip().split("://", 1)
    split = re.search(r"[/?#]", rest)
    host, tail = (rest, "") if split is None else (rest[: split.start()], rest[split.start() :])
    path, hash_, fragment = tail.partition("#")
    fragment = fragment.replace("#", "%23")
    return (
        scheme.lower()
        + "://"
        + _NOT_IN_IRI.sub(_escaped, host)
        + _NOT_IN_IRI_PATH.sub(_escaped, path + hash_ + fragment)
    )


def _with_metadata(
    case: Case,
    *,
    document: Any,
    page_date: str | None,
    decoded: Decoded,
    page: str,
    url: str | None,
    retrieved_at: dt.datetime | None,
) -> tuple[Case, list[str]]:
    """The parsed case with the page's metadata; each piece is validated on its own.

    The case itself is not validated again (its text and facts are unchanged), so
    a large page costs one validation, not two.
    """
    from pydantic import ValidationError

    notes: list[str] = []
    stated: dict[str, Any] = case.source.model_dump() if case.source else {}
    found: dict[str, Any] = {}
    page_url = getattr(document, "url", None) or _saved_from(page) or url
    if isinstance(page_url, str) and _URL.match(page_url):
        found["url"] = _address(page_url)
    if not stated.get("publisher"):
        site = _site_name(document)
        if site is not None:
            found["publisher"] = site
    saved = retrieved_at or _saved_at(page)
    if saved is not None:
        found["retrieved_at"] = saved
    # Each piece on its own: an address the model refuses leaves the saving date in place.
    source = dict(stated)
    for field, value in found.items():
        try:
            Source.model_validate({field: value})
        except ValidationError as error:
            reason = error.errors(include_url=False)[0]["msg"]
            notes.append(f"the page's {_SOURCE_FIELDS[field]} {value!r} is left out: {reason}")
            continue
        source[field] = value
        if field == "publisher":
            source["publisher_id"] = None
    update: dict[str, Any] = {}
    if source != stated:
        update["source"] = Source.model_validate(source)
    if case.published_at is None:
        update["published_at"] = _date(page_date)
    # Through the model's own canonical form: model_copy validates nothing.
    update["extensions"] = canonical_extensions(
        {
            **case.extensions,
            EXTENSION: {
                "extractor": "trafilatura",
                "version": _trafilatura().__version__,
                "settings": {**SETTINGS, "max_tree_size": _MAX_TREE_SIZE},
                "date": {
                    "extractor": "htmldate",
                    "from": ["head", "json-ld", "time", "url"],
                    "extensive_search": False,
                    "original_date": True,
                },
                "encoding": decoded.encoding,
                "encoding_from": decoded.how,
                "declared_encoding": decoded.declared,
            },
        }
    )
    return case.model_copy(update=update), notes


_SOURCE_FIELDS: Final = {"url": "address", "publisher": "site name", "retrieved_at": "saving time"}


def loads(data: bytes | str, encoding: str | None = None) -> Case:
    """Parse a saved web page (bytes in its own encoding, or ``str``); see :func:`parse_html`."""
    return parse_html(data, encoding=encoding)


def dumps(case: Case) -> bytes:
    """HTML is an input format only; writing it gives a :class:`FormatError`."""
    raise FormatError(
        f"html is read, not written (case {case.id!r}); write json, yaml, text or markdown"
    )
