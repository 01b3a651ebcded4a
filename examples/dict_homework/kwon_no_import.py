# Kwon: imports a package the grader does not have; nothing in the file gets defined.
import nltk


def get_special_students(student2score):
    return [name for name, score in student2score.items() if score >= 80]


def word_index_count(text):
    words = [w.lower() for w in nltk.word_tokenize(text) if w.isalnum()]
    word_id = {w: i for i, w in enumerate(dict.fromkeys(words))}
    return word_id, {word_id[w]: words.count(w) for w in word_id}
