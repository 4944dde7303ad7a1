"""The parser's knowledge of the genre, as data.

Every pattern here runs on the *folded* text (Simplified script, half-width
punctuation, quotation marks folded to 「」; see :mod:`.normalise`), so one
pattern serves both scripts and both widths. Each rule carries one example
phrase it is for. Patterns use ``[0-9]`` and bounded repeats: none can
backtrack catastrophically (the test suite feeds them hostile input).
"""

from __future__ import annotations

import re
from typing import Final

from partycases.models import (
    ActivityKind,
    HonourKind,
    HonourLevel,
    OrganisationKind,
    SectionKind,
    WorkKind,
)
from partycases.text.numerals import NUMERAL_CHARS

N: Final = f"[{NUMERAL_CHARS}]"
HAN: Final = "[\u3400-\u9fff]"

# ---------------------------------------------------------------- structure

#: 濟南市優秀活動案例(典型案例二十三) / 青岚市…（典型案例第七期） / 典型案例之12
SERIES: Final = re.compile(
    rf"(?P<name>[\u3400-\u9fff]{{0,10}}?案例)(?:之|第)?(?P<number>[0-9]{{1,4}}|{N}{{1,6}})(?:期|号|篇)?"
)
#: 2023-05-23 16:34:54 2 (trailing noise allowed) / 2023年5月23日 / 发布时间:2023/05/23
TIMESTAMP_LABEL: Final = re.compile(r"(?:发布时间|发布日期|更新时间|时间|日期)?\s{0,3}[:]?\s{0,3}")
TIMESTAMP: Final = re.compile(
    r"(?P<year>[0-9]{4})[-/.年](?P<month>[0-9]{1,2})[-/.月](?P<day>[0-9]{1,2})日?"
    r"(?:[ T]{0,3}(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?)?"
)
#: 【編者按】… / 编者按:… / -编者按- … / [编者按]
EDITOR_NOTE: Final = re.compile(
    r"^[【\[(-]{0,2}\s{0,3}编者按\s{0,3}[】\])-]{0,2}\s{0,3}[:]?\s{0,3}"
)
#: 一、案例背景 / 三. 工作成效
SECTION: Final = re.compile(rf"^(?P<number>{N}{{1,4}})\s{{0,3}}[、.]\s{{0,3}}")
#: (一)提升支部組織力… / （二）繪製…
SUBSECTION: Final = re.compile(rf"^\(\s{{0,3}}(?P<number>{N}{{1,4}})\s{{0,3}}\)\s{{0,3}}")
#: 一是以學為先… (the parser keeps only those at a paragraph start or after a sentence end)
ITEM: Final = re.compile(rf"(?P<number>{N}{{1,3}})是")
ITEM_AFTER: Final = "。;!?"
#: 來源: 中國網絡社會組織聯合會 / 来源：青岚网信
SOURCE: Final = re.compile(r"^(?:文章|稿件|信息|新闻)?来源\s{0,3}[:]\s{0,3}")
#: Page furniture before the title: 首页 > 案例展示 / 当前位置:…
CHROME: Final = re.compile(r"(?:首页|当前位置|您的位置|返回|打印本页|关闭窗口|分享到|>|»)")
#: Words a heading uses for each section kind (案例背景 -> background).
#: Outcomes come before practices so 經驗啟示 is an outcome and 經驗做法 a practice.
SECTION_KINDS: Final = (
    (SectionKind.BACKGROUND, ("背景", "基本情况", "概况", "简介", "基本概况")),
    (SectionKind.OUTCOMES, ("成效", "成果", "效果", "成绩", "收获", "启示")),
    (SectionKind.PRACTICES, ("做法", "举措", "措施", "经验", "主要工作", "工作方法")),
)
#: Sentences end here; clauses end at these and at commas.
SENTENCE_END: Final = re.compile(r"[。!?;]|\.(?![0-9])")
HEADING_MAX: Final = 30

# ------------------------------------------------------------ organisations

#: Name endings and the kind they imply, longest first where one contains another.
ORGANISATION_SUFFIXES: Final = (
    ("支部委员会", OrganisationKind.PARTY_BRANCH),  # 中共天津市文化傳媒商會支部委員會
    ("党总支", OrganisationKind.PARTY_BRANCH),
    ("党支部", OrganisationKind.PARTY_BRANCH),  # 商會黨支部
    ("支部", OrganisationKind.PARTY_BRANCH),  # 2019年，支部被…評為… (the case's branch)
    ("党委", OrganisationKind.PARTY_COMMITTEE),  # 某某商会党委
    ("联合会", OrganisationKind.FEDERATION),  # 中國網絡社會組織聯合會
    ("工商联", OrganisationKind.FEDERATION),
    ("社科联", OrganisationKind.FEDERATION),
    ("文联", OrganisationKind.FEDERATION),  # 北溪市文聯
    ("科协", OrganisationKind.ASSOCIATION),
    ("作协", OrganisationKind.ASSOCIATION),
    ("促进会", OrganisationKind.ASSOCIATION),
    ("研究会", OrganisationKind.ASSOCIATION),
    ("基金会", OrganisationKind.ASSOCIATION),
    ("协会", OrganisationKind.ASSOCIATION),  # 青岚市网络文艺工作者协会
    ("学会", OrganisationKind.ASSOCIATION),
    ("商会", OrganisationKind.CHAMBER_OF_COMMERCE),  # 天津市文化傳媒商會
    ("网信办", OrganisationKind.GOVERNMENT_BODY),  # 天津市委網信辦
    ("组织部", OrganisationKind.GOVERNMENT_BODY),  # 市委組織部
    ("宣传部", OrganisationKind.GOVERNMENT_BODY),
    ("统战部", OrganisationKind.GOVERNMENT_BODY),
    ("社管局", OrganisationKind.GOVERNMENT_BODY),  # 天津市社管局
    ("民政局", OrganisationKind.GOVERNMENT_BODY),  # 青岚市民政局
    ("民政厅", OrganisationKind.GOVERNMENT_BODY),
    ("民政部", OrganisationKind.GOVERNMENT_BODY),
    ("工委", OrganisationKind.GOVERNMENT_BODY),  # 市非公有制經濟組織和社會組織工委
    ("局", OrganisationKind.GOVERNMENT_BODY),  # 西陵市商務局 (place-prefixed names only)
    ("委员会", OrganisationKind.OTHER),  # 人民調解委員會
    ("团委", OrganisationKind.MASS_ORGANISATION),
    ("妇联", OrganisationKind.MASS_ORGANISATION),
    ("有限公司", OrganisationKind.ENTERPRISE),
    ("公司", OrganisationKind.ENTERPRISE),
    ("集团", OrganisationKind.ENTERPRISE),
)
ORGANISATION_SUFFIX: Final = re.compile("|".join(s for s, _ in ORGANISATION_SUFFIXES))
SUFFIX_KIND: Final = dict(ORGANISATION_SUFFIXES)
#: Words that end a name when scanning left from its suffix: 是經天津市社管局批准 -> 天津市社管局.
NAME_STOPS: Final = (
    "分享", "介绍", "推出", "获得", "荣获", "获评", "评为", "依托", "通过", "联合", "会同",
    "带领", "指导", "支持", "批准", "今天", "本期", "由", "经", "在", "被", "向", "对", "为",
    "是", "于", "将", "把", "从", "给", "让", "受", "的", "了", "及", "等", "即", "并", "也",
    "年", "月", "日", "其", "该", "各", "个",
    # Verbs of the genre that come right before a name: 參加江州市委網信辦舉辦的…
    "参加", "出席", "举办", "开展", "协同", "配合", "加入", "走访", "邀请", "联系", "发挥",
    "带动", "推动", "协调", "承办", "主办", "面向", "围绕", "服务",
)  # fmt: skip
#: Conjunctions that split two names only when the left part is itself a name:
#: 青岚市委组织部和青岚市民政局 splits; 市非公有制經濟組織和社會組織工委 does not.
NAME_CONJUNCTIONS: Final = ("和", "与", "及")
NAME_MAX: Final = 30
#: A place at the start of a name: 天津市文化傳媒商會 -> 天津市.
PLACE: Final = re.compile(r"^(?:中共)?(?P<place>[\u3400-\u9fff]{2,4}?[省市区县])")
#: Short forms that stand for the place-qualified name: 市委網信辦 for 天津市委網信辦.
SHORT_FORM_START: Final = ("市", "省", "区", "县")
#: Bare words that refer back to the case's subject or its party branch.
SUBJECT_WORDS: Final = ("商会", "协会", "联合会", "学会", "促进会", "研究会", "公司", "集团")
BRANCH_WORDS: Final = ("党支部", "支部", "党委", "商会党支部", "协会党支部", "支部委员会")
#: The party organisation of the subject: 聯合會黨委, 公司黨支部.
PARTY_WORDS: Final = ("党支部", "党委", "支部委员会", "党总支")

#: 成立於2013年9月 / 成立于06年 / 2016年4月成立
FOUNDED: Final = re.compile(
    r"成立(?:于|时间为|时间是)?\s{0,2}(?P<year>[0-9]{4}|[0-9]{2})\s{0,2}年"
    r"(?:\s{0,2}(?P<month>[0-9]{1,2})\s{0,2}月(?:\s{0,2}(?P<day>[0-9]{1,2})\s{0,2}日)?)?"
    r"|(?P<year2>[0-9]{4})年(?:(?P<month2>[0-9]{1,2})月(?:(?P<day2>[0-9]{1,2})日)?)?(?:正式)?成立"
)
#: 「一級商會」 / 5A級社會組織 / 4A级协会
GRADE: Final = re.compile(
    r"(?P<grade>[一二三四五1-5]级(?:商会|协会|社会组织|社团)|[1-5]A级?(?:社会组织|协会|商会|社团)?)"
)
#: Found in every ``GRADE`` match (5A社會組織 has no 級): a sentence without it is not searched.
GRADE_WORDS: Final = re.compile("级|A")
#: 現有近300家會員單位 / 会员400余名 / 超过120家会员企业 / 约80名会员
MEMBERS: Final = re.compile(
    r"(?:现有|拥有|共有|有)?\s{0,2}(?P<before>近|约|大约|超过|超|逾|已达|达)?\s{0,2}"
    r"(?P<value>[0-9]{1,7})\s{0,2}(?P<after>余|多|以上)?\s{0,2}"
    r"(?P<unit>(?:家|名|个|位)(?:会员单位|会员企业|会员|成员单位|理事单位)|(?:家|名|个|位)(?=会员))"
    r"|(?:会员|成员)(?:单位|企业)?(?P<before2>近|约|超过|逾)?(?P<value2>[0-9]{1,7})(?P<after2>余|多)?"
    r"(?P<unit2>家|名|个)"
)
#: Found in every ``MEMBERS`` match: a sentence without it is not searched.
MEMBER_WORDS: Final = re.compile("会员|成员|理事")
QUALIFIERS: Final = {
    "近": "nearly", "约": "about", "大约": "about", "超过": "over", "超": "over", "逾": "over",
    "余": "over", "多": "over", "以上": "at_least", "已达": "exact", "达": "exact",
}  # fmt: skip
#: 經天津市社管局批准 / 登記管理機關為臨川區民政局
APPROVED: Final = re.compile(
    r"经(?P<body>.{2,40}?)(?:批准|审批|核准|登记)"
    r"|登记(?:管理)?机关(?:为|是)(?P<body2>[^,。;]{2,40}?)(?=[,。;]|$)"
)
#: 在天津市委網信辦的指導支持下 / 业务主管单位为中共青岚市委网信办
SUPERVISED: Final = re.compile(
    r"在(?P<body>.{2,40}?)的?(?:指导|领导|关心|支持|指导支持|指导和支持)下"
    r"|(?:业务)?(?:主管|指导)(?:单位|部门)(?:为|是)(?P<body2>.{2,40}?)(?=[,。;]|$)"
    r"|由(?P<body3>[^,。;由]{2,40}?)(?:业务)?主管"  # 由海寧市委網信辦主管
)

# ------------------------------------------------------------------ honours

#: 2017年榮獲「四好」商會 / 被…評為第二批… / 入選… / 獲得…頒發的榮譽證書
HONOUR: Final = re.compile(
    r"(?:被(?P<agents>[^,。;]{2,80}?))?"
    r"(?P<verb>连续(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})年荣获|荣获|荣膺|获评为?|评为|评选为|入选(?:为)?|授予|"
    r"命名为|确定为|认定为|表彰为|获得|获)"
    r"(?P<title>[^,。;.!?]{2,60})"
)
#: Verbs that only make an honour when the title ends with an honour word.
WEAK_VERBS: Final = ("获得", "获")
HONOUR_WORDS: Final = re.compile(
    r"(?:证书|称号|奖|奖项|奖牌|奖杯|荣誉|表彰|示范点|示范单位|先进集体|案例|基地)$"
)
#: …頒發的榮譽證書: the body named before 颁发. Patterns used with ``match(text, pos)`` carry
#: no ``^``: in Python ``^`` means the start of the whole string, not ``pos``.
AWARDED_BY: Final = re.compile(r"(?P<agents>.{2,40}?)(?:颁发|授予)的(?P<title>.+)$")
#: 第二批 -> batch 2
BATCH: Final = re.compile(rf"第(?P<number>[0-9]{{1,3}}|{N}{{1,4}})批")
#: What is trimmed from the end of a title: 荣誉称号, 称号.
TITLE_TRAILERS: Final = re.compile(r"(?:等)?(?:荣誉称号|称号|荣誉|等)$")
LEVELS: Final = (
    (HonourLevel.NATIONAL, re.compile(r"^(?:全国|国家级|国家|中央)|全国")),
    (HonourLevel.PROVINCIAL, re.compile(r"^(?:省级|全省|[\u3400-\u9fff]{2,3}省)|省级")),
    (HonourLevel.MUNICIPAL, re.compile(r"^(?:市级|全市|[\u3400-\u9fff]{2,3}市)|市级")),
    (
        HonourLevel.DISTRICT,
        re.compile(r"^(?:区级|县级|全区|全县|[\u3400-\u9fff]{2,3}[区县])|区级|县级"),
    ),
)
AGENT_LEVELS: Final = (
    (HonourLevel.NATIONAL, re.compile(r"^(?:中央|国家|全国|中国)")),
    (HonourLevel.PROVINCIAL, re.compile(r"^(?:省|[\u3400-\u9fff]{2,3}省)")),
    (HonourLevel.MUNICIPAL, re.compile(r"^(?:市|[\u3400-\u9fff]{2,3}市)")),
    (HonourLevel.DISTRICT, re.compile(r"^(?:区|县|[\u3400-\u9fff]{2,3}[区县])")),
)
#: Titles that name a social organisation go to the organisation, not its party branch:
#: 協會黨支部…榮獲「先進社會組織」稱號.
ORGANISATION_TITLE: Final = re.compile(r"社会组织|商会|协会|文明单位")
PARTY_TITLE: Final = re.compile(r"党组织|党支部|党委")
HONOUR_KINDS: Final = (
    (HonourKind.CERTIFICATE, re.compile(r"证书$")),
    (HonourKind.SELECTION, re.compile(r"案例$|^入选")),
    (HonourKind.AWARD, re.compile(r"奖$|奖项$")),
)

# --------------------------------------------------------------- activities

#: 「不忘初心、牢記使命」主題教育 / “网络文艺进社区”系列活动 / 「我與祖國共奮進」專題實踐活動
QUOTED_ACTIVITY: Final = re.compile(
    r"「(?P<name>[^「」]{2,30})」(?P<suffix>主题教育|专题实践活动|主题实践活动|实践活动|主题党日活动|"
    r"主题活动|系列活动|专项行动|学习教育|志愿服务活动|活动)"
)
#: 將「兩學一做」常態化制度化 / 开展「三会一课」
CAMPAIGN: Final = re.compile(
    r"(?:将|把|开展|推进|深化|落实|坚持)「(?P<name>[^「」]{2,12})」(?=学习教育|常态化|制度|活动)"
)
#: 特色主題黨日活動 / 在組織生活會上 / 黨建知識大講堂
ACTIVITY_NOUNS: Final = (
    ("主题党日活动", ActivityKind.PARTY_DAY, False),
    ("主题教育", ActivityKind.THEME_EDUCATION, False),  # 組織黨員赴延安開展主題教育
    ("组织生活会", ActivityKind.MEETING, False),
    ("民主生活会", ActivityKind.MEETING, False),
    ("大讲堂", ActivityKind.STUDY, True),  # True: needs a name in front (党建知识大讲堂)
    ("读书会", ActivityKind.STUDY, True),
    ("座谈会", ActivityKind.MEETING, True),
    ("报告会", ActivityKind.STUDY, True),
    ("培训班", ActivityKind.TRAINING, True),
)
ACTIVITY_NOUN: Final = re.compile("|".join(noun for noun, _, _ in ACTIVITY_NOUNS))
#: Verbs that end an activity's name when scanning left: 組織特色主題黨日活動 -> 特色主題黨日活動.
ACTIVITY_STOPS: Final = (
    *NAME_STOPS, "组织", "开展", "举办", "举行", "参加", "召开", "每季度", "每月",
)  # fmt: skip
ACTIVITY_SUFFIX_KINDS: Final = {
    "主题教育": ActivityKind.THEME_EDUCATION,
    "专题实践活动": ActivityKind.PRACTICE,
    "主题实践活动": ActivityKind.PRACTICE,
    "实践活动": ActivityKind.PRACTICE,
    "主题党日活动": ActivityKind.PARTY_DAY,
    "学习教育": ActivityKind.CAMPAIGN,
    "系列活动": ActivityKind.CAMPAIGN,
    "专项行动": ActivityKind.CAMPAIGN,
    "志愿服务活动": ActivityKind.VOLUNTEERING,
}
#: 2019年10月1日,支部黨員與…觀看國慶大閱兵實況轉播。
DATED_EVENT: Final = re.compile(
    r"(?P<date>[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日)\s{0,2},?\s{0,2}(?P<who>[^,。;]{0,60}?)"
    r"(?:一起|一道|共同)?(?P<verb>观看|收看|参观|参加|举办|举行|开展|召开|走进|来到|组织)(?P<what>[^,。;]{2,40})"
)
#: 2021年3月至2021年6月 -> a date range
DATE_RANGE: Final = re.compile(
    r"(?P<start>[0-9]{4}年(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?)\s{0,2}(?:至|到|—|-|~)\s{0,2}"
    r"(?P<end>(?:[0-9]{4}年)?[0-9]{1,2}月(?:[0-9]{1,2}日)?|[0-9]{4}年)"
)
PARTICIPANT_SPLIT: Final = re.compile(r"、|与|和|同|及|以及")

# -------------------------------------------------------------------- works

#: 《我愛你中國》
WORK: Final = re.compile(r"《(?P<title>[^《》]{1,50})》")
#: The kind word just before a title: 微視頻作品《…》
WORK_KINDS_BEFORE: Final = (
    ("微视频", WorkKind.MICRO_VIDEO),
    ("微电影", WorkKind.VIDEO),
    ("短视频", WorkKind.VIDEO),
    ("宣传片", WorkKind.VIDEO),
    ("视频", WorkKind.VIDEO),
    ("歌曲", WorkKind.SONG),
    ("文章", WorkKind.ARTICLE),
    ("图书", WorkKind.BOOK),
    ("书籍", WorkKind.BOOK),
)
#: …《沒有共產黨就沒有新中國》《向夢想出發》等一大批…網絡作品
ONLINE_WORK_AFTER: Final = re.compile(r"[^。;]{0,40}?网络(?:文化)?作品")
#: 在央視網等平臺展播
PLATFORM: Final = re.compile(
    r"在(?P<names>[^,。;在]{2,30}?)(?:等)?(?:平台|网站|媒体)?(?:展播|播出|发布|刊发|刊登|转载|上线)"
)

# -------------------------------------------------------------------- dates

YEAR: Final = re.compile(r"(?P<year>[0-9]{4})年|(?P<same>同年|当年)")

#: 依託商會的團委、婦聯、人民調解委員會…等: bodies belonging to the organisation before 的.
#: Matched at 的; the owner's name is read by scanning left from it.
CHILDREN: Final = re.compile(r"的(?P<items>[^,。;的]{2,80}?)等")
