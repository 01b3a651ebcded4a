"""Replaces each punctuation mark with a space: "world's" becomes the two words "world" and "s"."""

import string

MISTAKE = {
    "hint": "punctuation_to_space",
    "ko": "단어 하나가 둘로 쪼개졌습니다 (world's → world, s): 문장부호를 공백으로 바꾸지 말고 지우세요.",
    "en": "One word became two (world's → world, s): delete the punctuation, do not replace it with a space.",
    "fails": [
        "words[all_punctuation]",
        "words[apostrophes_hyphens]",
        "words[korean_mixed]",
        "words_random_text",
        "words_spacing_and_punctuation",
    ],
}


def word_index_count(text):
    for mark in string.punctuation:
        text = text.replace(mark, " ")
    word_id, id_frequency = {}, {}
    for word in text.lower().split():
        i = word_id.setdefault(word, len(word_id))
        id_frequency[i] = id_frequency.get(i, 0) + 1
    return word_id, id_frequency
