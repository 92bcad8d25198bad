"""Regenerate tests/gold/floors.json from the current extractor.

Run it after a change that improves scores, review the diff, commit:
    .venv/bin/python tests/gold/update_floors.py
"""
import json
from pathlib import Path

from extract.evaluate import as_dict, date_totals, load_gold, predict, score

GOLD_DIR = Path(__file__).resolve().parent
SETS = {"seeds": (GOLD_DIR / "seeds.jsonl", GOLD_DIR.parents[1] / "seeds"), "composed": (GOLD_DIR / "composed", None),
        "heldout": (GOLD_DIR / "heldout", None), "heldout2": (GOLD_DIR / "heldout2", None),
        "heldout3": (GOLD_DIR / "heldout3", None), "heldout4": (GOLD_DIR / "heldout4", None)}


def main() -> None:
    floors = {}
    for name, (gold, docs) in SETS.items():
        items, gold_docs = load_gold(gold)
        scores = score(items, predict(docs or gold_docs))
        floors[name] = {t: {m: round(v[m], 3) for m in ("lenient_f1", "strict_f1")} for t, v in as_dict(scores).items()}
        shares = date_totals(scores).shares()  # of found events with a gold date: right, and wrong
        floors[name]["dates"] = {"right": round(shares["date_right_share"], 3), "wrong": round(shares["date_wrong_share"], 3)}
    (GOLD_DIR / "floors.json").write_text(json.dumps(floors, indent=2) + "\n")
    print(json.dumps(floors, indent=1))


if __name__ == "__main__":
    main()
