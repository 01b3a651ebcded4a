"""(name, score) pairs instead of names; word_index_count returns only word_id. No hint applies."""

import string

EXPECTED_HINTS = []


def get_special_students(student2score):
    return [(name, score) for name, score in student2score.items() if score >= 80]


def word_index_count(text):
    word_id = {}
    for w in text.translate(str.maketrans("", "", string.punctuation)).lower().split():
        word_id.setdefault(w, len(word_id))
    return word_id
