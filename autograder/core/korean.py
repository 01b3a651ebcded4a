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
# Latin letters read one by one (W, CEE, API): their names end in a consonant for L M N R (엘 엠 엔 알)
_LETTER_FINAL = set("lmnr")
_LETTER_RIEUL = set("lr")
_VOWELS = set("aeiouy")
_TRAILING = ")]}'\"`’”»>.,:;!? "


def _skip_trailing(word: str) -> str:
    """The word a particle attaches to: a closing parenthetical and quotes are not read (배열(float64) → 배열)."""
    word = word.rstrip(_TRAILING.replace(")", ""))
    while word.endswith(")") and "(" in word:
        word = word[: word.rindex("(")].rstrip(_TRAILING.replace(")", ""))
    return word.rstrip(_TRAILING)


def _english_final(tail: str) -> tuple[bool, bool]:
    """(final consonant, ㄹ) of an English word as Korean reads it: answer 앤서, input 인풋, file 파일, dict 딕트."""
    w = tail.lower()
    last, before = w[-1], w[-2] if len(w) > 1 else ""
    if last == "e":  # a silent e: file 파일, name 네임, line 라인; code 코드, shape 셰이프
        return before in "lmn" and before != "", before == "l"
    if last in "lmn" or w.endswith("ng"):
        return True, last == "l"
    if last in "tkp" and before in _VOWELS:
        # a single short vowel closes the syllable (set 셋, input 인풋, book 북); a long one does not (float 플로트)
        return len(w) < 3 or w[-3] not in _VOWELS, False
    return False, False  # answer 앤서, dict 딕트, max 맥스, axis 액시스, data 데이터


def _latin_final(word: str) -> tuple[bool, bool]:
    run = ""
    for ch in reversed(word):
        if not (ch.isascii() and ch.isalpha()):
            break
        run = ch + run
    # the last part of a CamelCase name is what is read last: MnistBGD → BGD, TwoLayerNet → Net
    tail = run
    for i in range(len(run) - 1, 0, -1):
        if run[i].isupper() and run[i - 1].islower():
            tail = run[i:]
            break
    if len(tail) == 1 or tail.isupper() or not set(tail.lower()) & _VOWELS:
        # read letter by letter: W, CEE, MSE, BGD; and what has no vowel to read: rng 알엔지, lr 엘알
        return tail[-1].lower() in _LETTER_FINAL, tail[-1].lower() in _LETTER_RIEUL
    return _english_final(tail)


def _final(word: str) -> tuple[bool, bool]:
    """(has a final consonant, that consonant is ㄹ) for the last readable sound of ``word``."""
    word = _skip_trailing(word.strip())
    for i in range(len(word) - 1, -1, -1):
        ch = word[i]
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            jong = code % 28
            return jong != 0, jong == 8
        if ch.isdigit():
            return _DIGIT_FINAL[ch], ch in _DIGIT_RIEUL
        if ch.isascii() and ch.isalpha():
            return _latin_final(word[: i + 1])
    return False, False


def josa(word: str, particle: str) -> str:
    """``word`` followed by the right form of ``particle`` (given in either form): 결과를, 값이."""
    with_final, without = _PAIRS[particle]
    final, rieul = _final(word)
    if with_final == "으로":
        return word + ("로" if not final or rieul else "으로")
    return word + (with_final if final else without)
