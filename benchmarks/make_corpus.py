"""Generate N synthetic news articles (600-900 words each) and their manifest.csv.

Deterministic for a given --seed. Articles mix a few event sentences (visits, meetings,
arms authorizations, casualty figures, with varied people, places, dates and phrasing)
into background, quotes and analysis that carry no event, as real news does. All names
are invented from syllables; nothing is taken from real articles.

    python benchmarks/make_corpus.py --n 1000 --out /tmp/corpus
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from pathlib import Path

SYLLABLES = "ka lo mi ra ten so vel an dor is mar ul be ni tal ros en ga hu lin pe dar ko sa".split()
TITLES = ["Foreign Minister", "Defence Minister", "President", "Prime Minister", "Interior Minister",
          "Secretary of State", "Trade Minister", "Deputy Prime Minister"]
WEAPONS = [("howitzers", "artillery"), ("armoured vehicles", "vehicles"), ("air-defence systems", "systems"),
           ("attack helicopters", "helicopters"), ("anti-tank missiles", "missiles"), ("patrol boats", "boats")]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = ["two", "three", "five", "eight", "twelve", "forty", "nine thousand"]

FILLER = [
    "The {adj} dispute has shaped politics in the region for much of the past decade.",
    "Analysts say the {adj} economy remains fragile after a long period of slow growth.",
    "\"We are looking for a way forward that everyone can accept,\" {surname} told reporters.",
    "Critics argue that the government has been slow to respond to rising prices and unemployment.",
    "The opposition has called for an independent inquiry into the handling of the crisis.",
    "Local businesses have complained about power cuts and shortages of fuel in recent weeks.",
    "Diplomats say any agreement would need the backing of neighbouring governments and donors.",
    "The {adj} capital was calm, with traffic moving normally through its central districts.",
    "Officials declined to give further details, citing the sensitivity of the discussions.",
    "Observers expect the issue to dominate the parliamentary session that opens after the holidays.",
    "The ministry said it was reviewing its procedures and would publish its findings in due course.",
    "Human rights groups have urged all sides to protect civilians and allow access for aid agencies.",
    "Markets reacted cautiously, and the currency weakened slightly against the dollar.",
    "Some residents said they had little confidence that the talks would change their daily lives.",
    "The {adj} government insists that its policy is consistent with international law.",
    "The agency said it needed more funding to continue operating its clinics and schools.",
    "\"This is a moment that calls for restraint and for patience,\" a senior official said.",
    "Farmers in the border districts say the fighting has cut them off from their usual markets.",
    # sentences with numbers, dates and titled people that tell no event (the pre-filter keeps them)
    "Inflation reached {pct} percent in {month}, the highest level since {year}.",
    "The parliament, which has {seats} seats, is due to vote on the budget on {weekday}.",
    "{title2} {name2} has held the post since {year} and faces elections next year.",
    "The country has about {pop} million inhabitants, a third of them under the age of {age}.",
    "The central bank kept its main interest rate at {pct} percent on {weekday}.",
]

EVENTS = [
    "{title} {name} arrived in {city} on {weekday} for a {ndays}-day visit, the ministry said.",
    "{title} {name} will travel to {city} next week for talks on trade and security.",
    "{title} {name} met {title2} {name2} in {city} on {weekday} to discuss the border dispute.",
    "{surname} also held talks with {title2} {name2} later in the day.",
    "The government approved the sale of {qty} {weapon} to {country} worth ${value} million, officials said.",
    "The defence ministry said on {weekday} it had authorized the transfer of {qty} {weapon} to {country}.",
    "An airstrike on a market in {city} killed at least {killed} people on {weekday}, the health ministry said.",
    "More than {wounded} people were wounded, according to local officials.",
    "Some {word} residents have fled their homes since the fighting began, the UN refugee agency said.",
    "Police said they had detained about {detained} people after the protest in {city} on {weekday}.",
]


def _name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    return f"{word()} {word()}"


def _place(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _fill(template: str, rng: random.Random, cast: dict) -> str:
    return template.format(
        title=cast["title"], name=cast["name"], surname=cast["name"].split()[-1],
        title2=cast["title2"], name2=cast["name2"], city=cast["city"], country=cast["country"],
        adj=cast["adj"], weekday=rng.choice(WEEKDAYS), ndays=rng.choice(["two", "three", "4"]),
        qty=rng.choice(["12", "24", "100", "six", "1,200"]), weapon=rng.choice(WEAPONS)[0],
        value=rng.choice(["85", "140", "300", "1,250"]), killed=rng.randint(3, 90),
        wounded=rng.randint(10, 200), word=rng.choice(NUMBER_WORDS), detained=rng.randint(20, 400),
        pct=rng.randint(2, 30), month=rng.choice(["January", "March", "June", "October"]),
        year=rng.randint(1995, 2022), seats=rng.randint(100, 450), pop=rng.randint(3, 90), age=rng.randint(18, 30),
    )


def article(index: int, rng: random.Random) -> tuple[str, str]:
    """One article: a headline, a lead with an event, then paragraphs mostly without events."""
    cast = {"title": rng.choice(TITLES), "name": _name(rng), "title2": rng.choice(TITLES), "name2": _name(rng),
            "city": _place(rng), "country": _place(rng), "adj": _place(rng)}
    target = rng.randint(600, 900)
    lead = _fill(rng.choice(EVENTS), rng, cast)
    headline = f"{cast['title']} {cast['name'].split()[-1]} in {cast['city']} as talks continue"
    paragraphs, words = [lead], len(lead.split())
    while words < target:
        sentences = [_fill(rng.choice(EVENTS if rng.random() < 0.12 else FILLER), rng, cast)
                     for _ in range(rng.randint(2, 4))]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    return headline, headline + "\n\n" + "\n\n".join(paragraphs) + "\n"


def write_corpus(n: int, out: Path, seed: int = 7) -> int:
    """Write n articles and manifest.csv into out; returns the number of words written."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    start = dt.date(2024, 1, 1)
    total = 0
    with (out / "manifest.csv").open("w", newline="", encoding="utf-8") as handle:
        manifest = csv.writer(handle)
        manifest.writerow(["file", "source", "title", "url", "published"])
        for i in range(n):
            headline, text = article(i, rng)
            name = f"{i:06d}.txt"
            (out / name).write_text(text, encoding="utf-8")
            published = start + dt.timedelta(days=rng.randint(0, 365))
            manifest.writerow([name, rng.choice(["Bench Wire", "Bench Daily", "Bench Times"]), headline,
                               f"https://news.example.org/bench/{name[:-4]}", published.isoformat()])
            total += len(text.split())
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000, help="number of articles (default 1000)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (created if missing)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7): same seed, same corpus")
    args = parser.parse_args()
    words = write_corpus(args.n, args.out, args.seed)
    print(f"wrote {args.n} articles ({words:,} words) and manifest.csv to {args.out}")


if __name__ == "__main__":
    main()
