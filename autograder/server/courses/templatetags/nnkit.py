"""``{% t "한국어" "English" %}``: the page's language picks one (Korean by default)."""

from django import template

register = template.Library()


def lang_of(request) -> str:
    return "en" if (getattr(request, "LANGUAGE_CODE", "ko") or "ko").startswith("en") else "ko"


@register.simple_tag(takes_context=True)
def t(context, ko: str, en: str) -> str:
    return en if lang_of(context.get("request")) == "en" else ko


@register.filter
def msg(m, lang: str) -> str:
    return m.render(lang) if m is not None else ""
