"""Article slugs made from headlines in any of the newsroom's languages (issue 12):
"Şuşa" is susa, "Москва" is moskva, "Café" is cafe.

The admin's article form makes the same slug in the browser as it is typed:
newsroom/static/js/admin-slug.js follows slugify_headline step by step and
reads TRANSLITERATION from the page, so the two cannot drift apart. Change
the steps in both places.
"""

import re
import unicodedata

from .models import Article, SlugRedirect

SLUG_MAX_LENGTH = Article._meta.get_field("slug").max_length

# What Unicode decomposition (NFKD) cannot turn into ASCII, or would turn into
# something unreadable. Keys are lower case: the text is lower-cased first.
# Russian follows the admin's own map (django/contrib/admin/static/admin/js/
# urlify.js: х h, ц c, щ sh) so slugs typed on the desk's other admin pages
# read the same way, except for two letters, where a reader's spelling wins:
# й is y ("Сергей", sergey: Django's j reads as "sergej"), and ё is e, because
# Russian text mostly prints ё as е: "Королёв" and "Королев" get one slug.
TRANSLITERATION = {
    # Azerbaijani (ç, ğ, ö, ş, ü would also decompose; listed to be read here).
    "ə": "e",
    "ı": "i",
    "ç": "c",
    "ğ": "g",
    "ö": "o",
    "ş": "s",
    "ü": "u",
    # Russian.
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "c",
    "ч": "ch",
    "ш": "sh",
    "щ": "sh",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    # Ukrainian letters Russian lacks (as Django's map has them).
    "і": "i",
    "ї": "yi",
    "є": "ye",
    "ґ": "g",
    # Latin letters with no decomposition.
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    # Dashes join words as the hyphen does ("Bakı–Moskva" is baki-moskva).
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
}
_TABLE = str.maketrans(TRANSLITERATION)

# ASCII only by then, so Python's and JavaScript's \s mean the same characters.
_PUNCTUATION = re.compile(r"[^a-z0-9\s_/-]", re.ASCII)
_SEPARATORS = re.compile(r"[\s_/-]+", re.ASCII)


def slugify_headline(text: str, max_length: int = SLUG_MAX_LENGTH) -> str:
    """A readable ASCII slug: lower case, words joined by hyphens, cut after the
    last whole word that fits in max_length (a single longer word is cut)."""
    text = str(text).lower().translate(_TABLE)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    # Apostrophes and other punctuation vanish inside a word ("Bakı'da" is bakida);
    # spaces, slashes, underscores and dashes separate words.
    text = _PUNCTUATION.sub("", text)
    slug = _SEPARATORS.sub("-", text).strip("-")
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1]
    if cut[-1] != "-" and "-" in cut[:-1]:
        cut = cut[: cut[:-1].rindex("-")]
    return cut[:max_length].strip("-")


def unique_slug(text: str, exclude_pk: int | None = None) -> str:
    """The headline's slug, numbered (-2, -3, …) past any other article's slug
    and any former slug still redirecting to another article."""
    # A headline with no letters we can spell (all emoji, say) still needs an address.
    stem = slugify_headline(text, SLUG_MAX_LENGTH - 12) or "article"
    taken = set(
        Article.objects.filter(slug__startswith=stem)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    taken |= set(
        SlugRedirect.objects.filter(old_slug__startswith=stem)
        .exclude(article_id=exclude_pk)
        .values_list("old_slug", flat=True)
    )
    candidate = slugify_headline(text) or stem
    number = 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = (slugify_headline(text, SLUG_MAX_LENGTH - len(suffix)) or stem) + suffix
    return candidate
