"""Reference solution, exercise 0: the AI School Python homework on dictionaries."""

import string

NO_PUNCTUATION = str.maketrans("", "", string.punctuation)


def get_special_students(student2score):
    return [name for name, score in student2score.items() if score >= 80]


def word_index_count(text):
    word_id, id_frequency = {}, {}
    for word in text.translate(NO_PUNCTUATION).lower().split():
        i = word_id.setdefault(word, len(word_id))  # a new word gets the next id
        id_frequency[i] = id_frequency.get(i, 0) + 1
    return word_id, id_frequency
