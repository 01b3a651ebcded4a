"""Korean particles follow the word: 결과를, 값이, 배열은, dict를, 3을, 2를."""

import pytest

from autograder.core.korean import josa


@pytest.mark.parametrize(
    ("word", "particle", "expected"),
    [
        ("결과", "을", "결과를"),
        ("배열", "를", "배열을"),
        ("값", "가", "값이"),
        ("모양", "는", "모양은"),
        ("dict", "을", "dict를"),
        ("numpy 배열", "이", "numpy 배열이"),
        ("3", "을", "3을"),
        ("2", "을", "2를"),
        ("파일", "으로", "파일로"),
        ("코드", "으로", "코드로"),
        ("책상", "로", "책상으로"),
        ("float", "이라는", "float라는"),
        ("W1", "이", "W1이"),
    ],
)
def test_the_particle_fits_the_word(word, particle, expected):
    assert josa(word, particle) == expected


@pytest.mark.parametrize(
    ("word", "particle", "expected"),
    [
        ("cee_zero_at_answer", "을", "cee_zero_at_answer를"),  # answer 앤서: no final consonant
        ("softmax_float32_input", "를", "softmax_float32_input을"),  # input 인풋
        ("배열(float64)", "를", "배열(float64)을"),  # the parenthetical is not read
        ("'loss_function'", "라는", "'loss_function'이라는"),  # function 펑션
        ("file", "으로", "file로"),  # 파일: ㄹ takes 로
        ("model", "은", "model은"),
        ("set", "을", "set을"),  # 셋
        ("rate", "을", "rate를"),  # 레이트
        ("CEE", "을", "CEE를"),  # letter by letter: 씨이이
        ("MSE", "이", "MSE가"),
        ("`Z[2]`", "이", "`Z[2]`가"),
    ],
)
def test_latin_words_are_read_as_korean_pronounces_them(word, particle, expected):
    assert josa(word, particle) == expected
