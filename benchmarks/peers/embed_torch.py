#!/usr/bin/python3
"""PyTorch eager peer of benchmarks/Sly.Benchmarks/Embeddings/EmbeddingThroughputBenchmarks.cs.

    /usr/bin/python3 benchmarks/peers/embed_torch.py [--model demo|vit-b32|both] [--ours REPORT.csv]

Runs the same image tower in PyTorch eager mode on the same JPEG files, with CLIP's reference preprocessing
(PIL decode, torchvision Resize(bicubic) + CenterCrop + ToTensor + Normalize), batches of 16, on as many threads as
the C# side uses. Prints images/s for inference on pre-made tensors, preprocessing alone, and the two in sequence
(the usual notebook loop: preprocess a batch, then run it). With --ours (BenchmarkDotNet's CSV report of
EmbeddingThroughputBenchmarks) it also prints our figures beside these and the ratios.

The models: the ViT-B/32 shape is tools/demo-model/model.py's VisionTransformer built with train.py's seed, so its
weights equal those --export-vitb32 wrote to ONNX; the demo model's CNN is rebuilt from models/demo-clip/config.json
with fresh weights (the checkpoint is not committed; throughput does not depend on the values).
Needs: apt-get install python3-torch python3-torchvision libopenblas0-pthread
"""
from __future__ import annotations

import argparse
import csv
import glob
import json
import os
import statistics
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
IMAGES = os.path.join(ROOT, "artifacts", "bench-data", "embed-images")
VIT_FOLDER = os.path.join(ROOT, "artifacts", "models", "vit-b32-random")
DEMO_FOLDER = os.path.join(ROOT, "models", "demo-clip")
DEFAULT_REPORT = os.path.join(ROOT, "BenchmarkDotNet.Artifacts", "results",
                              "Sly.Benchmarks.Embeddings.EmbeddingThroughputBenchmarks-report.csv")
BATCH = 16
sys.path.insert(0, os.path.join(ROOT, "tools", "demo-model"))

import openblas  # noqa: E402


def use_openblas(threads: int) -> str:
    """Linear layers on OpenBLAS (as train.py does) rather than the reference BLAS, which would make the peer look
    ~10x slower than it can be."""
    if not openblas.available():
        return "system BLAS (libopenblas0-pthread is not installed)"
    openblas.reexec(threads)
    return "OpenBLAS (libopenblas0-pthread)"


def build_model(name: str, seed: int):
    import torch

    from model import VisionCnn, VisionTransformer

    if name == "vit-b32":
        if not os.path.exists(os.path.join(VIT_FOLDER, "vision_model.onnx")):
            sys.exit(f"{VIT_FOLDER} is missing: /usr/bin/python3 tools/demo-model/train.py --export-vitb32 artifacts/models/vit-b32-random")
        torch.manual_seed(seed)  # train.py's export builds the vision tower first, after this same call
        return VisionTransformer(224, 32, 768, 12, 12, 512).eval(), 224, VIT_FOLDER
    with open(os.path.join(DEMO_FOLDER, "config.json")) as f:
        cfg = json.load(f)
    v = cfg["vision_model"]
    torch.manual_seed(seed)
    return VisionCnn(tuple(v["widths"]), tuple(v["blocks"]), cfg["projection_dim"]).eval(), cfg["image_size"], DEMO_FOLDER


def clip_transform(size: int, folder: str):
    from torchvision import transforms

    with open(os.path.join(folder, "preprocessor_config.json")) as f:
        pre = json.load(f)
    return transforms.Compose([
        transforms.Resize(size, interpolation=transforms.InterpolationMode.BICUBIC),
        transforms.CenterCrop(size),
        transforms.ToTensor(),
        transforms.Normalize(pre["image_mean"], pre["image_std"]),
    ])


def timed(action, repeats: int) -> float:
    """Median seconds of `repeats` runs after one warm-up run."""
    action()
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def measure(name: str, paths: list[str], threads: int, repeats: int, seed: int) -> dict:
    import torch
    from PIL import Image

    torch.set_num_threads(threads)
    model, size, folder = build_model(name, seed)
    transform = clip_transform(size, folder)

    def preprocess(batch_paths):
        return torch.stack([transform(Image.open(p).convert("RGB")) for p in batch_paths])

    batch = preprocess(paths[:BATCH])

    def infer():
        with torch.inference_mode():
            model(batch)

    def preprocess_all():
        for i in range(0, len(paths), BATCH):
            preprocess(paths[i:i + BATCH])

    def pipeline():
        with torch.inference_mode():
            for i in range(0, len(paths), BATCH):
                model(preprocess(paths[i:i + BATCH]))

    inference = timed(infer, repeats) / BATCH
    prep = timed(preprocess_all, repeats) / len(paths)
    full = timed(pipeline, max(1, repeats // 2)) / len(paths)
    return {"model": name, "inference_img_s": 1 / inference, "preprocess_img_s": 1 / prep, "pipeline_img_s": 1 / full,
            "preprocess_share": prep / full}


def our_figures(report: str) -> dict:
    """{(model, method): images/s} from BenchmarkDotNet's CSV report."""
    out = {}
    with open(report, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            try:
                out[(row["Model"], row["Method"])] = float(row["img/s"].replace(",", ""))
            except (KeyError, ValueError):
                continue
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", choices=["demo", "vit-b32", "both"], default="both")
    ap.add_argument("--threads", type=int, default=os.cpu_count(), help="torch threads (default: all cores, as ours)")
    ap.add_argument("--images", type=int, default=128, help="images per pipeline run (the C# benchmark uses 128)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1, help="train.py's --seed when it exported the ViT-B/32 shape")
    ap.add_argument("--ours", nargs="?", const=DEFAULT_REPORT, help="BenchmarkDotNet CSV report to compare with")
    a = ap.parse_args()
    blas = use_openblas(a.threads)

    import torch

    paths = sorted(glob.glob(os.path.join(IMAGES, "*.jpg")))[:a.images]
    if len(paths) < a.images:
        sys.exit(f"{IMAGES} holds {len(paths)} images: run the C# benchmark once to write them:\n"
                 "  dotnet run -c Release --project benchmarks/Sly.Benchmarks -- --filter '*EmbeddingThroughput*'")
    print(f"PyTorch {torch.__version__} eager, {a.threads} threads, {blas}; {len(paths)} JPEG files, batch {BATCH}", flush=True)
    ours = our_figures(a.ours) if a.ours else {}
    names = ["demo", "vit-b32"] if a.model == "both" else [a.model]
    for name in names:
        r = measure(name, paths, a.threads, a.repeats, a.seed)
        print(f"{name}: inference {r['inference_img_s']:.1f} img/s, preprocessing {r['preprocess_img_s']:.1f} img/s, "
              f"preprocess-then-infer {r['pipeline_img_s']:.1f} img/s (preprocessing {100 * r['preprocess_share']:.0f} % of it)")
        raw = ours.get((name, "RawInference"))
        full = ours.get((name, "FullPipeline"))
        if raw and full:
            print(f"  ours: ONNX Runtime raw {raw:.1f} img/s, full pipeline {full:.1f} img/s = {full / raw:.2f}x raw (target >= 0.90); "
                  f"full pipeline vs PyTorch eager's: {full / r['pipeline_img_s']:.1f}x; ORT vs eager inference: {raw / r['inference_img_s']:.1f}x")
        elif a.ours:
            print(f"  ({a.ours} has no {name} rows)")


if __name__ == "__main__":
    main()
