"""score > 80, and no lower-casing."""

import string

EXPECTED_HINTS = ["greater_than_80", "case_not_folded"]


def get_special_students(student2score):
    return [name for name in student2score if student2score[name] > 80]


def word_index_count(text):
    for p in string.punctuation:
        text = text.replace(p, "")
    word_id, id_frequency = {}, {}
    for word in text.split():
        word_id.setdefault(word, len(word_id))
        id_frequency[word_id[word]] = id_frequency.get(word_id[word], 0) + 1
    return word_id, id_frequency
