"""Sorted names (the homework's example is alphabetical anyway) and text.split(' ')."""

import string

EXPECTED_HINTS = ["sorted_names", "split_on_space"]


def get_special_students(student2score):
    names = []
    for name in student2score:
        if student2score[name] >= 80:
            names.append(name)
    names.sort()
    return names


def word_index_count(text):
    text = text.translate(str.maketrans("", "", string.punctuation)).lower()
    word_id = {}
    id_frequency = {}
    for word in text.split(" "):
        if word not in word_id:
            word_id[word] = len(word_id)
        id_frequency[word_id[word]] = id_frequency.get(word_id[word], 0) + 1
    return word_id, id_frequency
