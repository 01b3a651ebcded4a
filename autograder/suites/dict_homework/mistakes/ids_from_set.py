"""Word ids from a set of the words: the ids follow the set's order, not first appearance."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "hint": "ids_from_set",
    "ko": "단어는 맞는데 번호가 다릅니다: 처음 나온 순서대로 0, 1, 2, ... 를 붙이세요. "
    "set()이나 sorted()로 중복을 없애면 순서가 바뀝니다 (set은 실행할 때마다 달라질 수도 있습니다).",
    "en": "The words are right but their ids are not: number them 0, 1, 2, ... in order of first "
    "appearance. Removing duplicates with set() or sorted() changes the order (a set's may even "
    "change from run to run).",
    "fails": [
        "words[apostrophes_hyphens]",
        "words[digits]",
        "words[empty]",
        "words[korean]",
        "words[korean_mixed]",
        "words[korean_spaces]",
        "words[lecture]",
        "words[newlines_tabs]",
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
    words = text.translate(NO_PUNCTUATION).lower().split()
    word_id = {word: i for i, word in enumerate(set(words))}
    id_frequency = {}
    for word in words:
        id_frequency[word_id[word]] = id_frequency.get(word_id[word], 0) + 1
    return word_id, id_frequency
