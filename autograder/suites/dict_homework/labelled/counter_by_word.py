"""collections.Counter of the words as id_frequency: keyed by word, not by id."""

import string
from collections import Counter

EXPECTED_HINTS = ["counts_by_word"]


def get_special_students(student2score):
    return [name for name, score in student2score.items() if score >= 80]


def word_index_count(text):
    words = text.translate(str.maketrans("", "", string.punctuation)).lower().split()
    word_id = {}
    for w in words:
        if w not in word_id:
            word_id[w] = len(word_id)
    return word_id, Counter(words)
