"""Terms an administrator lists (keywords, severity words) and how a text is searched for them."""

import re

TERM_SEPARATORS = r"[,，、;；\n]"
WHOLE_TERMS_HELP = (
    " A term matches as a whole: a Latin word only at the start of a word (leak finds leaks "
    "and leaking, not bleak), and no term where it is part of a longer word listed under Not "
    "Within (with 没电梯 there, 没电 is not found in 没电梯)."
)


def split_terms(terms):
    return [
        term.strip().casefold() for term in re.split(TERM_SEPARATORS, terms or "") if term.strip()
    ]


def term_found(text, term, longer_terms=()):
    """Whether `term` occurs in `text` (both casefolded) as a whole term: a Latin word at the
    start of a word, and not inside an occurrence of one of `longer_terms` (Chinese has no
    spaces between words: the administrator lists the longer words to leave out)."""
    pattern = re.escape(term)
    if term[:1].isascii() and term[:1].isalnum():
        pattern = r"(?<![a-z0-9])" + pattern
    excluded = [
        (match.start(), match.end())
        for longer in longer_terms
        if term in longer
        for match in re.finditer(re.escape(longer), text)
    ]
    return any(
        not any(start <= match.start() and match.end() <= end for start, end in excluded)
        for match in re.finditer(pattern, text)
    )
