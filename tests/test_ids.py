"""Tests for ids: script-independent keys, organisation ids, typed ids."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partycases import make_id, name_key, organisation_id


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("天津市文化傳媒商會", "天津市文化传媒商会"),
        ("中國網絡社會組織聯合會", "中国网络社会组织联合会"),
        ("天津市委網信辦", "天津市委网信办"),
        ("「四好」商會", "“四好”商会"),
    ],
)
def test_same_id_in_either_script(traditional: str, simplified: str) -> None:
    """The same organisation gets the same id in Traditional and Simplified script."""
    assert organisation_id(traditional) == organisation_id(simplified)


@pytest.mark.parametrize(
    "variant",
    [
        "天津市文化傳媒商會 ",
        "天津市 文化傳媒商會",
        "天津市\u200b文化傳媒商會",  # zero-width space
        "天津市\u202e文化傳媒商會",  # right-to-left override
        "天津市文化傳媒商會。",
    ],
)
def test_invisible_and_punctuation_differences_do_not_split_ids(variant: str) -> None:
    """Spaces, punctuation, zero-width and BiDi characters never make a second id."""
    assert organisation_id(variant) == "org:天津市文化传媒商会"


def test_credit_code_is_never_the_id() -> None:
    """The id follows the name alone; a credit code cannot be passed to make one."""
    assert organisation_id("青嵐市網絡文藝工作者協會") == "org:青岚市网络文艺工作者协会"
    with pytest.raises(TypeError):
        organisation_id("x", "51330100MJ9A1B2C3T")  # type: ignore[call-arg]


def test_make_id() -> None:
    """make_id joins folded parts under a typed prefix."""
    assert make_id("work", "我愛你中國") == "work:我爱你中国"
    assert make_id("honour", "商會", 2018, "第二批") == "honour:商会-2018-第二批"
    assert make_id("activity", "Theme Day") == "activity:themeday"
    with pytest.raises(ValueError, match="unknown id kind"):
        make_id("case", "x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no letters"):
        name_key("「」，。")


def test_id_fold_folds_script_and_case_character_by_character() -> None:
    """Traditional and Simplified ids (and letter case) fold to one text; other ids stay apart."""
    from partycases.ids import id_fold

    assert id_fold("org:天津市文化傳媒商會") == id_fold("org:天津市文化传媒商会")
    assert id_fold("org:ABC商會") == id_fold("org:abc商会")
    assert id_fold("org:天津市文化传媒商会") != id_fold("org:天津市文化传媒协会")


def test_kept_folds_are_the_folds_and_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """ID_FOLDS answers what folding answers, for an id met before or not, and keeps at most its bound."""
    import unicodedata

    from partycases import ids

    monkeypatch.setattr(ids, "ID_FOLDS_MAX", 4)
    ids.ID_FOLDS.clear()
    names = [
        "org:天津市文化傳媒商會",
        "org:ＡＢＣ商会",
        "org:Café商会",
        "org:Cafe\u0301商会",
        "org:甲",
        "org:乙",
    ]
    for name in [*names, *names]:  # the second time, each is read from what was kept
        expected = unicodedata.normalize("NFKC", name).translate(ids._script_table()).casefold()
        assert ids.ID_FOLDS[name] == ids.id_fold(name) == expected
        assert len(ids.ID_FOLDS) <= 4
    assert ids.id_fold("org:Café商会") == ids.id_fold("org:CAFE\u0301商會")
    ids.ID_FOLDS.clear()


def test_fold_fixed_ids_are_their_own_folds_and_stay_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """FOLD_FIXED_IDS holds the ids met lately that are their own fold, and only those, within its bound."""
    from partycases import ids

    monkeypatch.setattr(ids, "ID_FOLDS_MAX", 4)
    ids.ID_FOLDS.clear()
    ids.FOLD_FIXED_IDS.clear()
    fixed = ["org:甲", "org:乙商会", "org:abc商会", "org:丙", "org:丁协会", "org:戊"]
    folding = ["org:天津市文化傳媒商會", "org:ＡＢＣ商会", "org:ABC商会", "org:cafe\u0301"]
    for name in [*fixed, *folding, *fixed]:
        ids.ID_FOLDS[name]  # met through the fold table, as the check meets ids
        assert all(ids.id_fold(kept) == kept for kept in ids.FOLD_FIXED_IDS)
        assert len(ids.FOLD_FIXED_IDS) <= 4
    assert ids.FOLD_FIXED_IDS.isdisjoint(folding)
    ids.ID_FOLDS.clear()
    ids.FOLD_FIXED_IDS.clear()
    for name in fixed[:3]:
        ids.ID_FOLDS[name]
    assert set(fixed[:3]) == ids.FOLD_FIXED_IDS
    ids.ID_FOLDS.clear()
    ids.FOLD_FIXED_IDS.clear()


@pytest.mark.parametrize("rounds", [1, 2, 3])
def test_ids_that_fold_together_are_refused_however_often_met(rounds: int) -> None:
    """Two ids folding together are refused by the quick check whether their folds are kept or not."""
    import orjson

    import partycases as pc
    from partycases.models._sound import is_sound, sound_keys

    twins = [
        {"id": "org:天津市文化傳媒商會", "name": "天津市文化傳媒商會"},
        {"id": "org:天津市文化传媒商会", "name": "天津市文化传媒商会"},
        {"id": "org:ABC商会", "name": "ABC商会"},
        {"id": "org:abc商会", "name": "abc商会"},
    ]
    for first, second in ((0, 1), (1, 0), (2, 3), (3, 2)):
        case = pc.Case.model_construct(
            id="case-twins",
            language="zh-Hans",
            organisations=(pc.Organisation(**twins[first]), pc.Organisation(**twins[second])),
        )
        for _ in range(rounds):  # the second time on, every fold is one kept
            assert not is_sound(case)
            assert sound_keys(case) is None
            with pytest.raises(pc.LoadError, match="differ only in script"):
                pc.loads(orjson.dumps({"id": "case-twins", "language": "zh-Hans",
                                       "organisations": [twins[first], twins[second]]}))  # fmt: skip


def _plain_id_fold(entity_id: str) -> str:
    import unicodedata

    from partycases import ids

    return unicodedata.normalize("NFKC", entity_id).translate(ids._script_table()).casefold()


def test_id_fold_translates_exactly_where_the_script_table_changes_a_character() -> None:
    """The fold, which translates only ids holding a character the table changes, is the plain fold."""
    from partycases import ids

    table = ids._script_table()
    for code in [*table, *range(0x3400, 0x3480), *range(0x4E00, 0x5200)]:
        for entity_id in (f"org:{chr(code)}", f"org:甲{chr(code)}乙商会", f"org:ＡＢ{chr(code)}"):
            assert ids._id_fold(entity_id) == _plain_id_fold(entity_id)


@given(
    st.text(
        st.one_of(
            st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
            st.sampled_from("傳媒商會党支部黨ＡＢＣabcDEFé\u0301\uf900\u2f00"),
        ),
        min_size=1,
        max_size=24,
    )
)
def test_id_fold_is_the_plain_fold_on_generated_ids(key: str) -> None:
    """On generated keys of Han, full-width, accented and compatibility characters, the two folds agree."""
    from partycases import ids

    assert ids._id_fold("org:" + key) == _plain_id_fold("org:" + key)
