# === public: assignments/dict_homework/public_tests.py (what students get and run)
"""Public tests, exercise 0 (dictionaries): the homework's own examples and the docstrings' rules.

Run them with ``python -m autograder check dict_homework [your_file.py]``.
"""

import string

from dict_homework_staff import word_index, word_index_check

from autograder.runtime.spec import Hint, Msg, Suite

suite = Suite("dict_homework", hidden=False)

LECTURE_SCORES = {"Darius": 100, "Dr. Mundo": 80, "Morgana": 60, "Sivir": 75, "Yummi": 20, "Viktor": 97}
# the homework's names happen to be in alphabetical order: this class is not
UNSORTED_SCORES = {"Zoe": 95, "Lux": 50, "Ahri": 88, "Nami": 81}
LECTURE_TEXT = "Apple is fruit. Orange is also fruit. Tomato is fruit?"
#: names that score exactly 80 in the public cases
AT_80 = {name for name, score in LECTURE_SCORES.items() if score == 80}


def _split_word(got_words, want_words) -> bool:
    """A wanted word missing from ``got_words`` whose two halves are both there ("world" + "s")."""
    return any(
        w not in got_words and any(w[:i] in got_words and w[i:] in got_words for i in range(1, len(w)))
        for w in want_words
    )


GREATER_THAN = Hint(
    "greater_than_80",
    "80점인 학생이 빠졌습니다: '80점 이상'은 score >= 80 입니다 (> 80 이 아님).",
    "A student with exactly 80 is missing: '80 or more' is score >= 80, not > 80.",
    when=lambda got, want: bool(AT_80 & set(want)) and list(got) == [n for n in want if n not in AT_80],
)
SCORES = Hint(
    "returns_scores",
    "점수가 아니라 학생 이름을 돌려주세요: for name, score in student2score.items() ...",
    "Return the students' names, not their scores: for name, score in student2score.items() ...",
    when=lambda got, want: len(got) > 0 and all(isinstance(v, (int, float)) for v in got),
)
SORTED_NAMES = Hint(
    "sorted_names",
    "이름은 맞는데 순서가 다릅니다: 정렬하지 말고 딕셔너리에 들어 있는 순서대로 돌려주세요.",
    "The names are right but not their order: do not sort them, keep the dictionary's order.",
    when=lambda got, want: list(got) != list(want) and list(got) == sorted(want),
)
RETURNS_DICT = Hint(
    "special_returns_dict",
    "딕셔너리가 아니라 이름의 리스트를 돌려주세요: [name for name, score in student2score.items() if score >= 80].",
    "Return a list of names, not a dictionary: [name for name, score in student2score.items() if score >= 80].",
    when=lambda got, want: isinstance(got, dict),
)
SPECIAL_HINTS = [GREATER_THAN, SCORES, SORTED_NAMES, RETURNS_DICT]

ORDER = Hint(
    "ids_from_set",
    "단어는 맞는데 번호가 다릅니다: 처음 나온 순서대로 0, 1, 2, ... 를 붙이세요. "
    "set()이나 sorted()로 중복을 없애면 순서가 바뀝니다 (set은 실행할 때마다 달라질 수도 있습니다).",
    "The words are right but their ids are not: number them 0, 1, 2, ... in order of first "
    "appearance. Removing duplicates with set() or sorted() changes the order (a set's may even "
    "change from run to run).",
    when=lambda got, want: (
        set(got[0]) == set(want[0])
        and sorted(got[0].values()) == list(range(len(want[0])))
        and got[0] != want[0]
    ),
)
CASE = Hint(
    "case_not_folded",
    "대문자가 남아 있습니다: 'Apple'과 'apple'은 같은 단어입니다. text.lower()를 쓰세요.",
    "Upper-case letters remain: 'Apple' and 'apple' are the same word. Use text.lower().",
    when=lambda got, want: any(w != w.lower() for w in got[0]),
)
PUNCTUATION = Hint(
    "some_punctuation",
    "문장부호가 남아 있습니다: string.punctuation 의 32개 문자를 모두 지우세요 "
    "(예: text.translate(str.maketrans('', '', string.punctuation))).",
    "Punctuation remains: delete all 32 characters of string.punctuation "
    "(e.g. text.translate(str.maketrans('', '', string.punctuation))).",
    when=lambda got, want: any(c in string.punctuation for w in got[0] for c in w),
)
PUNCTUATION_TO_SPACE = Hint(
    "punctuation_to_space",
    "단어 하나가 둘로 쪼개졌습니다 (world's → world, s): 문장부호를 공백으로 바꾸지 말고 지우세요.",
    "One word became two (world's → world, s): delete the punctuation, do not replace it with a space.",
    when=lambda got, want: _split_word(set(got[0]), set(want[0])),
)
EMPTY_WORDS = Hint(
    "split_on_space",
    "빈 문자열 ''이 단어로 들어갔거나 줄바꿈이 단어 안에 남았습니다: split(' ') 대신 인자 없는 split()을 쓰세요.",
    "An empty string '' became a word or a newline stayed inside a word: use split() with no argument, "
    "not split(' ').",
    when=lambda got, want: any(w == "" or any(c.isspace() for c in w) for w in got[0]),
)
COUNTS_BY_WORD = Hint(
    "counts_by_word",
    "id_frequency의 키는 단어가 아니라 번호입니다: {0: 1, 1: 3, ...}.",
    "id_frequency is keyed by id, not by word: {0: 1, 1: 3, ...}.",
    when=lambda got, want: any(isinstance(k, str) for k in got[1]),
)
WORD_HINTS = [ORDER, CASE, PUNCTUATION, PUNCTUATION_TO_SPACE, EMPTY_WORDS, COUNTS_BY_WORD]
CHECK_WORDS = word_index_check(reveal=True)


@suite.case(
    "0.1",
    expect=["Darius", "Dr. Mundo", "Viktor"],
    hints=SPECIAL_HINTS,
    about=Msg("숙제의 예: 80점 이상", "the homework's example: 80 or more"),
    rules=["special_at_least_80", "special_names"],
)
def special_lecture(m, ctx):
    return m.get_special_students(dict(LECTURE_SCORES))


@suite.case(
    "0.1",
    expect=["Zoe", "Ahri", "Nami"],
    hints=SPECIAL_HINTS,
    about=Msg("딕셔너리에 들어 있는 순서대로", "in the dictionary's order"),
    rules=["special_dict_order"],
)
def special_dictionary_order(m, ctx):
    return m.get_special_students(dict(UNSORTED_SCORES))


@suite.case(
    "0.1",
    expect=["Darius", "Dr. Mundo", "Viktor"],
    hints=SPECIAL_HINTS,
    about=Msg("입력 딕셔너리를 바꾸지 않음", "the input dictionary left unchanged"),
    rules=["special_keeps_input"],
)
def special_keeps_input(m, ctx):
    return ctx.call(m.get_special_students, dict(LECTURE_SCORES))


@suite.case(
    "0.1",
    expect=[],
    about=Msg("빈 딕셔너리", "an empty dictionary"),
    requires=["special_dictionary_order"],  # an empty list alone is what doing nothing returns
    rules=["special_may_be_empty"],
)
def special_empty_class(m, ctx):
    return m.get_special_students({})


@suite.case(
    "0.2",
    expect=(
        {"apple": 0, "is": 1, "fruit": 2, "orange": 3, "also": 4, "tomato": 5},
        {0: 1, 1: 3, 2: 3, 3: 1, 4: 1, 5: 1},
    ),
    check=CHECK_WORDS,
    hints=WORD_HINTS,
    about=Msg("숙제의 예", "the homework's example"),
    rules=["words_lowercase", "words_first_appearance", "words_keyed_by_id", "words_pair"],
)
def words_lecture(m, ctx):
    return word_index(m, LECTURE_TEXT)


@suite.case(
    "0.2",
    expect=(
        {"hello": 0, "world": 1, "again": 2, "the": 3, "worlds": 4, "end": 5},
        {0: 2, 1: 1, 2: 1, 3: 1, 4: 1, 5: 2},
    ),
    check=CHECK_WORDS,
    hints=WORD_HINTS,
    about=Msg(
        "여러 칸의 공백, 줄바꿈, 탭, 여러 문장부호", "repeated spaces, a newline, a tab, more punctuation"
    ),
    rules=["words_delete_punctuation", "words_split"],
)
def words_spacing_and_punctuation(m, ctx):
    return word_index(m, "Hello,  world!\nHello (again) -- the world's END...\tend")


@suite.case(
    "0.2",
    expect=({"딥러닝": 0, "기초": 1, "2024년": 2, "심화": 3}, {0: 2, 1: 1, 2: 1, 3: 1}),
    check=CHECK_WORDS,
    hints=WORD_HINTS,
    about=Msg("한글과 숫자는 남김", "Korean letters and digits stay"),
    rules=["words_other_characters_stay"],
)
def words_korean_and_digits(m, ctx):
    return word_index(m, "딥러닝 기초, 2024년 딥러닝 심화!")


@suite.case(
    "0.2",
    expect=({}, {}),
    check=CHECK_WORDS,
    hints=WORD_HINTS,
    about=Msg("빈 문자열", "the empty string"),
    requires=["words_korean_and_digits"],  # two empty dictionaries alone are what doing nothing returns
    rules=["words_may_be_empty"],
)
def words_empty_text(m, ctx):
    return word_index(m, "")
# === hidden: autograder/suites/dict_homework/hidden_tests.py (judged in the parent; @hidden cases follow)
"""Hidden tests, exercise 0 (dictionaries): what is judged, compared with the reference's outputs.

Score dictionaries that are empty, all below 80, all above, with exactly 80, float scores,
Korean names, and a long random class; texts in English and Korean, with repeated spaces,
tabs and newlines, every ASCII punctuation mark, digits, only punctuation, and the empty string.
What is run is in scenarios.py; the hints are the public suite's, named by id.
"""

from dict_homework_staff import word_index_check

from autograder.runtime.spec import Msg, Suite, load_beside

suite = Suite("dict_homework", hidden=True)
scenarios = load_beside(__file__, "scenarios")

SPECIAL_HINTS = ["greater_than_80", "returns_scores", "sorted_names", "special_returns_dict"]
WORD_HINTS = [
    "ids_from_set",
    "case_not_folded",
    "some_punctuation",
    "punctuation_to_space",
    "split_on_space",
    "counts_by_word",
]
CHECK_WORDS = word_index_check(reveal=False)
# An empty answer is right for these inputs, so code that does nothing would pass them: each
# earns its point only beside a plain case of the same task (no 80, no capitals, no marks), so
# that a student who is wrong only about that edge keeps it.
EMPTY_SCORES = {"empty", "all_below"}
EMPTY_TEXTS = {"empty", "only_punctuation"}

# ---- 0.1 get_special_students --------------------------------------------------------------

for name in scenarios.SCORES:
    suite.case(
        "0.1",
        params={name: (name,)},
        hints=SPECIAL_HINTS,
        requires=["special_students[not_sorted]"] if name in EMPTY_SCORES else [],
        run=scenarios.special_students,
    )

suite.case(
    "0.1",
    hints=SPECIAL_HINTS,
    about=Msg("무작위 60명", "60 random students"),
    run=scenarios.special_random_class,
)

suite.case(
    "0.1",
    hints=SPECIAL_HINTS,
    about=Msg("입력 딕셔너리를 바꾸지 않음", "the input dictionary left unchanged"),
    run=scenarios.special_leaves_input,
)

# ---- 0.2 word_index_count ------------------------------------------------------------------

for name in scenarios.TEXTS:
    suite.case(
        "0.2",
        params={name: (name,)},
        check=CHECK_WORDS,
        hints=WORD_HINTS,
        requires=["words[repeated_spaces]"] if name in EMPTY_TEXTS else [],
        run=scenarios.words,
    )
# === scenarios: autograder/suites/dict_homework/scenarios.py (what a worker runs; @hidden declares a case)
"""What is run for the hidden cases of exercise 0: scenarios and the inputs they use.

Each function drives the student's module ``m``; a worker receives one of them at a time
(with the helpers it uses), never the expected values, checks or hints of hidden_tests.py.
"""

import string

from dict_homework_staff import word_index

# ---- 0.1 get_special_students --------------------------------------------------------------

SCORES = {
    "lecture": {"Darius": 100, "Dr. Mundo": 80, "Morgana": 60, "Sivir": 75, "Yummi": 20, "Viktor": 97},
    "empty": {},
    "all_below": {"Ahri": 79, "Jinx": 0, "Lux": 79.99},
    "all_above": {"Zed": 80, "Annie": 99, "Braum": 100},
    "exactly_80": {"Teemo": 80},
    "floats": {"Ezreal": 80.0, "Garen": 79.5, "Irelia": 80.5, "Karma": 65.25},
    "korean_names": {"김민준": 92, "이서연": 80, "박지호": 59, "최유나": 81, "정하은": 77},
    "not_sorted": {"Yasuo": 85, "Ashe": 90, "Malphite": 10, "Blitzcrank": 88},
}


def special_students(m, ctx, name):
    return m.get_special_students(dict(SCORES[name]))


def special_random_class(m, ctx):
    scores = {f"student{i:02d}": int(s) for i, s in enumerate(ctx.rng.integers(40, 101, size=60))}
    return m.get_special_students(scores)


def special_leaves_input(m, ctx):
    return ctx.call(m.get_special_students, dict(SCORES["korean_names"]))


# ---- 0.2 word_index_count ------------------------------------------------------------------

TEXTS = {
    "lecture": "Apple is fruit. Orange is also fruit. Tomato is fruit?",
    "empty": "",
    "only_punctuation": " ?!... ,;  -- ",
    "all_punctuation": "a" + string.punctuation + "b " + string.punctuation + " c",
    "repeated_spaces": "  the   cat sat  on the    mat  ",
    "newlines_tabs": "The cat\nsat on\n\nthe mat.\tThe END\n",
    "one_word": "Go! go? GO.",
    "apostrophes_hyphens": "Don't stop: it's a well-known, well-loved (and well-worn) song; don't!",
    "digits": "3 apples, 3 pears & 10 plums: 13 fruits in 2024.",
    "korean": "나는 사과를 좋아한다. 너는 사과를 좋아하니? 나는 정말 좋아한다!",
    "korean_mixed": "AI 스쿨 최고! ai 스쿨, 최고~ 파이썬(Python)도 최고!!",
    "korean_spaces": "  딥러닝\t\t기초\n\n딥러닝   심화  ",
}


def words(m, ctx, name):
    return word_index(m, TEXTS[name])


@hidden(
    "0.2",
    check=CHECK_WORDS,
    hints=WORD_HINTS,
    about=Msg("무작위 긴 글", "a long random text"),
)
def words_random_text(m, ctx):
    vocabulary = ["Data", "model", "LOSS", "gradient", "학습", "신경망", "epoch", "batch", "x", "Y"]
    marks = ["", "", "", ",", ".", "!", "?", ";", ":", "'s", '"', ")"]
    spaces = [" ", " ", " ", "  ", "\n", "\t"]
    parts = []
    for _ in range(300):
        parts.append(vocabulary[ctx.rng.integers(len(vocabulary))] + marks[ctx.rng.integers(len(marks))])
        parts.append(spaces[ctx.rng.integers(len(spaces))])
    return word_index(m, "".join(parts))


# === staff: assignments/dict_homework/dict_homework_staff.py (helpers public and hidden scenarios share: driving code only, no answer)
"""Staff helpers for exercise 0, shared by the public and the hidden cases.

Driving code only: it calls the student's function and hands back what it returned, and the
judge's check of that return value. Nothing here computes an answer the student must write.
"""

from __future__ import annotations

from typing import Any


def as_dict(d: Any) -> Any:
    """A dict subclass (defaultdict, Counter) as a plain dict; anything else as it is."""
    return dict(d) if isinstance(d, dict) else d


def word_index(m: Any, text: str) -> Any:
    """What the student's ``word_index_count(text)`` returned, with dict subclasses made plain.

    Never unpacked here: a return value that is not a pair goes back as it is, and
    :func:`word_index_check` says in the judge what was expected of it.
    """
    out = m.word_index_count(text)
    if type(out) in (tuple, list):
        return tuple(as_dict(v) for v in out)
    return out


def word_index_check(reveal: bool) -> Any:
    """The judge's check of ``word_index_count``: a pair (word_id, id_frequency), each compared
    key by key under its own name. ``reveal``: whether messages may show expected values."""

    def check(actual: Any, expected: Any) -> Any:
        # imported here, in the parent: the worker runs word_index and never needs the judge
        from autograder.engine.compare import compare, describe
        from autograder.runtime.spec import Msg

        if type(actual) is not tuple or len(actual) != 2:
            ko = en = describe(actual)
            if type(actual) is tuple:
                ko, en = f"값 {len(actual)}개의 tuple", f"a tuple of {len(actual)} values"
            return Msg(
                f"word_index_count는 (word_id, id_frequency) 두 딕셔너리를 돌려줘야 하는데 돌려준 값은 {ko}입니다.",
                f"word_index_count must return (word_id, id_frequency), two dictionaries; it returned {en}.",
            )
        for name, a, e in zip(("word_id", "id_frequency"), actual, expected):
            problem = compare(a, e, 0.0, 0.0, where=name, reveal=reveal)
            if problem:
                return problem
        return None

    return check


# === demo: assignments/dict_homework/demo.py (the notebook's Try-it cells; # %% starts a cell)
"""실행해 보기 · Try it: the notebook's demo cell; ``python demo.py`` runs it on your dict_homework.py."""

from dict_homework import get_special_students, word_index_count

print(
    get_special_students(
        {"Darius": 100, "Dr. Mundo": 80, "Morgana": 60, "Sivir": 75, "Yummi": 20, "Viktor": 97}
    )
)
print(word_index_count("Apple is fruit. Orange is also fruit. Tomato is fruit?"))


# === reproduce: autograder/suites/dict_homework/reproduce.py (the lecture's runs for `reproduce`)
"""The homework's own examples for exercise 0 (AI School Python homework, dictionaries)."""

from autograder.authoring.reproduce import Run

SCORES = {"Darius": 100, "Dr. Mundo": 80, "Morgana": 60, "Sivir": 75, "Yummi": 20, "Viktor": 97}
TEXT = "Apple is fruit. Orange is also fruit. Tomato is fruit?"
SPECIAL = ["Darius", "Dr. Mundo", "Viktor"]
WORD_ID = {"apple": 0, "is": 1, "fruit": 2, "orange": 3, "also": 4, "tomato": 5}
ID_FREQUENCY = {0: 1, 1: 3, 2: 3, 3: 1, 4: 1, 5: 1}


def same(value, lecture):
    return value, value == lecture and list(value) == list(lecture)


RUNS = [
    Run(
        "get_special_students",
        str(SPECIAL),
        lambda r: same(r.get_special_students(dict(SCORES)), SPECIAL),
        "exact",
    ),
    Run(
        "word_index_count: word_id",
        str(WORD_ID),
        lambda r: same(r.word_index_count(TEXT)[0], WORD_ID),
        "exact",
    ),
    Run(
        "word_index_count: id_frequency",
        str(ID_FREQUENCY),
        lambda r: same(r.word_index_count(TEXT)[1], ID_FREQUENCY),
        "exact",
    ),
]
