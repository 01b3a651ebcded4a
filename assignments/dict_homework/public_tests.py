"""Public tests, exercise 0 (dictionaries): the homework's own examples.

Run them with ``python -m autograder check dict_homework [your_file.py]``.
"""

import string

from autograder.spec import Hint, Msg, Suite

suite = Suite("dict_homework", hidden=False)

LECTURE_SCORES = {"Darius": 100, "Dr. Mundo": 80, "Morgana": 60, "Sivir": 75, "Yummi": 20, "Viktor": 97}
LECTURE_TEXT = "Apple is fruit. Orange is also fruit. Tomato is fruit?"

GREATER_THAN = Hint(
    "greater_than_80",
    "80점인 학생이 빠졌습니다: '80점 이상'은 score >= 80 입니다 (> 80 이 아님).",
    "A student with exactly 80 is missing: '80 or more' is score >= 80, not > 80.",
    when=lambda got, want: len(got) < len(want) and set(got) <= set(want),
)
SCORES = Hint(
    "returns_scores",
    "점수가 아니라 학생 이름을 돌려주세요: for name, score in student2score.items() ...",
    "Return the students' names, not their scores: for name, score in student2score.items() ...",
    when=lambda got, want: any(not isinstance(v, str) for v in got),
)
ORDER = Hint(
    "ids_from_set",
    "단어는 맞는데 번호가 다릅니다: 처음 나온 순서대로 0, 1, 2, ... 를 붙이세요. "
    "set()이나 sorted()로 중복을 없애면 순서가 바뀝니다.",
    "The words are right but their ids are not: number them 0, 1, 2, ... in order of first "
    "appearance. Removing duplicates with set() or sorted() changes the order.",
    when=lambda got, want: set(got["word_id"]) == set(want["word_id"]) and got["word_id"] != want["word_id"],
)
CASE = Hint(
    "case_not_folded",
    "대문자가 남아 있습니다: 'Apple'과 'apple'은 같은 단어입니다. text.lower()를 쓰세요.",
    "Upper-case letters remain: 'Apple' and 'apple' are the same word. Use text.lower().",
    when=lambda got, want: any(w != w.lower() for w in got["word_id"]),
)
PUNCTUATION = Hint(
    "some_punctuation",
    "문장부호가 남아 있습니다: string.punctuation 의 32개 문자를 모두 지우세요 "
    "(예: text.translate(str.maketrans('', '', string.punctuation))).",
    "Punctuation remains: delete all 32 characters of string.punctuation "
    "(e.g. text.translate(str.maketrans('', '', string.punctuation))).",
    when=lambda got, want: any(c in string.punctuation for w in got["word_id"] for c in w),
)
EMPTY_WORDS = Hint(
    "split_on_space",
    "빈 문자열 ''이 단어로 들어갔거나 줄바꿈이 단어 안에 남았습니다: split(' ') 대신 인자 없는 split()을 쓰세요.",
    "An empty string '' became a word or a newline stayed inside a word: use split() with no argument, "
    "not split(' ').",
    when=lambda got, want: any(w == "" or any(c.isspace() for c in w) for w in got["word_id"]),
)
COUNTS_BY_WORD = Hint(
    "counts_by_word",
    "id_frequency의 키는 단어가 아니라 번호입니다: {0: 1, 1: 3, ...}.",
    "id_frequency is keyed by id, not by word: {0: 1, 1: 3, ...}.",
    when=lambda got, want: any(isinstance(k, str) for k in got["id_frequency"]),
)
WORD_HINTS = [ORDER, CASE, PUNCTUATION, EMPTY_WORDS, COUNTS_BY_WORD]


def as_dict(d):
    """A dict subclass (defaultdict, Counter) as a plain dict; anything else as it is."""
    return dict(d) if isinstance(d, dict) else d


def word_index(m, text):
    word_id, id_frequency = m.word_index_count(text)
    return {"word_id": as_dict(word_id), "id_frequency": as_dict(id_frequency)}


@suite.case(
    "0.1",
    expect=["Darius", "Dr. Mundo", "Viktor"],
    hints=[GREATER_THAN, SCORES],
    about=Msg("숙제의 예: 80점 이상", "the homework's example: 80 or more"),
)
def special_lecture(m, ctx):
    return m.get_special_students(dict(LECTURE_SCORES))


@suite.case(
    "0.1",
    expect=["Darius", "Dr. Mundo", "Viktor"],
    hints=[GREATER_THAN, SCORES],
    about=Msg("입력 딕셔너리를 바꾸지 않음", "the input dictionary left unchanged"),
)
def special_keeps_input(m, ctx):
    return ctx.call(m.get_special_students, dict(LECTURE_SCORES))


@suite.case(
    "0.2",
    expect={
        "word_id": {"apple": 0, "is": 1, "fruit": 2, "orange": 3, "also": 4, "tomato": 5},
        "id_frequency": {0: 1, 1: 3, 2: 3, 3: 1, 4: 1, 5: 1},
    },
    hints=WORD_HINTS,
    about=Msg("숙제의 예", "the homework's example"),
)
def words_lecture(m, ctx):
    return word_index(m, LECTURE_TEXT)


@suite.case(
    "0.2",
    expect={
        "word_id": {"hello": 0, "world": 1, "again": 2, "the": 3, "worlds": 4, "end": 5},
        "id_frequency": {0: 2, 1: 1, 2: 1, 3: 1, 4: 1, 5: 2},
    },
    hints=WORD_HINTS,
    about=Msg(
        "여러 칸의 공백, 줄바꿈, 탭, 여러 문장부호", "repeated spaces, a newline, a tab, more punctuation"
    ),
)
def words_spacing_and_punctuation(m, ctx):
    return word_index(m, "Hello,  world!\nHello (again) -- the world's END...\tend")


@suite.case(
    "0.2",
    expect={"word_id": {}, "id_frequency": {}},
    hints=WORD_HINTS,
    about=Msg("빈 문자열", "the empty string"),
)
def words_empty_text(m, ctx):
    return word_index(m, "")
