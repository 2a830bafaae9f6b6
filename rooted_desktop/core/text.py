"""Text helpers that must behave the same on every machine, whatever its locale."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Letters that Unicode does not decompose into a base letter and a mark.
_BASE_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŀ": "l", "ß": "ss", "æ": "ae",
     "œ": "oe", "þ": "th", "ð": "d"}
)  # fmt: skip


@lru_cache(maxsize=8192)  # a table sort asks for the same names n log n times
def sort_key(text: str) -> str:
    """Alphabetical order as a coach expects it: Łukasz with the Ls, Zoë with the Zs.

    Qt's locale-aware sorting depends on the system locale (often C on Linux); this does not.
    """
    folded = text.casefold().translate(_BASE_LETTERS)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
