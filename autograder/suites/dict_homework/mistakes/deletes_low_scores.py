"""Deletes the low scorers from the caller's dictionary and returns what is left."""

MISTAKE = {
    "ko": "입력 딕셔너리에서 학생을 지웠습니다 (del / pop): 호출한 쪽의 데이터가 사라집니다. "
    "새 리스트에 이름을 모으세요.",
    "en": "Students were deleted from the input dictionary (del / pop), so the caller loses data. "
    "Collect the names in a new list.",
    "fails": [
        "special_keeps_input",
        "special_leaves_input",
    ],
}


def get_special_students(student2score):
    for name in list(student2score):
        if student2score[name] < 80:
            del student2score[name]
    return list(student2score)
