"""id_frequency keyed by the word instead of its id."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "hint": "counts_by_word",
    "ko": "id_frequency의 키는 단어가 아니라 번호입니다: {0: 1, 1: 3, ...}.",
    "en": "id_frequency is keyed by id, not by word: {0: 1, 1: 3, ...}.",
    "fails": [
        "words[all_punctuation]",
        "words[apostrophes_hyphens]",
        "words[digits]",
        "words[empty]",
        "words[korean]",
        "words[korean_mixed]",
        "words[korean_spaces]",
        "words[lecture]",
        "words[newlines_tabs]",
        "words[one_word]",
        "words[only_punctuation]",
        "words[repeated_spaces]",
        "words_empty_text",
        "words_korean_and_digits",
        "words_lecture",
        "words_random_text",
        "words_spacing_and_punctuation",
    ],
}


def word_index_count(text):
    word_id, id_frequency = {}, {}
    for word in text.translate(NO_PUNCTUATION).lower().split():
        word_id.setdefault(word, len(word_id))
        id_frequency[word] = id_frequency.get(word, 0) + 1
    return word_id, id_frequency
