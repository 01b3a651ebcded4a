"""Errors in the user's terms: the CLI prints them (KO+EN) instead of a traceback."""

from __future__ import annotations

from autograder.runtime.spec import Msg


class UserError(Exception):
    """Bad input from a student, TA or instructor; ``msg`` says what and where, in both languages."""

    def __init__(self, ko: str, en: str):
        super().__init__(en)
        self.msg = Msg(ko, en)
