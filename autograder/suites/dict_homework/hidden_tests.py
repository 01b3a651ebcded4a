"""Hidden tests, exercise 0 (dictionaries): what is judged, compared with the reference's outputs.

Score dictionaries that are empty, all below 80, all above, with exactly 80, float scores,
Korean names, and a long random class; texts in English and Korean, with repeated spaces,
tabs and newlines, every ASCII punctuation mark, digits, only punctuation, and the empty string.
What is run is in scenarios.py; the hints are the public suite's, named by id.
"""

from dict_homework_staff import word_index_check

from autograder.runtime.spec import Msg, Suite, load_beside

suite = Suite("dict_homework", hidden=True)
scenarios = load_beside(__file__, "scenarios")

SPECIAL_HINTS = ["greater_than_80", "returns_scores", "sorted_names"]
WORD_HINTS = [
    "ids_from_set",
    "case_not_folded",
    "some_punctuation",
    "punctuation_to_space",
    "split_on_space",
    "counts_by_word",
]
CHECK_WORDS = word_index_check(reveal=False)
# An empty answer is right for these inputs, so code that does nothing would pass them: each
# earns its point only beside a plain case of the same task (no 80, no capitals, no marks), so
# that a student who is wrong only about that edge keeps it.
EMPTY_SCORES = {"empty", "all_below"}
EMPTY_TEXTS = {"empty", "only_punctuation"}

# ---- 0.1 get_special_students --------------------------------------------------------------

for name in scenarios.SCORES:
    suite.case(
        "0.1",
        params={name: (name,)},
        hints=SPECIAL_HINTS,
        requires=["special_students[not_sorted]"] if name in EMPTY_SCORES else [],
        run=scenarios.special_students,
    )

suite.case(
    "0.1",
    hints=SPECIAL_HINTS,
    about=Msg("무작위 60명", "60 random students"),
    run=scenarios.special_random_class,
)

suite.case(
    "0.1",
    hints=SPECIAL_HINTS,
    about=Msg("입력 딕셔너리를 바꾸지 않음", "the input dictionary left unchanged"),
    run=scenarios.special_leaves_input,
)

# ---- 0.2 word_index_count ------------------------------------------------------------------

for name in scenarios.TEXTS:
    suite.case(
        "0.2",
        params={name: (name,)},
        check=CHECK_WORDS,
        hints=WORD_HINTS,
        requires=["words[repeated_spaces]"] if name in EMPTY_TEXTS else [],
        run=scenarios.words,
    )

suite.case(
    "0.2",
    check=CHECK_WORDS,
    hints=WORD_HINTS,
    about=Msg("무작위 긴 글", "a long random text"),
    run=scenarios.words_random_text,
)
