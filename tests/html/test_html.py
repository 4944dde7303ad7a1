"""Saved web pages in: main text through trafilatura, metadata, encodings and bad pages."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tracemalloc
import warnings
from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import partycases as pc
from partycases.text import html as html_format
from partycases.text import html_decode
from tests.conftest import DATA
from tests.html.score_facts import CATS, Tally, score_doc
from tests.test_cli import run
from tests.work import steps

PAGES_DIR = DATA / "html"
PAGES = sorted(PAGES_DIR.glob("*.html"))
ARTICLE = (PAGES_DIR / "chamber-sidebar.txt").read_text(encoding="utf-8")


def quiet_load(path: Path) -> pc.Case:
    """Load a page, keeping the parser's warnings out of the way."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        return pc.load(path)


def quiet_parse(page: bytes | str, **options: object) -> tuple[pc.Case, list[str]]:
    """parse_html, returning the case and the warnings it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", pc.PartycasesWarning)
        case = pc.parse_html(page, **options)  # type: ignore[arg-type]
    return case, [str(w.message) for w in caught]


def outcome(data: bytes | str) -> pc.Case | pc.LoadError:
    """The case parse_html gives, or the LoadError it raises (anything else propagates)."""
    try:
        return quiet_parse(data)[0]
    except pc.LoadError as error:
        return error


def page(body: str, head: str = '<meta charset="utf-8">') -> str:
    """A minimal page around ``body``."""
    return f"<!DOCTYPE html><html><head>{head}<title>t</title></head><body>{body}</body></html>"


def article_page(head: str = '<meta charset="utf-8">') -> str:
    """A page whose article is the chamber-sidebar text, one paragraph per line."""
    paragraphs = "".join(f"<p>{line}</p>" for line in ARTICLE.splitlines())
    return page(f"<nav>首页 商会动态</nav><article>{paragraphs}</article>", head)


def f1(cases: dict[str, dict[str, object]]) -> float:
    """The scorer's headline figure: the mean over categories of each category's F1."""
    totals = {category: Tally() for category in CATS}
    for name, case in cases.items():
        gold = json.loads((PAGES_DIR / f"{name}.json").read_text(encoding="utf-8"))
        tallies = {category: Tally() for category in CATS}
        score_doc(gold, case, tallies)
        for category in CATS:
            totals[category].add(
                tallies[category].tp, tallies[category].gold, tallies[category].pred
            )
    used = [t.prf()[2] for t in totals.values() if t.gold or t.pred]
    return sum(used) / len(used)


# ------------------------------------------------------------------ the fixture pages


def test_there_are_at_least_twelve_pages_with_gold_and_clean_text() -> None:
    """Every fixture page has its gold facts and the same article as clean text."""
    assert len(PAGES) >= 12
    for path in PAGES:
        assert path.with_suffix(".json").exists(), path.name
        assert path.with_suffix(".txt").exists(), path.name


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_each_page_loads_with_its_title_and_evidence_into_the_text(path: Path) -> None:
    """load() reads the page; the title is the gold title; evidence spans read the extracted text."""
    case = quiet_load(path)
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert case.title == gold["title"]
    assert case.text is not None
    assert gold["title"] in case.text
    spans = [span for org in case.organisations for span in org.evidence]
    assert spans
    assert all(span.read(case.text).strip() for span in spans)
    record = case.extensions[html_format.EXTENSION]
    assert isinstance(record, dict)
    assert record["extractor"] == "trafilatura"


def test_facts_from_pages_are_within_five_points_of_the_clean_texts() -> None:
    """Facts F1 over the pages is within 0.05 of the same articles given as clean text."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        from_pages = {
            p.stem: orjson.loads(pc.dumps(pc.load(p))) for p in PAGES if p.stem != "not-genre"
        }
        from_texts = {
            name: orjson.loads(
                pc.dumps(pc.parse_text((PAGES_DIR / f"{name}.txt").read_text(encoding="utf-8")))
            )
            for name in from_pages
        }
    pages, texts = f1(from_pages), f1(from_texts)
    assert pages >= texts - 0.05, (pages, texts)
    assert pages > 0.6


def test_a_page_parses_the_same_twice() -> None:
    """The same page gives the same case (and the same bytes) every time."""
    first = quiet_load(PAGES_DIR / "news-portal.html")
    second = quiet_load(PAGES_DIR / "news-portal.html")
    assert pc.dumps(first) == pc.dumps(second)


# ------------------------------------------------------------------ metadata


def test_canonical_link_and_text_source_fill_source() -> None:
    """The canonical link is source.url; the 来源 line stays the publisher."""
    case = quiet_load(PAGES_DIR / "news-portal.html")
    assert case.source is not None
    assert case.source.url == "https://www.chengxinews.example.cn/dj/2023-06/15/c_1129.html"
    assert case.source.publisher == "澄溪日报网"
    assert case.published_at == dt.datetime(2023, 6, 15, 10, 21, 37)


def test_date_only_in_meta_becomes_published_at() -> None:
    """A page that prints no date gets published_at and the publisher from its <meta> tags."""
    case = quiet_load(PAGES_DIR / "meta-date-only.html")
    assert "2021" not in (case.text or "").splitlines()[0]
    assert case.published_at == dt.datetime(2021, 4, 2)
    assert case.source is not None
    assert case.source.publisher == "苇川网信"
    assert case.source.url == "https://www.weichuan.example.cn/wx/20210402/1001.html"


def test_json_ld_gives_date_and_publisher() -> None:
    """JSON-LD datePublished and publisher name fill what the text leaves out."""
    case = quiet_load(PAGES_DIR / "network-org-jsonld.html")
    assert case.published_at == dt.datetime(2022, 12, 20)
    assert case.source is not None
    assert case.source.publisher == "澜桥网络社会组织联合会"


def test_meta_bar_outside_the_article_reaches_the_text() -> None:
    """The 发布时间/来源 bar outside the article container is kept above the body."""
    case = quiet_load(PAGES_DIR / "party-channel-meta-bar.html")
    assert case.text is not None
    assert "来源:杉岭先锋网" in case.text.splitlines()[1]
    assert case.published_at == dt.datetime(2022, 11, 8, 9, 40)


def test_saved_page_gives_url_and_retrieved_at() -> None:
    """A page saved with SingleFile gives source.url and source.retrieved_at."""
    case = quiet_load(PAGES_DIR / "singlefile-saved.html")
    assert case.source is not None
    assert case.source.url == "https://www.jishan-shzz.example.cn/news/2022/0801/88.html"
    assert case.source.retrieved_at == dt.datetime(2022, 8, 16, 20, 15, 33)


def test_given_url_and_retrieved_at_are_used_when_the_page_has_none() -> None:
    """url= and retrieved_at= land in source; a canonical link wins over url=."""
    when = dt.datetime(2024, 1, 2, 3, 4, 5)
    case, _ = quiet_parse(article_page(), url="https://example.org/a.html", retrieved_at=when)
    assert case.source is not None
    assert (case.source.url, case.source.retrieved_at) == ("https://example.org/a.html", when)
    canonical = '<meta charset="utf-8"><link rel="canonical" href="https://example.org/c.html">'
    case, _ = quiet_parse(article_page(canonical), url="https://example.org/a.html")
    assert case.source is not None
    assert case.source.url == "https://example.org/c.html"


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("http://example.gov.cn/list?ids=1|2", "http://example.gov.cn/list?ids=1%7C2"),
        ("http://example.gov.cn/s?q={党建}", "http://example.gov.cn/s?q=%7B党建%7D"),
        ("http://example.gov.cn/a%zz.html", "http://example.gov.cn/a%25zz.html"),
        (" HTTP://example.gov.cn/a b.html\u3000", "http://example.gov.cn/a%20b.html"),
        ("http://example.gov.cn/a#b#c", "http://example.gov.cn/a#b%23c"),
        ("http://example.gov.cn/a[1].html", "http://example.gov.cn/a%5B1%5D.html"),
    ],
)
def test_a_page_address_is_escaped_as_a_browser_sends_it(given: str, kept: str) -> None:
    """What an IRI may not hold is percent-encoded; the saving time stays beside the address."""
    when = dt.datetime(2024, 1, 2, 3, 4, 5)
    case, notes = quiet_parse(article_page(), url=given, retrieved_at=when)
    assert case.source is not None
    assert (case.source.url, case.source.retrieved_at) == (kept, when)
    assert not [note for note in notes if "left out" in note]


def test_a_page_address_the_model_refuses_leaves_the_rest_of_the_source() -> None:
    """An address still no IRI once escaped is left out with a note naming it; the time stays."""
    when = dt.datetime(2024, 1, 2, 3, 4, 5)
    case, notes = quiet_parse(article_page(), url="http://[::zz]/a.html", retrieved_at=when)
    assert case.source is not None
    assert (case.source.url, case.source.retrieved_at) == (None, when)
    assert any("address 'http://[::zz]/a.html' is left out" in note for note in notes)


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("url", b"http://example.gov.cn/"),
        ("encoding", 936),
        ("max_bytes", "1000000"),
        ("retrieved_at", dt.date(2024, 1, 2)),
        ("max_elements", True),
    ],
)
def test_an_option_of_another_type_is_a_type_error_saying_what_it_takes(
    option: str, value: object
) -> None:
    """A wrong-typed option is the caller's mistake, named, not a fault of the page."""
    with pytest.raises(TypeError, match=f"parse_html's {option}= takes"):
        pc.parse_html(article_page(), **{option: value})  # type: ignore[arg-type]


def test_a_parsed_page_writes_the_same_bytes_read_back() -> None:
    """The extraction record's keys are in order, as every validated case's are."""
    case, _ = quiet_parse(article_page(), url="https://example.org/a.html")
    record = case.extensions["partycases.html"]
    assert isinstance(record, dict)
    assert list(record) == sorted(record)
    assert pc.dumps(pc.loads(pc.dumps(case))) == pc.dumps(case)


def test_extraction_settings_are_recorded() -> None:
    """extensions["partycases.html"] holds the extractor version, settings and encoding."""
    case = quiet_load(PAGES_DIR / "chamber-sidebar.html")
    record = case.extensions["partycases.html"]
    assert isinstance(record, dict)
    assert record["version"]
    assert record["settings"] == {**html_format.SETTINGS, "max_tree_size": 200_000}
    assert (record["encoding"], record["encoding_from"]) == ("utf-8", "declared")


# ------------------------------------------------------------------ encodings


@pytest.mark.parametrize(
    ("name", "codec", "declared"),
    [("gbk-encoded", "gb18030", "gb2312"), ("big5-encoded", "big5hkscs", "big5")],
)
def test_legacy_pages_decode_by_their_declaration(name: str, codec: str, declared: str) -> None:
    """gb2312 is read as GB18030, big5 as Big5-HKSCS, and the case says which was used."""
    case = quiet_load(PAGES_DIR / f"{name}.html")
    record = case.extensions["partycases.html"]
    assert isinstance(record, dict)
    assert (record["encoding"], record["encoding_from"], record["declared_encoding"]) == (
        codec,
        "declared",
        declared,
    )
    clean = (PAGES_DIR / f"{name}.txt").read_text(encoding="utf-8")
    assert (case.text or "").split() == clean.split()


def test_gbk_page_without_declaration_is_sniffed() -> None:
    """A GBK page that declares nothing is sniffed as GB18030."""
    data = article_page(head="").encode("gbk")
    decoded = html_format.decode_html(data)
    assert (decoded.encoding, decoded.how) == ("gb18030", "sniffed")
    case, _ = quiet_parse(data)
    assert case.organisations[0].name == "柘湖县温州商会"


def test_wrong_declaration_is_overruled_with_a_warning() -> None:
    """Bytes that are not what the page declares are sniffed, and a warning says so."""
    data = article_page().encode("gb18030")
    case, messages = quiet_parse(data)
    assert case.organisations[0].name == "柘湖县温州商会"
    assert any("declares utf-8 but its bytes are not; decoded as gb18030" in m for m in messages)


def test_bom_decides_the_encoding() -> None:
    """A UTF-8 byte order mark wins over the declaration."""
    data = b"\xef\xbb\xbf" + article_page('<meta charset="big5">').encode("utf-8")
    decoded = html_format.decode_html(data)
    assert (decoded.encoding, decoded.how) == ("utf-8-sig", "bom")


def test_encoding_argument_and_unknown_encoding() -> None:
    """encoding= skips detection; an unknown name is a LoadError."""
    data = (PAGES_DIR / "big5-encoded.html").read_bytes()
    case, _ = quiet_parse(data, encoding="big5")
    record = case.extensions["partycases.html"]
    assert isinstance(record, dict)
    assert record["encoding_from"] == "argument"
    with pytest.raises(pc.LoadError, match="unknown encoding 'klingon'"):
        pc.parse_html(data, encoding="klingon")


@pytest.mark.parametrize(
    "codec",
    ["rot13", "hex", "base64", "zlib", "undefined", "punycode", "idna", "unicode_escape", "utf-7"],
)
def test_codecs_that_are_not_text_encodings_are_not_used(codec: str) -> None:
    """A page declaring rot13, base64 or idna is read as if it declared nothing; the argument is refused."""
    body = "<p>柘湖县温州商会成立于2010年10月,现有会员企业150多家。</p>"
    declared = page(body, head=f'<meta charset="{codec}">').encode("utf-8")
    case = outcome(declared)
    assert isinstance(case, pc.Case)
    assert case.organisations
    with pytest.raises(pc.LoadError, match=f"unknown encoding '{codec}'"):
        pc.parse_html(page(body).encode("utf-8"), encoding=codec)


def test_undecodable_bytes_are_replaced_with_a_warning() -> None:
    """Bytes no encoding reads are replaced, counted, and reported."""
    decoded = html_format.decode_html(b"\xff\xfe\xfd" * 10 + b"<p>abc</p>", encoding="utf-8")
    assert decoded.replaced == 30
    data = article_page().encode("utf-8").replace("商会党支部".encode(), b"\x81\xff\x81\xff", 1)
    _, messages = quiet_parse(data)
    assert any("replaced with U+FFFD" in m or "decoded as" in m for m in messages)


@pytest.mark.parametrize("reference", ["&#12;", "&#x1B;", "&#0001", "&#65535;", "&#xfffe;"])
def test_a_reference_to_a_control_character_is_dropped_not_the_page(reference: str) -> None:
    """``&#12;`` and its kind, which the extractor's tree refuses, go like raw controls do."""
    plain, _ = quiet_parse(article_page())
    case, messages = quiet_parse(
        article_page().replace("<article>", f"<article><p>{reference}</p>", 1)
    )
    assert case.text == plain.text
    assert "1 control characters were removed from the page" in messages
    kept, _ = quiet_parse(article_page().replace("党员21名", "党员21名&#123;", 1))
    assert kept.text is not None
    assert "党员21名{" in kept.text  # a longer reference is not one of them


# ------------------------------------------------------------------ bad pages


@pytest.mark.parametrize(
    "body",
    [
        "",
        "<script>var a = 1; document.write('<p>' + a + '</p>');</script>",
        "<nav><a href='/'>首页</a></nav><script src='app.js'></script><noscript></noscript>",
        "<style>p { color: red }</style>",
    ],
    ids=["empty", "script-only", "navigation-only", "style-only"],
)
def test_page_without_main_text_is_a_load_error(body: str, tmp_path: Path) -> None:
    """An empty, script-only or navigation-only page gives a LoadError naming the file."""
    path = tmp_path / "empty.html"
    path.write_text(page(body), encoding="utf-8")
    with pytest.raises(pc.LoadError) as caught:
        pc.load(path)
    assert caught.value.path == str(path)
    assert "no main text" in str(caught.value)


def test_page_not_of_the_genre_gives_a_case_with_a_warning() -> None:
    """A recipe page parses, with a warning that it does not read like a typical case."""
    paragraphs = "".join(
        f"<p>{line}</p>"
        for line in [
            "红烧肉的做法",
            "准备五花肉500克,冰糖30克,生抽和老抽各一勺。",
            "五花肉切块焯水,锅中放少许油,小火炒出糖色后下肉块翻炒。",
            "加入开水没过肉块,大火烧开后转小火炖一小时,最后大火收汁即可。",
        ]
    )
    case, messages = quiet_parse(page(f"<article>{paragraphs}</article>"))
    assert case.text is not None
    assert any("does not read like a typical case" in m for m in messages)


def test_page_over_the_budget_is_refused_before_any_work() -> None:
    """A 50 MB page is a LoadError naming the budget, quickly and without copying it around."""
    huge = b"<html><body>" + b"<p>" + "商会".encode() * (25 * 1024 * 1024 // 6) + b"</p>" * 2
    assert len(huge) > 25 * 1024 * 1024
    data = huge + huge
    tracemalloc.start()
    try:
        with pytest.raises(
            pc.LoadError, match=f"the limit for HTML pages is {html_format.MAX_HTML_BYTES}"
        ):
            pc.parse_html(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < len(data) // 10


def test_budget_can_be_raised() -> None:
    """max_bytes= lowers or raises the budget."""
    with pytest.raises(pc.LoadError, match="limit for HTML pages is 100"):
        pc.parse_html(article_page(), max_bytes=100)
    case, _ = quiet_parse(article_page(), max_bytes=10**6)
    assert case.organisations


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body><div><p>柘湖县温州商会成立于2010年10月<div><span>",
        "<<<>>><p>柘湖县温州商会成立于2010年10月,现有会员企业150多家。</b></i></table>",
        "<p>柘湖县温州商会\x00成立于2010年10月\x0b,现有会员企业150多家。</p>" * 3,
        '<?xml version="1.0" encoding="gbk"?><html><body><p>柘湖县温州商会成立于2010年10月</p></body></html>',
        "\ud800<p>柘湖县温州商会</p>",
    ],
    ids=["unclosed", "garbage-tags", "control-characters", "xml-declaration", "lone-surrogate"],
)
def test_broken_markup_gives_a_case_or_a_load_error(markup: str) -> None:
    """Broken markup never crashes: a case (with warnings) or a LoadError."""
    result = outcome(markup)
    if isinstance(result, pc.LoadError):
        assert result.problems
    else:
        assert result.text is not None
        assert "\x00" not in result.text


def test_deeply_nested_markup_costs_about_what_flat_markup_does() -> None:
    """Thousands of nested elements take at most 20x the steps of the same size flat."""
    paragraph = "<p>柘湖县温州商会成立于2010年10月,现有会员企业150多家。</p>"
    nested = page("<div>" * 3000 + paragraph * 50 + "</div>" * 3000)
    flat = page("<div></div>" * 3000 + paragraph * 50)
    assert abs(len(nested) - len(flat)) < 100
    outcome(flat)  # the extractor's imports and caches, outside the counts
    assert steps(lambda: outcome(nested)) < 20 * steps(lambda: outcome(flat))


PIECES = ["<p>", "</p>", "<div>", "</div>", "<table><tr><td>", "</td></tr></table>",
          "<script>", "</script>", "<br>", "<meta charset=big5>", "&nbsp;", "&#x0;", "<!--",
          "-->", "商会", "成立于2010年10月", "来源:", "一、", "\n", "<", ">", "\"", "'"]  # fmt: skip


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_markup_gives_a_case_or_a_load_error(markup: str) -> None:
    """Random markup of the genre's pieces never raises anything but a LoadError."""
    for data in (markup, markup.encode("utf-8")):
        assert isinstance(outcome(data), (pc.Case, pc.LoadError))


@pytest.mark.parametrize("module", ["trafilatura", "lxml_html_clean"])
def test_missing_extra_names_it(module: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without trafilatura or lxml_html_clean, parse_html names the module and the html extra."""
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(pc.MissingExtraError, match=rf"'{module}'.*partycases\[html\]"):
        pc.parse_html(article_page())


@pytest.mark.parametrize(
    ("declared", "codec"),
    [("GB2312", "gb18030"), ("x-gbk", "gb18030"), ("GBK", "gb18030"), ("big5", "big5hkscs"),
     ("x-x-big5", "big5hkscs"), ("UTF-8", "utf-8"), ("utf-16", "utf-8"), ("no-such", None)],
)  # fmt: skip
def test_declared_names_map_to_the_codec_pages_really_use(declared: str, codec: str | None) -> None:
    """Declared names are read with the superset that pages declaring them hold."""
    assert html_decode._codec(declared) == codec


def test_html_is_not_written() -> None:
    """Writing a case as HTML is a FormatError that names the formats that can be written."""
    case = quiet_load(PAGES_DIR / "chamber-sidebar.html")
    with pytest.raises(pc.FormatError, match="html is a read-only format; expected one of json"):
        pc.dumps(case, format="html")


# ------------------------------------------------------------------ corpora and the command


def test_directories_of_pages_go_through_iter_cases(tmp_path: Path) -> None:
    """iter_cases with format="html" reads the .html and .htm pages of a directory; a bad page is an error item."""
    for name in ("news-portal", "gbk-encoded"):
        (tmp_path / f"{name}.html").write_bytes((PAGES_DIR / f"{name}.html").read_bytes())
    (tmp_path / "old.htm").write_bytes((PAGES_DIR / "table-layout.html").read_bytes())
    (tmp_path / "empty.html").write_text(page(""), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        assert list(pc.iter_cases(tmp_path)) == []  # pages are read only when asked for
        stream = pc.iter_cases(tmp_path, format="html")
        items = list(stream)
    assert (stream.summary.ok, stream.summary.failed) == (3, 1)
    errors = [item for item in items if isinstance(item, pc.LoadError)]
    assert errors[0].path == str(tmp_path / "empty.html")


def test_command_parses_a_page_and_html_on_stdin() -> None:
    """partycases parse page.html and parse - --from html both work; stdin is read as text unless told."""
    path = PAGES_DIR / "big5-encoded.html"
    by_name = run("parse", str(path))
    assert by_name.returncode == 0, by_name.stderr
    case = json.loads(by_name.stdout)
    assert case["title"] == "沄浦區文化創意產業協會:黨建引領文化惠民"
    assert case["extensions"]["partycases.html"]["encoding"] == "big5hkscs"
    piped = run("parse", "-", "--from", "html", stdin=path.read_bytes())
    assert piped.returncode == 0, piped.stderr
    assert json.loads(piped.stdout)["title"] == case["title"]
    with_encoding = run("parse", str(path), "--encoding", "big5")
    assert json.loads(with_encoding.stdout)["title"] == case["title"]


def test_command_reports_a_page_without_text(tmp_path: Path) -> None:
    """A page with no main text exits 1 with the file's name and no traceback."""
    path = tmp_path / "blank.html"
    path.write_text(page("<script>x()</script>"), encoding="utf-8")
    result = run("parse", str(path))
    assert result.returncode == 1
    assert f"{path}" in result.stderr.decode()
    assert "no main text" in result.stderr.decode()
    assert b"Traceback" not in result.stderr


def test_show_reads_a_page() -> None:
    """partycases show page.html prints the summary of the parsed page."""
    result = run("show", str(PAGES_DIR / "wechat-mobile.html"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().startswith("栎湾区物业管理协会党支部:红色物业暖民心")


def test_parse_html_is_public_and_documented() -> None:
    """partycases.parse_html is exported with a docstring."""
    assert "parse_html" in pc.__all__
    assert pc.parse_html.__doc__
    assert (
        subprocess.run(
            [sys.executable, "-c", "import partycases; partycases.parse_html"], check=False
        ).returncode
        == 0
    )


def test_page_with_too_many_elements_is_refused_before_extraction() -> None:
    """A page of more elements than the limit is a LoadError naming it, at the cost of parsing."""
    crowded = page("<div>x</div>" * (html_format.MAX_HTML_ELEMENTS + 10))
    with pytest.raises(
        pc.LoadError, match=f"the limit for HTML pages is {html_format.MAX_HTML_ELEMENTS}"
    ):
        pc.parse_html(crowded)
    # Refused before any text is extracted: fewer steps than 20 times a page of 20 paragraphs.
    small = page("<p>柘湖县温州商会成立于2010年10月,现有会员企业150多家。</p>" * 20)
    outcome(small)
    assert steps(lambda: pc.parse_html(crowded)) < 20 * steps(lambda: outcome(small))
    with pytest.raises(pc.LoadError, match="limit for HTML pages is 5 "):
        pc.parse_html(article_page(), max_elements=5)


@pytest.mark.parametrize("path", PAGES[:3], ids=lambda p: p.stem)
def test_a_parsed_page_round_trips_through_json(path: Path) -> None:
    """The case from a page, with its metadata and extensions, survives dump and load."""
    case = quiet_load(path)
    assert pc.loads(pc.dumps(case)) == case


def test_page_with_an_endless_main_text_is_refused() -> None:
    """A main text longer than the limit is a LoadError naming it, not minutes of parsing."""
    endless = page("<p>" + "商会" * (html_format.MAX_MAIN_TEXT // 2 + 10) + "</p>")
    with pytest.raises(pc.LoadError, match=f"the limit is {html_format.MAX_MAIN_TEXT}"):
        pc.parse_html(endless)


def test_utf8_page_with_a_stale_gb2312_declaration_is_read_as_utf8() -> None:
    """A page that declares gb2312 but holds UTF-8 is read as UTF-8, with a warning."""
    data = article_page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    case, messages = quiet_parse(data.encode("utf-8"))
    assert case.organisations[0].name == "柘湖县温州商会"
    record = case.extensions["partycases.html"]
    assert isinstance(record, dict)
    assert (record["encoding"], record["encoding_from"]) == ("utf-8", "sniffed")
    assert any("declares gb2312 but its bytes are not; decoded as utf-8" in m for m in messages)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("某某商会党建纪实_党建频道_某某网", "某某商会党建纪实"),
        ("某某商会党建纪实--某某先锋网", "某某商会党建纪实"),
        ("某某商会荣获2019-2020年度先进", "某某商会荣获2019-2020年度先进"),
    ],
)
def test_page_title_loses_the_site_but_not_a_year_range(title: str, expected: str) -> None:
    """The headline put before the text drops 标题_频道_网站 suffixes, never a 2019-2020 range."""
    assert html_format._headline(title, ["正文第一段。"]) == expected


def test_load_takes_an_encoding_for_pages(tmp_path: Path) -> None:
    """load(page, encoding=) decodes a page that declares nothing with the given encoding."""
    path = tmp_path / "page.htm"
    path.write_bytes(article_page(head="").encode("gb18030"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        case = pc.load(path, encoding="gbk")
    record = case.extensions["partycases.html"]
    assert isinstance(record, dict)
    assert (record["encoding"], record["encoding_from"]) == ("gb18030", "argument")


def test_dated_sidebar_before_the_headline_is_not_a_meta_bar() -> None:
    """Dated stories listed before the headline never become the page's date or source."""
    headline = "柘湖县温州商会党建工作纪实"
    sidebar = "<ul><li>2019-01-01 柘湖县召开新春座谈会</li><li>来源:柘湖县融媒体中心</li></ul>"
    paragraphs = "".join(f"<p>{line}</p>" for line in ARTICLE.splitlines()[2:-1])
    body = f"<div class='side'>{sidebar}</div><h1>{headline}</h1><article>{paragraphs}</article>"
    case, _ = quiet_parse(page(body, head=f'<meta charset="utf-8"><title>{headline}</title>'))
    assert case.text is not None
    assert "2019-01-01" not in case.text
    assert case.published_at is None
    bar = "<div class='bar'>发布时间:2021-09-03 来源:柘湖县温州商会</div>"
    body = (
        f"<div class='side'>{sidebar}</div><h1>{headline}</h1>{bar}<article>{paragraphs}</article>"
    )
    case, _ = quiet_parse(page(body))
    assert case.text is not None
    assert case.text.splitlines()[1] == "发布时间:2021-09-03 来源:柘湖县温州商会"


def test_report_covers_the_extracted_text() -> None:
    """report=True gives the ParseReport of the extracted text: nothing of it is lost."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pc.PartycasesWarning)
        case, report = pc.parse_html(
            (PAGES_DIR / "magazine-archive.html").read_bytes(), report=True
        )
    assert isinstance(report, pc.ParseReport)
    assert case.text is not None
    assert report.uncovered(case.text) == []


def test_saved_from_comment_gives_the_url() -> None:
    """A browser's "saved from url" comment gives source.url when there is no canonical link."""
    saved = "<!-- saved from url=(0041)https://www.example.org/dj/2021/0903.html -->\n"
    case, _ = quiet_parse(saved + article_page())
    assert case.source is not None
    assert case.source.url == "https://www.example.org/dj/2021/0903.html"
    assert case.source.retrieved_at is None


def test_menu_lines_before_the_headline_go_but_a_note_stays() -> None:
    """Short menu lines before the headline are dropped; a 编者按 before it is kept."""
    title = "鹤汀县建筑业协会党支部建设典型案例"
    menu = ["首 页 | 新闻中心 | 党建园地", "工作动态", title, "一、基本情况"]
    assert html_format._chrome_before(title, menu) == 2
    note = ["【编者按】现将鹤汀县建筑业协会的做法刊发,供参考。", title, "一、基本情况"]
    assert html_format._chrome_before(title, note) == 0
