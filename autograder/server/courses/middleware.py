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


class UploadCap:
    """Refuses (413) a request body over the upload cap before anything reads it (the CSRF check
    would otherwise parse a huge multipart body first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.http import HttpResponse

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            text = "파일이 너무 큽니다 · File too large"
            return HttpResponse(text, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
