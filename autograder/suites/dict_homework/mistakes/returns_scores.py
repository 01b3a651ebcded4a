"""Returns the scores of the good students instead of their names."""

MISTAKE = {
    "hint": "returns_scores",
    "ko": "점수가 아니라 학생 이름을 돌려주세요: for name, score in student2score.items() ...",
    "en": "Return the students' names, not their scores: for name, score in student2score.items() ...",
    "fails": [
        "special_dictionary_order",
        "special_empty_class",
        "special_keeps_input",
        "special_leaves_input",
        "special_lecture",
        "special_random_class",
        "special_students[all_above]",
        "special_students[all_below]",
        "special_students[empty]",
        "special_students[exactly_80]",
        "special_students[floats]",
        "special_students[korean_names]",
        "special_students[lecture]",
        "special_students[not_sorted]",
    ],
}


def get_special_students(student2score):
    return [score for score in student2score.values() if score >= 80]
