"""Word-diff speed for `fieldguide history`: two versions of a long text (about 419 KB each).
Prints JSON.

    python benchmarks/bench_history_diff.py               # 419 KB, the size that took 47 s
    python benchmarks/bench_history_diff.py --kb 100

The text is the bundled example dispatches, numbered and with their sentences shuffled, repeated
to the size asked (so that common words recur thousands of times, as in a long compilation).
Three second versions are diffed: "edits" (40 words replaced and a paragraph inserted, spread
through the text), "rewrite" (the paragraphs in another order), and "small" (one word changed
in a 2 KB text). Each is timed once after a warm-up (the word diff, then the rendering
`history` prints, each diffing once), with the number of changed words found: a rewrite past
the time budget is reported as removed and added whole.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from importlib import resources

from fieldguide.store.diff import render_word_diff, word_diff


def base_text(size: int, rng: random.Random) -> str:
    """Example dispatches, numbered and with their sentences shuffled, up to ``size`` characters."""
    folder = resources.files("fieldguide") / "examples"
    texts = [json.loads(line)["text"] for line in (folder / "dispatches.jsonl").read_text().splitlines() if line]
    paragraphs: list[str] = []
    total = 0
    while total < size:
        sentences = rng.choice(texts).split(". ")
        rng.shuffle(sentences)
        paragraphs.append(f"Item {len(paragraphs) + 1}. " + ". ".join(sentences))
        total += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)[:size]


def edited(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for i in rng.sample(range(len(words)), 40):
        words[i] = "CHANGED"
    middle = len(words) // 2
    words[middle:middle] = "an inserted paragraph of twelve words that the first version did not have".split()
    return " ".join(words)


def rewritten(text: str, rng: random.Random) -> str:
    paragraphs = text.split("\n\n")
    rng.shuffle(paragraphs)
    return "\n\n".join(paragraphs)


def timed(old: str, new: str) -> dict[str, object]:
    start, cpu = time.perf_counter(), time.process_time()
    runs = word_diff(old, new)
    render_word_diff(old, new, context=8)  # what the command prints
    return {
        "old_kb": round(len(old.encode()) / 1024),
        "new_kb": round(len(new.encode()) / 1024),
        "seconds": round(time.perf_counter() - start, 3),
        "cpu_seconds": round(time.process_time() - cpu, 3),
        "words_removed": sum(len(t.split()) for op, t in runs if op == "delete"),
        "words_added": sum(len(t.split()) for op, t in runs if op == "insert"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=419, help="size of each version in KB")
    args = parser.parse_args()
    rng = random.Random(12)
    old = base_text(args.kb * 1000, rng)
    small = base_text(2000, rng)
    small_new = small.replace(" the ", " a ", 1)
    word_diff(small, small_new)  # warm-up
    result = {
        "edits": timed(old, edited(old, rng)),
        "rewrite": timed(old, rewritten(old, rng)),
        "small": timed(small, small_new),
        "load": os.getloadavg()[0],
        "python": sys.version.split()[0],
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
