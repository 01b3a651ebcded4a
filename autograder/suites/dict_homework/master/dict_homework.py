# BEGIN STUB
"""과제 0: 파이썬 숙제 — 딕셔너리 · Exercise 0: Python homework — dictionaries.
# END STUB
# BEGIN REFERENCE
"""Reference solution, exercise 0: the AI School Python homework on dictionaries."""
# END REFERENCE

# BEGIN STUB
AI 스쿨 파이썬 숙제입니다. 두 함수를 완성하세요.
The AI School Python homework. Complete the two functions below.
# END STUB
# BEGIN REFERENCE
import string
# END REFERENCE

# BEGIN STUB
자가 점검 · Self-check (이 폴더에서 · from this folder):  python check.py

규칙 · Rules (the grader checks these):
- 표준 라이브러리만 사용하세요. 입력 딕셔너리를 바꾸지 마세요.
  Use the standard library only. Never modify the input dictionary.
"""

import string  # noqa: F401  (string.punctuation: the punctuation to remove in Task 0.2)
# END STUB
# BEGIN REFERENCE
NO_PUNCTUATION = str.maketrans("", "", string.punctuation)
# END REFERENCE


def get_special_students(student2score):
    # BEGIN STUB
    """Task 0.1 — 점수가 **80점 이상** (>= 80)인 학생의 이름 · [[special_at_least_80: names with a score of **80 or more**]].

    - 이름을 리스트로, **딕셔너리에 들어 있는 순서대로** 돌려줍니다 (정렬하지 않음).
      Return the names as a list, [[special_dict_order: **in the dictionary's order** (not sorted)]].
    - 점수가 아니라 이름을 돌려줍니다. 80점은 포함합니다. [[special_names: Names, not scores]]; exactly 80 is included.
    - 입력 딕셔너리를 바꾸지 마세요 (del, pop 금지). [[special_keeps_input: Never modify the input (no del, no pop)]].

    Args:
        student2score: dict {이름 · name (str): 점수 · [[special_may_be_empty: score (int or float)}. 비어 있을 수 있음 · may be empty]].
    Returns:
        list of str. 예 · e.g. {"Darius": 100, "Dr. Mundo": 80, "Morgana": 60, "Sivir": 75,
        "Yummi": 20, "Viktor": 97} → ["Darius", "Dr. Mundo", "Viktor"].
    """
    # END STUB
    # BEGIN SOLUTION
    return [name for name, score in student2score.items() if score >= 80]
    # END SOLUTION


def word_index_count(text):
    # BEGIN STUB
    """Task 0.2 — 단어마다 번호를 붙이고 번호별 빈도를 셉니다 · word ids and how often each id occurs.

    단계 · Steps:
    1. 문장부호를 **지웁니다** (공백으로 바꾸지 않음). 문장부호 = ``string.punctuation`` 의 32개
       ASCII 문자 ``!"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~`` 입니다. 그 밖의 문자 (한글, 숫자 등)는 남깁니다.
       [[words_delete_punctuation: **Delete** the punctuation (do not replace it with a space)]]: punctuation means the 32 ASCII
       characters of ``string.punctuation``. [[words_other_characters_stay: Everything else (Korean letters, digits, ...) stays]].
       예 · e.g. "don't" → "dont", "well-known" → "wellknown".
    2. 소문자로 바꿉니다 (``str.lower``). [[words_lowercase: Lower-case the text]] (``str.lower``).
    3. 인자 없는 ``text.split()`` 으로 나눕니다: 공백·탭·줄바꿈이 몇 개 이어져도 구분자 하나이고,
       빈 단어는 생기지 않습니다 (``split(' ')`` 은 빈 문자열을 만듭니다).
       [[words_split: Split with ``text.split()`` (no argument)]]: any run of spaces, tabs and newlines separates
       two words and no empty words appear (``split(' ')`` would make empty strings).
    4. 단어가 **처음 나온 순서대로** 0, 1, 2, ... 번호를 붙입니다 (set은 순서를 지키지 않습니다).
       Number the words 0, 1, 2, ... [[words_first_appearance: **in order of first appearance**]] (a set has no such order).

    Args:
        text: str, 비어 있을 수 있음 · may be empty.
    Returns:
        [[words_pair: (word_id, id_frequency):]]
        word_id: dict {단어 · word (str): 번호 · id (int)};
        id_frequency: dict {번호 · id (int): 나온 횟수 · count (int)} — 키는 단어가 아니라 번호입니다 ·
        [[words_keyed_by_id: keyed by id, not by word]]. 단어가 없으면 둘 다 빈 딕셔너리 · [[words_may_be_empty: both empty when there are no words]].
        defaultdict나 Counter도 됩니다 · a defaultdict or Counter is fine too.
        예 · e.g. "Apple is fruit. Orange is also fruit. Tomato is fruit?" →
        ({"apple": 0, "is": 1, "fruit": 2, "orange": 3, "also": 4, "tomato": 5},
         {0: 1, 1: 3, 2: 3, 3: 1, 4: 1, 5: 1}).
    """
    # END STUB
    # BEGIN SOLUTION
    word_id, id_frequency = {}, {}
    for word in text.translate(NO_PUNCTUATION).lower().split():
        i = word_id.setdefault(word, len(word_id))  # a new word gets the next id
        id_frequency[i] = id_frequency.get(i, 0) + 1
    return word_id, id_frequency
    # END SOLUTION
