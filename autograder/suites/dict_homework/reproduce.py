"""The homework's own examples for exercise 0 (AI School Python homework, dictionaries)."""

from autograder.authoring.reproduce import Run

SCORES = {"Darius": 100, "Dr. Mundo": 80, "Morgana": 60, "Sivir": 75, "Yummi": 20, "Viktor": 97}
TEXT = "Apple is fruit. Orange is also fruit. Tomato is fruit?"
SPECIAL = ["Darius", "Dr. Mundo", "Viktor"]
WORD_ID = {"apple": 0, "is": 1, "fruit": 2, "orange": 3, "also": 4, "tomato": 5}
ID_FREQUENCY = {0: 1, 1: 3, 2: 3, 3: 1, 4: 1, 5: 1}


def same(value, lecture):
    return value, value == lecture and list(value) == list(lecture)


RUNS = [
    Run(
        "get_special_students",
        str(SPECIAL),
        lambda r: same(r.get_special_students(dict(SCORES)), SPECIAL),
        "exact",
    ),
    Run(
        "word_index_count: word_id",
        str(WORD_ID),
        lambda r: same(r.word_index_count(TEXT)[0], WORD_ID),
        "exact",
    ),
    Run(
        "word_index_count: id_frequency",
        str(ID_FREQUENCY),
        lambda r: same(r.word_index_count(TEXT)[1], ID_FREQUENCY),
        "exact",
    ),
]
