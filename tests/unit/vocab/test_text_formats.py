"""Export then import gives the same words back, in every text format."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypinyin import Style, lazy_pinyin

from reader.vocab import text_formats
from reader.vocab.word import Context, Status, VocabWord, clean_tags

_HANZI = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_ANY_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
)
_ONE_LINE = _ANY_TEXT.map(lambda text: " ".join(text.split()))
_TAG = st.text(st.characters(whitelist_categories=("Ll", "Lu", "Nd", "Lo")), min_size=1, max_size=8)
_TIME = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)


@st.composite
def words(draw: st.DrawFn, *, carries_everything: bool = True) -> VocabWord:
    simplified = draw(st.text(_HANZI, min_size=1, max_size=4))
    # Real readings of the drawn characters, as pypinyin gives them.
    pinyin = " ".join(lazy_pinyin(simplified, style=Style.TONE))
    traditional = draw(st.one_of(st.just(""), st.text(_HANZI, min_size=1, max_size=4)))
    if traditional == simplified:
        traditional = ""
    if not carries_everything:
        definition = draw(_ONE_LINE.filter(lambda text: "\t" not in text))
        return VocabWord(
            simplified,
            pinyin,
            traditional=traditional,
            definition=definition,
            status=draw(st.sampled_from(Status)),
        )
    contexts = draw(
        st.lists(
            st.tuples(_ONE_LINE.filter(bool), _ONE_LINE), max_size=3, unique_by=lambda pair: pair[1]
        )
    )
    created = draw(_TIME)
    return VocabWord(
        simplified=simplified,
        pinyin=pinyin,
        traditional=traditional,
        definition=draw(_ANY_TEXT).strip(),
        note=draw(_ANY_TEXT).strip(),
        status=draw(st.sampled_from(Status)),
        tags=clean_tags(draw(st.lists(_TAG, max_size=3))),
        contexts=tuple(Context(sentence, title) for sentence, title in contexts),
        hsk=draw(st.one_of(st.none(), st.integers(1, 9))),
        created=created,
        updated=created,
    )


def _unique(word_list: list[VocabWord]) -> list[VocabWord]:
    return list({word.key: word for word in word_list}.values())


_LISTS = st.lists(words(), max_size=6).map(_unique)
_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _without_times(word: VocabWord) -> VocabWord:
    return VocabWord(
        word.simplified,
        word.pinyin,
        word.traditional,
        word.definition,
        word.note,
        word.status,
        word.tags,
        word.contexts,
        word.hsk,
    )


@_SETTINGS
@given(_LISTS)
def test_json_round_trip_keeps_everything(word_list):
    parsed = text_formats.parse_json(text_formats.render_json(word_list))
    assert parsed.bad == []
    assert [word for _, word in parsed.good] == word_list


@_SETTINGS
@given(_LISTS)
def test_csv_round_trip_keeps_everything(word_list):
    parsed = text_formats.parse_csv(text_formats.render_csv(word_list))
    assert parsed.bad == []
    assert [word for _, word in parsed.good] == word_list


@_SETTINGS
@given(_LISTS)
def test_anki_text_round_trip_keeps_everything_but_the_times(word_list):
    parsed = text_formats.parse_anki_text(text_formats.render_anki_text(word_list))
    assert parsed.bad == []
    assert [word for _, word in parsed.good] == [_without_times(w) for w in word_list]


@_SETTINGS
@given(st.lists(words(carries_everything=False), max_size=6).map(_unique))
def test_pleco_round_trip_keeps_characters_reading_definition_and_status(word_list):
    parsed = text_formats.parse_pleco(text_formats.render_pleco(word_list))
    assert parsed.bad == []
    assert sorted((w for _, w in parsed.good), key=repr) == sorted(word_list, key=repr)


def test_csv_cells_that_a_spreadsheet_would_run_are_defused_and_restored():
    word = VocabWord(
        "公式",
        "gōng shì",
        definition='=HYPERLINK("http://x")',
        note="'already quoted",
        tags=("+1",),
    )
    rendered = text_formats.render_csv([word])
    assert rendered.startswith("\ufeffsimplified,")
    assert "'=HYPERLINK" in rendered and "''already quoted" in rendered and "'+1" in rendered
    assert text_formats.parse_csv(rendered).good[0][1] == word


def test_anki_text_has_the_headers_anki_reads_and_safe_fields():
    word = VocabWord(
        "城市",
        "chéng shì",
        definition="city\ttown\nline 2 <b>",
        contexts=(Context("广州这座超大城市。", "广州"),),
    )
    text = text_formats.render_anki_text([word])
    header = text.splitlines()[:8]
    assert header[:2] == ["#separator:tab", "#html:true"]
    assert any(line.startswith("#columns:Simplified\tTraditional\tPinyin") for line in header)
    assert any(line.startswith("#deck:") for line in header)
    assert any(line.startswith("#tags:") for line in header)
    (note_line,) = text.splitlines()[8:]
    fields = note_line.split("\t")
    assert len(fields) == 10
    assert fields[3] == "city&#9;town<br>line 2 &lt;b&gt;"
    assert fields[4] == "广州这座超大<b>城市</b>。"
    assert "tone2" in fields[2] and "tone4" in fields[2]


def test_pleco_lines_use_numbered_pinyin_brackets_and_status_categories():
    text = text_formats.render_pleco(
        [
            VocabWord(
                "学习",
                "xué xí",
                traditional="學習",
                definition="to study\nto learn",
                status=Status.LEARNING,
            ),
            VocabWord("女儿", "nǚ ér", traditional="女兒"),
            VocabWord("城市", "chéng shì", status=Status.LEARNING),
        ]
    )
    assert text.splitlines() == [
        "//Duzhe/new",
        "女儿[女兒]\tnu:3er2\t",
        "//Duzhe/learning",
        "学习[學習]\txue2xi2\tto study; to learn",
        "城市\tcheng2shi4\t",
    ]


def test_bad_lines_are_reported_with_their_line_numbers_and_reasons():
    csv_text = (
        "simplified,pinyin,status,hsk\n城市,chéng shì,new,3\n,x,new,\n"
        "治理,zhì lǐ,forgotten,\n好,hǎo,new,12\n"
    )
    parsed = text_formats.parse_csv(csv_text)
    assert [w.simplified for _, w in parsed.good] == ["城市"]
    assert [(b.line, b.reason.split(" ")[0]) for b in parsed.bad] == [
        (3, "the"),
        (4, "unknown"),
        (5, "HSK"),
    ]
    pleco = text_formats.parse_pleco("//Duzhe/known\n城市\tcheng2shi4\tcity\nno tab here\n")
    assert [(b.line, b.reason) for b in pleco.bad] == [
        (3, "expected characters<TAB>pinyin<TAB>definition")
    ]
    assert pleco.good[0][1].status is Status.KNOWN
    json_text = (
        '{"format": "duzhe-reader vocabulary", "version": 1, "words": [\n'
        '{"simplified": "城市"},\n{"simplified": ""},\n'
        '{"simplified": "好", "hsk": "x"}\n]}'
    )
    parsed_json = text_formats.parse_json(json_text)
    assert [b.line for b in parsed_json.bad] == [3, 4]
    assert text_formats.parse_json("{not json").bad[0].reason.startswith("not valid JSON")


def test_an_anki_plain_text_export_without_columns_header_is_read_by_field_order():
    text = (
        "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n"
        "#tags column:12\n"
        "abc\tDuzhe vocabulary\tDuzhe\t城市\t城市\tchéng shì\tcity\t\t\t3\t\tstatus::known x\n"
    )
    parsed = text_formats.parse_anki_text(text)
    assert parsed.bad == []
    (word,) = [w for _, w in parsed.good]
    assert (word.simplified, word.pinyin, word.definition, word.hsk, word.status, word.tags) == (
        "城市",
        "chéng shì",
        "city",
        3,
        Status.KNOWN,
        ("x",),
    )
