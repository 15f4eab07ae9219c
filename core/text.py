"""Text helpers shared by the apps: transliteration and sort keys for names and titles."""

import unicodedata

# BGN/PCGN-style romanization, simplified (Russian, Ukrainian, Belarusian letters).
CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "є": "ye", "і": "i", "ї": "yi", "ґ": "g", "ў": "u",
}  # fmt: skip
# Letters that Unicode does not decompose into a Latin base letter.
OTHER = {
    "ß": "ss",
    "æ": "ae",
    "ø": "o",
    "œ": "oe",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ı": "i",
}


def transliterate(text: str) -> str:
    """Latin letters for any Cyrillic or accented text: “Щедрость Łódź” → “Shchedrost Lodz”."""
    letters = []
    for char in text:
        lower = char.lower()
        if lower in CYRILLIC:
            latin = CYRILLIC[lower]
            letters.append(latin.capitalize() if char != lower else latin)
        else:
            letters.append(OTHER.get(lower, char) if lower in OTHER else char)
    decomposed = unicodedata.normalize("NFKD", "".join(letters))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def sort_key(text: str) -> str:
    """A key that sorts names where an English-language reader looks for them: accents
    ignored (Ávila with A), Cyrillic by its Latin spelling (Жуков with Z), case ignored."""
    return " ".join(transliterate(text).casefold().split())
