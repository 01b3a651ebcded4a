# Kim Haneul: "more than 80", and ids from a set of the words.
import string


def get_special_students(student2score):
    return [name for name, score in student2score.items() if score > 80]


def word_index_count(text):
    table = str.maketrans("", "", string.punctuation)
    words = text.translate(table).lower().split()
    word_id = {}
    for i, w in enumerate(set(words)):
        word_id[w] = i
    id_frequency = {}
    for w in words:
        id_frequency[word_id[w]] = id_frequency.get(word_id[w], 0) + 1
    return word_id, id_frequency
