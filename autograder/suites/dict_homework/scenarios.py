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


def words_random_text(m, ctx):
    vocabulary = ["Data", "model", "LOSS", "gradient", "학습", "신경망", "epoch", "batch", "x", "Y"]
    marks = ["", "", "", ",", ".", "!", "?", ";", ":", "'s", '"', ")"]
    spaces = [" ", " ", " ", "  ", "\n", "\t"]
    parts = []
    for _ in range(300):
        parts.append(vocabulary[ctx.rng.integers(len(vocabulary))] + marks[ctx.rng.integers(len(marks))])
        parts.append(spaces[ctx.rng.integers(len(spaces))])
    return word_index(m, "".join(parts))
