"""People in a document: the fullest form of each name, titles split off as roles."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from extract.lexicon import lexicon, word_set

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}


def _honorific(word: str) -> bool:
    return word.lower().rstrip(".") in word_set("titles", "honorifics")


def is_title_word(word: str) -> bool:
    return word.lower().rstrip(".,") in word_set("titles", "title_words")


def clean_name(text: str) -> str:
    """'Mr. Doe's' -> 'Doe'; 'Prime Minister Jane Doe' keeps its name only."""
    words = _POSSESSIVE.sub("", text.strip()).split()
    while len(words) > 1 and (_honorific(words[0]) or is_title_word(words[0])):
        words = words[1:]
    if words and _honorific(words[0]):
        return ""
    return " ".join(_trim(w) for w in words)


def _trim(word: str) -> str:
    """Trailing punctuation off a word, but keep the point of an initial ('J.')."""
    word = word.rstrip(",;:")
    return word if len(word) == 2 and word.endswith(".") else word.rstrip(".")


def surname(name: str) -> str:
    return name.split()[-1].lower() if name else ""


@dataclass
class PersonIndex:
    """Maps every mention ('Mr. Doe', 'Doe', 'Jane Doe') to the fullest name in the document."""

    full_by_surname: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    _within: dict[str, str | None] = field(default_factory=dict, repr=False)  # mention -> longer name
    places: set[str] = field(default_factory=set)  # names the document tags as places at least as often

    @classmethod
    def from_doc(cls, doc: Doc) -> "PersonIndex":
        counts: Counter[str] = Counter()
        place_counts = Counter(clean_name(e.text) for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC"))
        roles: dict[str, str] = {}
        for ent in doc.ents:
            if not (ent.label_ == "PERSON" or titled_name(ent)) or looks_like_place(ent) or _not_a_name(ent):
                continue
            name = clean_name(with_given_names(ent).text)
            if not name or not name[0].isupper() or len(name) < 2:
                continue
            counts[name] += 1
            if role := role_before(ent):
                roles.setdefault(name, role)
        index = cls()
        # "Lake Titicaca" tagged a person once and a place twice: the small model's slip, not a person
        # a one-word name is a place when tagged one anywhere and never written with a given name
        # (a lone surname the model also tags as a place keeps the full name it has elsewhere)
        words_of_longer = {w.lower() for name in counts if " " in name for w in _NAME_SPLIT.split(name)}
        index.places = {name.lower() for name, n in counts.items()
                        if (" " in name and place_counts[name] >= n)
                        or (" " not in name and place_counts[name] and name.lower() not in words_of_longer)}
        counts = Counter({name: n for name, n in counts.items() if name.lower() not in index.places})
        for name, n in counts.items():
            key = surname(name)
            best = index.full_by_surname.get(key)
            if best is None or (len(name.split()), counts[name]) > (len(best.split()), counts[best]):
                index.full_by_surname[key] = name
        for key, best in list(index.full_by_surname.items()):
            if (full := index._longer_name(best.lower())) is not None:
                index.full_by_surname[key] = full  # "Chen" alone, after "Chen Wei"; "Nsue Mba"
        for name, role in roles.items():
            index.roles.setdefault(index.canonical(name), role)
        return index

    def canonical(self, mention: str) -> str:
        name = clean_name(mention)
        if (full := self.full_by_surname.get(surname(name))) is not None:
            return full
        return self._inside_longer_name(name) or name

    def _inside_longer_name(self, name: str) -> str | None:
        """The one longer name a mention is part of, when it is nobody's last name: 'Chen' of
        'Chen Wei' (family name first), 'Andrade' of 'Daniela Andrade Villacis' (the first of two
        surnames), 'Nsue Mba' of 'Santiago Nsue Mba Ondo', 'Ana Brzozowska' of 'Ana Brzozowska-Tal'.
        A lone first word counts only in a two-word name (a given name alone is rare in news)."""
        key = name.lower()
        if key not in self._within:  # asked for every proper noun of every sentence: remember
            self._within[key] = self._longer_name(key)
        return self._within[key]

    def _longer_name(self, name: str) -> str | None:
        words = _NAME_SPLIT.split(name)
        matches = set()
        for full in set(self.full_by_surname.values()):
            parts = _NAME_SPLIT.split(full.lower())
            first = 1 if len(words) == 1 and len(full.split()) > 2 else 0  # "Park" of "Park Ji-hoon" counts
            for i in range(first, len(parts) - len(words) + 1):
                if len(parts) > len(words) and parts[i:i + len(words)] == words:
                    matches.add(full)
        return matches.pop() if len(matches) == 1 else None

    def is_known(self, token: Token) -> bool:
        """A proper noun that is the surname of someone named in the document."""
        word = hyphenated_word(token)
        if token.pos_ != "PROPN" or word.lower() in self.places:
            return False
        # a first name alone counts unless tagged as a place ("Chad" may be a country); the small
        # model often tags a lone family name as an organisation
        return word.lower() in self.full_by_surname or (
            token.ent_type_ in ("PERSON", "ORG", "") and self._inside_longer_name(word) is not None)


_NAME_SPLIT = re.compile(r"[\s-]+")


def _name_part(tok: Token) -> bool:
    return (tok.pos_ == "PROPN" and tok.is_title and not is_title_word(tok.text) and not _honorific(tok.text)
            and tok.ent_type_ in ("", "PERSON"))


def with_given_names(ent: Span) -> Span:
    """'Jane Q. Doe' or 'Ana Maria Lopez Ruiz' when the model tagged only part of the
    name: adjacent capitalised proper nouns that are not titles belong to it."""
    doc, start, end = ent.doc, ent.start, ent.end
    while start > 0 and _name_part(doc[start - 1]) and "\n" not in doc[start - 1].whitespace_:
        start -= 1
    while end < len(doc) and _name_part(doc[end]) and "\n" not in doc[end - 1].whitespace_:
        end += 1
    # "Brzozowska-Tal", "Min-seok": a hyphen without spaces joins the next word to the name
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
            and doc[end + 1].is_alpha:
        end += 2
    return doc[start:end]


def titled_name(ent: Span) -> bool:
    """'Opposition lawmaker Jelena X-Y' tagged ORG: proper nouns right after a person's title
    are a person's name, whatever label the model gave them."""
    names = [t for t in ent if t.text != "-"]
    after_title = ent.start > 0 and is_title_word(ent.doc[ent.start - 1].text)
    # "Brazil's president, Ana Lima Souza, ...": a name in apposition to a title
    beside_title = ent.root.dep_ == "appos" and is_title_word(ent.root.head.text)
    return (ent.label_ in ("ORG", "NORP", "GPE") and 2 <= len(names) <= 4 and (after_title or beside_title)
            and all(t.pos_ == "PROPN" and t.is_title and not is_title_word(t.text) for t in names))


def _not_a_name(ent: Span) -> bool:
    """Datelines in capitals ('HARARE (Wire) -') and nationality adjectives are no people,
    nor is a modifier right before a title ('Sri Lankan President X')."""
    before_title = ent.end < len(ent.doc) and is_title_word(ent.doc[ent.end].text)
    if len(ent) == 1 and ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the":
        return True  # "at the Akorda presidential palace": a person's name takes no article
    if len(ent) == 1 and ent.root.dep_ == "compound" and ent.root.head.pos_ == "NOUN" and not is_title_word(
            ent.root.head.text):
        return True  # "Kazakh diplomats", "the Smith family": a modifier of a common noun
    return ent.text.isupper() or (len(ent) == 1 and (ent.root.pos_ == "ADJ" or ent.root.dep_ == "amod")) or (
        before_title and ent.root.dep_ in ("compound", "amod", "nmod"))


def role_before(ent: Span) -> str | None:
    """Title words written just before a name: 'Prime Minister' in 'Prime Minister Jane Doe'."""
    words: list[str] = []
    i = ent.start - 1
    while i >= 0 and (is_title_word(ent.doc[i].text) or _honorific(ent.doc[i].text)):
        if ent.doc[i].text.lower() in ("the", "of") and not words:
            break
        words.insert(0, ent.doc[i].text)
        i -= 1
    while words and words[0].lower() in ("the", "of"):
        words = words[1:]
    role = " ".join(w for w in words if not _honorific(w))
    return role or None


_PLACE_PREPS = {"in", "to", "from", "into", "near", "across"}


def looks_like_place(ent: Span) -> bool:
    """A one-word 'person' that is the object of 'in'/'to' is, in news, almost always a place
    the small model mislabelled ('arrived in Kyiv')."""
    root = ent.root
    if possesses_title(root):
        return True  # "X's King Y": the possessor of a title is a country or body
    listed_with = [root.head] if root.dep_ == "conj" else []
    listed_with += [c for c in root.children if c.dep_ == "conj"]
    if any(t.ent_type_ in ("GPE", "LOC") for t in listed_with):
        return True  # "will visit Brasilia and Buenos Aires": listed with a place, a place
    if root.dep_ == "pobj" and root.head.lower_ in ("to", "in") and root.head.head.lemma_.lower() in travel_verbs():
        return True  # "will travel to Buenos Aires", "arrived in Addis Ababa"
    return len(ent) == 1 and root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPS


def possesses_title(token: Token) -> bool:
    """'X' in "X's King Y" or "X's king": the title may head the phrase or,
    before a name, be its compound."""
    head = token.head
    return token.dep_ == "poss" and (is_title_word(head.text) or any(
        c.dep_ == "compound" and c.i > token.i and is_title_word(c.text) for c in head.children))


@lru_cache(maxsize=1)
def travel_verbs() -> frozenset[str]:
    """Verbs that move a person to a place ('visit', 'travel to', 'arrive in', 'leave for')."""
    return frozenset().union(*(word_set("triggers", "travel_verbs", key) for key in lexicon("triggers")["travel_verbs"]))


def is_pronoun(token: Token) -> bool:
    return token.lower_ in _PRONOUNS


def person_at(token: Token, people: PersonIndex) -> str | None:
    """The canonical person a token belongs to, by entity label or by a known surname."""
    if possesses_title(token) or (token.text.isupper() and len(token) > 2):
        return None
    if token.ent_type_ == "PERSON":
        span = _entity_of(token)
        if span is not None and (_not_a_name(span) or looks_like_place(span)):
            return None
        name = clean_name(with_given_names(span).text) if span is not None else token.text
        return people.canonical(name) if name and name.lower() not in people.places else None
    if people.is_known(token):
        return people.canonical(hyphenated_word(token))
    return None


def hyphenated_word(token: Token) -> str:
    """'Asante-Mensah' from any of its three tokens ('Asante', '-', 'Mensah')."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_:
        start -= 2
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        end += 2
    return clean_name(doc[start:end].text)


def _entity_of(token: Token) -> Span | None:
    """The entity span around a token, found by walking its IOB tags (no scan of doc.ents)."""
    if not token.ent_type_:
        return None
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]
