# Yoon: removes only . , ? ! and splits on single spaces; the score filter is right.
def get_special_students(student2score):
    names = []
    for name, score in student2score.items():
        if score >= 80:
            names.append(name)
    return names


def word_index_count(text):
    text = text.replace(".", "").replace(",", "").replace("?", "").replace("!", "").lower()
    word_id, id_frequency = {}, {}
    for word in text.split(" "):
        if word not in word_id:
            word_id[word] = len(word_id)
        id_frequency[word_id[word]] = id_frequency.get(word_id[word], 0) + 1
    return word_id, id_frequency
