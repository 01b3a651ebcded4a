"""Korean particles chosen for the word they follow: 을/를, 이/가, 은/는, 과/와, (이)라는, (으)로.

A particle depends on whether the last sound of the word has a final consonant (받침). For
Hangul that is read from the syllable; for digits and Latin letters from how they are read
aloud in Korean (1 일, 2 이, 3 삼 ...; "numpy" 넘파이, "dict" 딕트). ``(으)로`` also takes 로
after ㄹ.
"""

from __future__ import annotations

_PAIRS = {"을": ("을", "를"), "를": ("을", "를"), "이": ("이", "가"), "가": ("이", "가"),
          "은": ("은", "는"), "는": ("은", "는"), "과": ("과", "와"), "와": ("과", "와"),
          "이라는": ("이라는", "라는"), "라는": ("이라는", "라는"), "으로": ("으로", "로"), "로": ("으로", "로")}  # fmt: skip
_DIGIT_FINAL = {"0": True, "1": True, "2": False, "3": True, "4": False, "5": False, "6": True,
                "7": True, "8": True, "9": False}  # 영 일 이 삼 사 오 육 칠 팔 구  # fmt: skip
_DIGIT_RIEUL = {"1", "7", "8"}  # 일 칠 팔 end in ㄹ
# Latin letters as read in Korean: ending in a consonant sound (엘, 엠, 엔, 알 ...)
_LATIN_FINAL = set("lmnr")
_LATIN_RIEUL = set("lr")


def _final(word: str) -> tuple[bool, bool]:
    """(has a final consonant, that consonant is ㄹ) for the last readable character."""
    for ch in reversed(word.strip()):
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            jong = code % 28
            return jong != 0, jong == 8
        if ch.isdigit():
            return _DIGIT_FINAL[ch], ch in _DIGIT_RIEUL
        if ch.isascii() and ch.isalpha():
            low = ch.lower()
            return low in _LATIN_FINAL, low in _LATIN_RIEUL
    return False, False


def josa(word: str, particle: str) -> str:
    """``word`` followed by the right form of ``particle`` (given in either form): 결과를, 값이."""
    with_final, without = _PAIRS[particle]
    final, rieul = _final(word)
    if with_final == "으로":
        return word + ("로" if not final or rieul else "으로")
    return word + (with_final if final else without)
