"""Reader text: the invisible characters that let one string pass for another.

Unicode "format" characters (category Cf) draw nothing: zero-width space,
soft hyphen, word joiner, byte-order mark, and the bidirectional controls
(right-to-left override U+202E, isolates U+2066-U+2069) that reorder what
follows them. In a name or an address they let "victim" pass for someone
else, or one mailbox pass for seven (issue 10). The zero-width joiner and
non-joiner (U+200D, U+200C) are kept in running text: emoji sequences and
Persian spelling need them.
"""

import unicodedata

KEPT_IN_TEXT = frozenset("\u200c\u200d")


def is_invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf"


def has_invisible(text: str) -> bool:
    return any(is_invisible(char) for char in text)


def strip_invisible(text: str, *, keep: frozenset[str] = frozenset()) -> str:
    """``text`` without its format characters (but those in ``keep``)."""
    return "".join(char for char in text if char in keep or not is_invisible(char))
