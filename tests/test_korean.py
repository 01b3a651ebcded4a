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
