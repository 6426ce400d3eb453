#!/usr/bin/env python3
"""Writes the fuzzer's seed corpus (Fuzz/corpus/) from the conformance vectors.

Each vector's input (the lines a peer sends to the responder) becomes one seed: the
valid transcripts and every entry of the bad-input catalogue. Run it again when the
vectors change:

    python3 Fuzz/make_corpus.py
"""

import glob
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(os.path.dirname(HERE), "Protocol", "vectors")
CORPUS = os.path.join(HERE, "corpus")


def main():
    os.makedirs(CORPUS, exist_ok=True)
    for old in glob.glob(os.path.join(CORPUS, "*.jsonl")):
        os.remove(old)
    count = 0
    for path in sorted(glob.glob(os.path.join(VECTORS, "*.json"))):
        with open(path, encoding="utf-8") as file:
            vector = json.load(file)
        lines = vector.get("input")
        if not isinstance(lines, list):
            continue
        text = "".join(line + "\n" for line in lines)
        name = os.path.splitext(os.path.basename(path))[0] + ".jsonl"
        with open(os.path.join(CORPUS, name), "w", encoding="utf-8", newline="") as file:
            file.write(text)
        count += 1
    print(f"wrote {count} seeds to {CORPUS}")


if __name__ == "__main__":
    main()
