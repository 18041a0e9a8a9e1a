#!/usr/bin/python3
"""Held-out metrics of an exported model folder (the same ones train.py writes to metrics.json).

    /usr/bin/python3 tools/demo-model/evaluate.py --model models/demo-clip --holdout /tmp/demo-holdout

The images go through the folder's preprocessor_config.json size and the exported ONNX files.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import clip_bpe  # noqa: E402
from train import compute_metrics, eval_prompts, exported_embeddings, load_demo_set  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--holdout", required=True)
    ap.add_argument("--seed", type=int, default=1, help="seed for the prompt draw and k-means (train.py's --seed)")
    a = ap.parse_args()
    with open(os.path.join(a.model, "config.json")) as f:
        cfg = json.load(f)
    tok = clip_bpe.ClipTokenizer.from_files(os.path.join(a.model, "vocab.json"), os.path.join(a.model, "merges.txt"),
                                            cfg["context_length"])
    records, images = load_demo_set(a.holdout, cfg["image_size"])
    prompts = eval_prompts(sorted({r["part"] for r in records}), sorted({r["defect"] for r in records}), a.seed)
    img, txt, how = exported_embeddings(os.path.join(a.model, "vision_model.onnx"), os.path.join(a.model, "text_model.onnx"),
                                        images, tok, [p[0] for p in prompts])
    m = compute_metrics(img, records, prompts, txt, a.seed)
    m["embeddings_from"] = how
    print(json.dumps(m, indent=1))


if __name__ == "__main__":
    main()
