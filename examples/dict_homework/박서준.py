# 박서준: plain loops, punctuation removed one mark at a time. Correct.
import string


def get_special_students(student2score):
    special = []
    for name in student2score:
        if student2score[name] >= 80:
            special.append(name)
    return special


def word_index_count(text):
    for p in string.punctuation:
        text = text.replace(p, "")
    words = text.lower().split()
    word_id = {}
    for w in words:
        if w not in word_id:
            word_id[w] = len(word_id)
    id_frequency = {}
    for w in words:
        i = word_id[w]
        if i in id_frequency:
            id_frequency[i] += 1
        else:
            id_frequency[i] = 1
    return word_id, id_frequency


print(get_special_students({"Darius": 100, "Dr. Mundo": 80, "Viktor": 97}))
