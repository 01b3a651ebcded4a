"""Hidden tests, exercise 0 (dictionaries): compared with the reference's outputs.

Score dictionaries that are empty, all below 80, all above, with exactly 80, float scores,
Korean names, and a long random class; texts in English and Korean, with repeated spaces,
tabs and newlines, every ASCII punctuation mark, digits, only punctuation, and the empty string.
"""

import string

from autograder.spec import Msg, Suite

suite = Suite("dict_homework", hidden=True)

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


@suite.case("0.1", params={k: (k,) for k in SCORES})
def special_students(m, ctx, name):
    return m.get_special_students(dict(SCORES[name]))


@suite.case("0.1", about=Msg("무작위 60명", "60 random students"))
def special_random_class(m, ctx):
    scores = {f"student{i:02d}": int(s) for i, s in enumerate(ctx.rng.integers(40, 101, size=60))}
    return m.get_special_students(scores)


@suite.case("0.1", about=Msg("입력 딕셔너리를 바꾸지 않음", "the input dictionary left unchanged"))
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


def as_dict(d):
    """A dict subclass (defaultdict, Counter) as a plain dict; anything else as it is."""
    return dict(d) if isinstance(d, dict) else d


def word_index(m, text):
    word_id, id_frequency = m.word_index_count(text)
    return {"word_id": as_dict(word_id), "id_frequency": as_dict(id_frequency)}


@suite.case("0.2", params={k: (k,) for k in TEXTS})
def words(m, ctx, name):
    return word_index(m, TEXTS[name])


@suite.case("0.2", about=Msg("무작위 긴 글", "a long random text"))
def words_random_text(m, ctx):
    vocabulary = ["Data", "model", "LOSS", "gradient", "학습", "신경망", "epoch", "batch", "x", "Y"]
    marks = ["", "", "", ",", ".", "!", "?", ";", ":", "'s", '"', ")"]
    spaces = [" ", " ", " ", "  ", "\n", "\t"]
    parts = []
    for _ in range(300):
        parts.append(vocabulary[ctx.rng.integers(len(vocabulary))] + marks[ctx.rng.integers(len(marks))])
        parts.append(spaces[ctx.rng.integers(len(spaces))])
    return word_index(m, "".join(parts))
