"""score > 80 instead of score >= 80: a student with exactly 80 is left out."""

MISTAKE = {
    "hint": "greater_than_80",
    "ko": "80점인 학생이 빠졌습니다: '80점 이상'은 score >= 80 입니다 (> 80 이 아님).",
    "en": "A student with exactly 80 is missing: '80 or more' is score >= 80, not > 80.",
    "fails": [
        "special_keeps_input",
        "special_leaves_input",
        "special_lecture",
        "special_students[all_above]",
        "special_students[exactly_80]",
        "special_students[floats]",
        "special_students[korean_names]",
        "special_students[lecture]",
    ],
}


def get_special_students(student2score):
    return [name for name, score in student2score.items() if score > 80]
