"""text.split(' '): repeated spaces give empty words and newlines stay inside words."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "hint": "split_on_space",
    "ko": "빈 문자열 ''이 단어로 들어갔거나 줄바꿈이 단어 안에 남았습니다: split(' ') 대신 인자 없는 split()을 쓰세요.",
    "en": "An empty string '' became a word or a newline stayed inside a word: use split() with no "
    "argument, not split(' ').",
    "fails": [
        "words[all_punctuation]",
        "words[digits]",
        "words[empty]",
        "words[korean_spaces]",
        "words[newlines_tabs]",
        "words[only_punctuation]",
        "words[repeated_spaces]",
        "words_empty_text",
        "words_random_text",
        "words_spacing_and_punctuation",
    ],
}


def word_index_count(text):
    word_id, id_frequency = {}, {}
    for word in text.translate(NO_PUNCTUATION).lower().split(" "):
        i = word_id.setdefault(word, len(word_id))
        id_frequency[i] = id_frequency.get(i, 0) + 1
    return word_id, id_frequency
