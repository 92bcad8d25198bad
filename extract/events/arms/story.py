"""Story passes of arms authorizations: deals approved again, and headlines that retell them."""
from __future__ import annotations

from extract.events.base import Candidate
from extract.story import Story, is_dated
from extract.syntax.tree import is_headline

_RETOLD_FIGURES = ("item", "quantity", "unit", "value_usd", "value_qualifier", "recipient")


def _is_arms(candidate: Candidate) -> bool:
    return candidate.event_type == "arms_authorization"


def arms_from_antecedent(candidates: list[Candidate], story: Story) -> list[Candidate]:
    """'The purchase was approved by parliament in December': an approval of 'the purchase' or
    'the export' takes its figures from the nearest arms package told before it. The same
    authority approving it again is the same event (it only lends its date to a telling that
    names none); with no package before it, it gives no event."""
    kept: list[Candidate] = []
    for candidate in candidates:
        if not (_is_arms(candidate) and candidate.signals.retold):
            kept.append(candidate)
            continue
        package = next((c for c in reversed(kept) if _is_arms(c) and not c.signals.retold
                        and c.position <= candidate.position), None)
        if package is None:
            continue
        if candidate.fields.get("actor") in (None, package.fields.get("actor")):
            if _names_no_date(package) and is_dated(candidate):
                package.date = candidate.date
            continue
        for name in _RETOLD_FIGURES:
            candidate.fields[name] = candidate.fields.get(name) or package.fields.get(name)
        candidate.flags.append("figures_from_antecedent")
        kept.append(candidate)
    return kept


def _names_no_date(candidate: Candidate) -> bool:
    """No date mention at all: 'on September 31' or 'last fiscal year' is a date told, even
    if it does not resolve to a day, and a later approval does not replace it."""
    return not (candidate.date and candidate.date.expr.text)


def without_restated_headline(candidates: list[Candidate], story: Story) -> list[Candidate]:
    """A headline restates the story: a figure-less arms event in it ('X clears missile sale')
    is a retelling of the body's arms events (kept only when the body has none). Figures and
    people are deduplicated by their identity instead."""
    body_has_arms = any(_is_arms(c) and not is_headline(c.sentence) for c in candidates)
    return [c for c in candidates
            if not (body_has_arms and _is_arms(c) and is_headline(c.sentence)
                    and c.fields.get("quantity") is None and c.fields.get("value_usd") is None)]


def without_unpriced_retellings(candidates: list[Candidate], story: Story) -> list[Candidate]:
    """'Italy approves sale of 12 helicopters' and '... the sale of 12 attack helicopters ...,
    in a deal worth more than $280 million' are one package: the priced telling stays."""
    priced = {(c.fields.get("quantity"), c.fields.get("unit")) for c in candidates
              if _is_arms(c) and c.fields.get("value_usd") and c.fields.get("quantity")}
    return [c for c in candidates if not (
        _is_arms(c) and not c.fields.get("value_usd") and (c.fields.get("quantity"), c.fields.get("unit")) in priced)]


_FROM_PACKAGE = ("actor", "recipient", "mechanism")


def parts_of_package(candidates: list[Candidate], story: Story) -> list[Candidate]:
    """The parts of a package ('The package includes 12 howitzers, ...') are authorized by whoever
    authorized the package, for its recipient, on its date and with its status: those of the
    nearest arms package told before ('The package includes ...' points back at it, however
    far). A part with no package before it keeps what it says."""
    for part in (c for c in candidates if _is_arms(c) and c.signals.part):
        package = next((c for c in reversed(candidates) if _is_arms(c) and not c.signals.part
                        and c.position <= part.position), None)
        if package is None:
            continue
        for name in _FROM_PACKAGE:
            part.fields[name] = part.fields.get(name) or package.fields.get(name)
        part.date, part.status = package.date, package.status
    return candidates


STORY_PASSES = (arms_from_antecedent, parts_of_package, without_restated_headline, without_unpriced_retellings)
