"""Sorts the names: right for the homework's example, whose names happen to be alphabetical."""

MISTAKE = {
    "hint": "sorted_names",
    "ko": "이름은 맞는데 순서가 다릅니다: 정렬하지 말고 딕셔너리에 들어 있는 순서대로 돌려주세요.",
    "en": "The names are right but not their order: do not sort them, keep the dictionary's order.",
    "fails": [
        "special_dictionary_order",
        "special_empty_class",
        "special_students[all_above]",
        "special_students[all_below]",
        "special_students[empty]",
        "special_students[not_sorted]",
    ],
}


def get_special_students(student2score):
    return sorted(name for name, score in student2score.items() if score >= 80)
