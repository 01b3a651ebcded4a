"""No lower-casing: 'Apple' and 'apple' become two words."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "hint": "case_not_folded",
    "ko": "대문자가 남아 있습니다: 'Apple'과 'apple'은 같은 단어입니다. text.lower()를 쓰세요.",
    "en": "Upper-case letters remain: 'Apple' and 'apple' are the same word. Use text.lower().",
    "fails": [
        "words[apostrophes_hyphens]",
        "words[korean_mixed]",
        "words[lecture]",
        "words[newlines_tabs]",
        "words[one_word]",
        "words_lecture",
        "words_random_text",
        "words_spacing_and_punctuation",
    ],
}


def word_index_count(text):
    word_id, id_frequency = {}, {}
    for word in text.translate(NO_PUNCTUATION).split():
        i = word_id.setdefault(word, len(word_id))
        id_frequency[i] = id_frequency.get(i, 0) + 1
    return word_id, id_frequency
