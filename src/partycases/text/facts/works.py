"""Works: every distinct title in 《》, with its kind and where it was shown."""

from __future__ import annotations

import re
from typing import Final

from partycases.models import WorkKind

__all__ = ["PLATFORM", "PLATFORM_VERBS", "WORK", "work_kind"]

#: 《我愛你中國》
WORK: Final = re.compile(r"[《〈](?P<title>[^《》〈〉\n]{1,60})[》〉]")
#: The kind word just before a title (微視頻作品《…》), specific before general.
KINDS_BEFORE: Final = (
    ("微视频", WorkKind.MICRO_VIDEO),
    ("微电影", WorkKind.VIDEO),
    ("短视频", WorkKind.VIDEO),
    ("宣传片", WorkKind.VIDEO),
    ("纪录片", WorkKind.VIDEO),
    ("视频", WorkKind.VIDEO),
    ("歌曲", WorkKind.SONG),
    ("文章", WorkKind.ARTICLE),
    ("图书", WorkKind.BOOK),
    ("书籍", WorkKind.BOOK),
    ("专栏", WorkKind.COLUMN),
)
#: A document's last word: 《…自律公约》, 《关于…的决定》, 《…管理办法》.
DOCUMENT: Final = re.compile(
    r"(?:公约|通报|决定|制度|通知|办法|方案|意见|规定|章程|规范|细则|倡议书|倡议|守则|名单)$"
)
#: …《沒有共產黨就沒有新中國》《向夢想出發》等一大批…網絡作品
ONLINE_WORK_AFTER: Final = re.compile(r"[^。;]{0,40}?网络(?:文化|文艺)?作品")
#: The verbs a platform phrase ends in: a sentence with none is not scanned for one (the
#: phrase's lazy names are tried at every length after each 在).
PLATFORM_VERBS: Final = re.compile("展播|播出|发布|刊发|刊登|转载|上线")
#: 在央視網等平臺展播
PLATFORM: Final = re.compile(
    r"在(?P<names>[^,。;在]{2,30}?)(?:等)?(?:平台|网站|媒体)?(?:" + PLATFORM_VERBS.pattern + ")"
)


def work_kind(folded: str, start: int, end: int, sentence_end: int) -> WorkKind:
    """The kind of the work titled at ``[start, end)`` (the 《》 included)."""
    before = folded[max(0, start - 8) : start]
    for word, kind in KINDS_BEFORE:
        if word in before:
            return kind
    title = folded[start + 1 : end - 1]  # without the title marks
    if DOCUMENT.search(title):
        return WorkKind.DOCUMENT
    if folded.find("作品", end, sentence_end) >= 0 and ONLINE_WORK_AFTER.match(
        folded, end, sentence_end
    ):
        return WorkKind.ONLINE_WORK
    return WorkKind.OTHER
