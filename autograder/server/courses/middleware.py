"""The page language: Korean unless the user chose English (the language button's cookie);
a browser's Accept-Language is not asked, so a class sees Korean by default."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation


class ChosenLanguage:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        lang = chosen if chosen in ("ko", "en") else "ko"
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", lang)
        return response
