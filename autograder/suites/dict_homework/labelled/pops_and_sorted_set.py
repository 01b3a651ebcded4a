"""Pops the low scorers from the caller's dictionary; numbers the words from sorted(set(words))."""

import string

EXPECTED_HINTS = ["deletes_low_scores", "ids_from_set"]


def get_special_students(student2score):
    for name in list(student2score.keys()):
        if student2score[name] < 80:
            student2score.pop(name)
    return list(student2score.keys())


def word_index_count(text):
    text = text.translate(str.maketrans("", "", string.punctuation)).lower()
    words = text.split()
    word_id = {w: i for i, w in enumerate(sorted(set(words)))}
    id_frequency = {}
    for w in words:
        id_frequency[word_id[w]] = id_frequency.get(word_id[w], 0) + 1
    return word_id, id_frequency
