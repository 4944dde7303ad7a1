"""Field descriptions of the models, generated from their docstrings: do not edit.

Regenerate with ``python -m partycases.models._docstrings --write``
(see ``_docstrings``).
"""

# fmt: off
from __future__ import annotations

from typing import Final

#: Module name -> class name -> field name -> description.
DESCRIPTIONS: Final[dict[str, dict[str, dict[str, str]]]] = {
    'partycases.models.activity': {
        'Activity': {
            'id': '``activity:`` id.',
            'name': "The activity's name or a short description of it.",
            'kind': 'What sort of activity it was.',
            'date': 'When it happened: a partial date, or ``START/END`` for a span of time.',
            'organiser_ids': 'Ids of the organisations that held it.',
            'participants': 'Groups that took part, as the text names them (e.g. 支部黨員).',
            'participant_ids': 'Ids of organisations or people that took part.',
            'description': 'What happened, in a sentence.',
            'work_ids': 'Ids of works the activity produced.',
            'evidence': 'Where the case text states this activity.',
        },
    },
    'partycases.models.case': {
        'Series': {
            'name': 'The series name, e.g. 典型案例.',
            'number': "The case's number in the series.",
        },
        'Source': {
            'publisher': 'The publisher as the source line names it.',
            'publisher_id': 'Id of the publisher, when it is also an organisation of the case.',
            'url': 'The page the case was read from.',
            'retrieved_at': 'When the page was read.',
        },
        'Case': {
            'schema_version': 'The version of the case format; always written.',
            'id': "The case's slug, unique in a corpus and usable as a file name.",
            'title': 'The title line as published.',
            'series': 'The series and number from the title.',
            'published_at': 'The publication timestamp, as printed (local time, no zone).',
            'language': "BCP 47 tag of the case's script: ``zh-Hant`` or ``zh-Hans``.",
            'source': 'Where the case was published.',
            'editor_note': "The publisher's framing (編者按).",
            'headline': 'The headline or slogan line before the sections.',
            'subject_ids': 'Ids of the organisations the case is about.',
            'sections': 'The body: numbered sections with their subsections and paragraphs.',
            'organisations': 'Every organisation the case names.',
            'people': 'Every person the case names.',
            'honours': 'Every honour the case reports.',
            'activities': 'Every activity the case reports.',
            'works': 'Every work the case names.',
            'tags': 'Free keywords.',
            'extensions': 'Extra data under namespaced keys (e.g. ``org.example.crawler``).',
            'unparsed': 'Text the parser kept but could not place; empty for hand-written cases.',
            'text': 'The original document, exactly as read; evidence spans index into it.',
        },
    },
    'partycases.models.honour': {
        'Honour': {
            'id': '``honour:`` id.',
            'title': "The honour's title, without batch or level words that have their own fields.",
            'recipient_id': 'Id of the organisation, work or person that received it.',
            'awarded_by': 'Ids of the organisations that conferred it.',
            'date': 'When it was conferred, to the precision stated.',
            'level': 'National, provincial, municipal or district.',
            'batch': 'The batch number when honours are given in batches (第二批 is 2).',
            'kind': 'Title, certificate, selection or award.',
            'evidence': 'Where the case text states this honour.',
        },
    },
    'partycases.models.organisation': {
        'Name': {
            'value': 'The name as written.',
            'language': 'BCP 47 tag of the script the name is written in, e.g. ``zh-Hans``.',
            'kind': 'Whether this is the full, short, former or a translated name.',
        },
        'Identifier': {
            'scheme': 'The register that issued it; ``uscc`` values are checksum-validated.',
            'value': 'The identifier in its compact form.',
        },
        'Organisation': {
            'id': '``org:`` id, see :func:`partycases.organisation_id`.',
            'name': 'The main name, in the script the case uses.',
            'other_names': 'Short forms, names in the other script, former names.',
            'kind': 'What sort of body it is.',
            'founded': 'When it was founded, to the precision stated.',
            'location': 'Where it is, as named (a city or province).',
            'grade': 'An assessed grade such as 一級商會 or 5A級.',
            'member_count': 'How many members it has, e.g. nearly 300 member units.',
            'approved_by': 'Ids of the organisations that approved its founding.',
            'supervised_by': 'Ids of the organisations that supervise or guide it.',
            'parent_id': "Id of the organisation it belongs to (a branch's chamber).",
            'identifiers': 'Registered identifiers such as the unified social credit code.',
            'evidence': 'Where the case text states this organisation.',
        },
    },
    'partycases.models.person': {
        'Role': {
            'title': 'The position, e.g. 會長 or 支部書記.',
            'organisation_id': 'Id of the organisation the position is in.',
        },
        'Person': {
            'id': '``person:`` id.',
            'name': "The person's name as written.",
            'roles': 'Positions the person holds.',
            'evidence': 'Where the case text names this person.',
        },
    },
    'partycases.models.section': {
        'Paragraph': {
            'text': "The paragraph's text, without the marker.",
            'marker': 'The enumeration marker that opens the item, e.g. 一是.',
        },
        'Section': {
            'kind': 'Background, practices, outcomes or other.',
            'number': "The section's number (一 is 1); absent for unnumbered headings.",
            'heading': 'The heading, without its number.',
            'paragraphs': 'The paragraphs before any subsection.',
            'subsections': 'Nested sections.',
        },
    },
    'partycases.models.work': {
        'Work': {
            'id': '``work:`` id.',
            'title': 'The title, without 《》.',
            'kind': 'What sort of work it is.',
            'creator_ids': 'Ids of the organisations or people that made it.',
            'platforms': 'Where it was published or shown (e.g. 央視網).',
            'date': 'When it was made or published.',
            'evidence': 'Where the case text states this work.',
        },
    },
}
