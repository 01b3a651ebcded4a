"""Punctuation replaced by spaces with a regular expression; \\w keeps the underscore."""

import re

EXPECTED_HINTS = ["punctuation_to_space", "some_punctuation"]


def get_special_students(student2score):
    return [name for name, score in student2score.items() if score >= 80]


def word_index_count(text):
    words = re.sub(r"[^\w\s]", " ", text).lower().split()
    word_id, id_frequency = {}, {}
    for word in words:
        if word not in word_id:
            word_id[word] = len(word_id)
        i = word_id[word]
        id_frequency[i] = id_frequency.get(i, 0) + 1
    return word_id, id_frequency
