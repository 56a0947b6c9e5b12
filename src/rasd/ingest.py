"""Input → clean text (placeholder: the input-cleaning work fills this module)."""
from __future__ import annotations

import re

_AR = re.compile(r"[\u0600-\u06FF]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> str | None:
    """'ar' when Arabic letters dominate the letters of ``text``."""
    ar = len(_AR.findall(text))
    la = len(_LATIN.findall(text))
    if ar + la == 0:
        return None
    return "ar" if ar >= la else "und"
