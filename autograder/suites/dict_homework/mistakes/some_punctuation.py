"""Removes only the marks of the homework's example sentence (. , ? !), not all of string.punctuation."""

MISTAKE = {
    "hint": "some_punctuation",
    "ko": "문장부호가 남아 있습니다: string.punctuation 의 32개 문자를 모두 지우세요 "
    "(예: text.translate(str.maketrans('', '', string.punctuation))).",
    "en": "Punctuation remains: delete all 32 characters of string.punctuation "
    "(e.g. text.translate(str.maketrans('', '', string.punctuation))).",
    "fails": [
        "words[all_punctuation]",
        "words[apostrophes_hyphens]",
        "words[digits]",
        "words[korean_mixed]",
        "words[only_punctuation]",
        "words_random_text",
        "words_spacing_and_punctuation",
    ],
}


def word_index_count(text):
    for mark in ".,?!":
        text = text.replace(mark, "")
    word_id, id_frequency = {}, {}
    for word in text.lower().split():
        i = word_id.setdefault(word, len(word_id))
        id_frequency[i] = id_frequency.get(i, 0) + 1
    return word_id, id_frequency
