#!/usr/bin/python3
"""Train the Sly Notebooks demo CLIP model on the synthetic demo set and export it in CLIP's ONNX
layout (vision_model.onnx / text_model.onnx + vocab.json / merges.txt + HF preprocessor config).

Training-time tool only (Debian: python3-torch python3-onnx python3-sklearn python3-numpy
python3-pil [python3-regex]); the product loads the exported files with ONNX Runtime.

    /usr/bin/python3 tools/demo-model/train.py --data /tmp/demo-train --holdout /tmp/demo-holdout \
        --out models/demo-clip --seed 1 --epochs 14

See tools/demo-model/README.md. --export-vitb32 DIR writes a ViT-B/32-shaped model with random
weights (for benchmarking the cost of a real CLIP; never committed) and exits.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import shlex
import subprocess
import sys
import time
from multiprocessing import Pool

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import clip_bpe  # noqa: E402
import openblas  # noqa: E402
from model import (CLIP_MEAN, CLIP_STD, DualEncoder, TextTransformer, VisionCnn,  # noqa: E402
                   VisionTransformer, export_onnx)

REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
CONTEXT = 77
MODEL_NAME = "sly-demo-clip"

# Words for held-out prompts: the plain name of each part and defect (not the generator's
# synonyms), in templates of our own; see eval_prompts().
DEFECT_ADJ = {"none": "intact", "scratch": "scratched", "dent": "dented", "rust": "rusty", "crack": "cracked"}
DEFECT_NOUN = {"none": "no defects", "scratch": "a scratch", "dent": "a dent", "rust": "rust", "crack": "a crack"}
EVAL_TEMPLATES = [
    lambda p, d: f"a {p} with {DEFECT_NOUN[d]}",
    lambda p, d: f"{DEFECT_ADJ[d]} {p}",
    lambda p, d: f"a photo of a {DEFECT_ADJ[d]} {p}",
    lambda p, d: f"{p} with {DEFECT_NOUN[d]}",
]


# ---------------------------------------------------------------- data
def preprocess(img: Image.Image, size: int) -> np.ndarray:
    """The product's (and HF CLIPImageProcessor's) preprocessing up to the float conversion:
    RGB, resize the shortest side to `size` with bicubic, centre-crop size x size. uint8 HWC."""
    img = img.convert("RGB")
    w, h = img.size
    short, long = (w, h) if w <= h else (h, w)
    new_long = int(size * long / short)
    new_w, new_h = (size, new_long) if w <= h else (new_long, size)
    if (new_w, new_h) != (w, h):
        img = img.resize((new_w, new_h), Image.BICUBIC)
    left, top = (new_w - size) // 2, (new_h - size) // 2
    img = img.crop((left, top, left + size, top + size))
    return np.asarray(img, dtype=np.uint8)


def normalise(batch_u8: torch.Tensor) -> torch.Tensor:
    """uint8 NHWC -> float32 NCHW, /255, CLIP mean/std."""
    x = batch_u8.permute(0, 3, 1, 2).float().div_(255.0)
    mean = torch.tensor(CLIP_MEAN).view(1, 3, 1, 1)
    std = torch.tensor(CLIP_STD).view(1, 3, 1, 1)
    return (x - mean) / std


def _load_one(args):
    path, size = args
    with Image.open(path) as im:
        return preprocess(im, size)


def ensure_demo_data(directory: str, count: int | None, seed: int | None, size: int | None) -> str | None:
    """Render the demo set with the product's own generator if it is not there yet; returns the
    rendering command (None when count/seed were not given and the set was already there)."""
    cmd = None
    if count is not None and seed is not None:
        cmd = ["dotnet", "run", "--project", "src/Sly.Cli", "--", "demo-data",
               "--out", directory, "--count", str(count), "--seed", str(seed)]
        if size:
            cmd += ["--size", str(size)]
    if not os.path.exists(os.path.join(directory, "labels.jsonl")):
        if cmd is None:
            sys.exit(f"{directory}/labels.jsonl not found; render it with `sly demo-data` or pass its --*-count/--*-seed")
        print("rendering:", " ".join(shlex.quote(c) for c in cmd), flush=True)
        subprocess.run(cmd, check=True, cwd=REPO)
    return " ".join(shlex.quote(c) for c in cmd) if cmd else None


def load_demo_set(directory: str, size: int) -> tuple[list[dict], np.ndarray]:
    with open(os.path.join(directory, "labels.jsonl"), encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    paths = [(os.path.join(directory, r["path"]), size) for r in records]
    with Pool(2) as pool:
        images = pool.map(_load_one, paths, chunksize=64)
    return records, np.stack(images)


def label_key(r: dict) -> tuple:
    """The image's label: every field of labels.jsonl except its file, dataset and captions."""
    return tuple(sorted((k, json.dumps(v)) for k, v in r.items() if k not in ("path", "dataset", "captions")))


# ---------------------------------------------------------------- evaluation
def eval_prompts(parts: list[str], defects: list[str], seed: int, per_pair: int = 2) -> list[tuple[str, str, str]]:
    """(prompt, part, defect): for every part x defect, `per_pair` of EVAL_TEMPLATES drawn with
    its own seeded generator (independent of the training captions)."""
    rng = random.Random(seed * 7919 + 17)
    out = []
    for p in parts:
        for d in defects:
            for t in rng.sample(range(len(EVAL_TEMPLATES)), per_pair):
                out.append((EVAL_TEMPLATES[t](p, d), p, d))
    return out


def l2n(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x, axis=1, keepdims=True).clip(1e-12)


def kmeans_purity(emb: np.ndarray, labels: list[str], k: int, seed: int) -> float:
    from sklearn.cluster import KMeans

    assign = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(emb)
    lab = np.array(labels)
    return float(sum(np.unique(lab[assign == c], return_counts=True)[1].max() for c in np.unique(assign)) / len(lab))


def compute_metrics(img_emb: np.ndarray, records: list[dict], prompts: list[tuple[str, str, str]],
                    txt_emb: np.ndarray, seed: int, k: int = 10) -> dict:
    img = l2n(img_emb)
    txt = l2n(txt_emb)
    parts = np.array([r["part"] for r in records])
    defects = np.array([r["defect"] for r in records])
    # text -> image
    sims = txt @ img.T
    per_prompt = []
    for (prompt, p, d), s in zip(prompts, sims):
        top = np.argsort(-s, kind="stable")[:k]
        per_prompt.append(float(np.mean((parts[top] == p) & (defects[top] == d))))
    # image -> image (query excluded)
    ii = img @ img.T
    np.fill_diagonal(ii, -np.inf)
    top = np.argsort(-ii, axis=1, kind="stable")[:, :k]
    same = (parts[top] == parts[:, None]) & (defects[top] == defects[:, None])
    i2i = float(same.mean())
    i2i_part = float((parts[top] == parts[:, None]).mean())
    i2i_by_defect = {d: float(same[defects == d].mean()) for d in sorted(set(defects.tolist()))}
    i2i_by_part = {p: float(same[parts == p].mean()) for p in sorted(set(parts.tolist()))}
    n_parts = len(set(parts.tolist()))
    purity = kmeans_purity(img, parts.tolist(), n_parts, seed)
    worst = sorted(zip(per_prompt, [p[0] for p in prompts]))[:5]
    return {
        "text_to_image_precision_at_10": float(np.mean(per_prompt)),
        "text_to_image_prompts": len(prompts),
        "image_to_image_precision_at_10": i2i,
        "image_to_image_precision_at_10_part_only": i2i_part,
        "image_to_image_precision_at_10_by_defect": i2i_by_defect,
        "image_to_image_precision_at_10_by_part": i2i_by_part,
        "kmeans_k": n_parts,
        "kmeans_part_purity": purity,
        "worst_prompts": [{"prompt": t, "precision_at_10": v} for v, t in worst],
    }


@torch.no_grad()
def embed_images(vision, images_u8: np.ndarray, batch: int = 256) -> np.ndarray:
    vision.eval()
    out = [vision(normalise(torch.from_numpy(images_u8[i:i + batch]))) for i in range(0, len(images_u8), batch)]
    return torch.cat(out).numpy()


@torch.no_grad()
def embed_texts(text, tok: clip_bpe.ClipTokenizer, texts: list[str]) -> np.ndarray:
    text.eval()
    ids, mask = tok(texts)
    return text(torch.tensor(ids), torch.tensor(mask)).numpy()


# ---------------------------------------------------------------- training
def augment(x_u8: torch.Tensor, g: torch.Generator) -> torch.Tensor:
    """Dihedral augmentation per sample (flips and 90-degree turns): parts lie at any angle."""
    n = x_u8.shape[0]
    choice = torch.randint(0, 8, (n,), generator=g)
    out = x_u8.clone()
    for c in range(1, 8):
        sel = (choice == c).nonzero().flatten()
        if len(sel) == 0:
            continue
        y = x_u8[sel]
        if c & 1:
            y = y.flip(2)
        y = torch.rot90(y, c >> 1, dims=(1, 2))
        out[sel] = y
    return out


def clip_loss(img: torch.Tensor, txt: torch.Tensor, scale: torch.Tensor, positive: torch.Tensor) -> torch.Tensor:
    """CLIP's symmetric cross-entropy over the batch similarity matrix. `positive[i, j]` says that
    caption j is true of image i (the diagonal, and any other pair the labels prove true); with
    only the diagonal this is exactly CLIP's loss."""
    logits = scale * F.normalize(img, dim=-1) @ F.normalize(txt, dim=-1).t()
    p = positive.float()
    i2t = -(p * F.log_softmax(logits, dim=1)).sum(1) / p.sum(1)
    t2i = -(p * F.log_softmax(logits, dim=0)).sum(0) / p.sum(0)
    return (i2t.mean() + t2i.mean()) / 2


def supervised_image_loss(img: torch.Tensor, groups: torch.Tensor, temperature: float = 0.1) -> torch.Tensor:
    """Supervised contrastive term between images of the batch (positives: same group)."""
    z = F.normalize(img, dim=-1)
    logits = z @ z.t() / temperature
    eye = torch.eye(len(z), dtype=torch.bool)
    logits = logits.masked_fill(eye, -1e4)
    pos = (groups[:, None] == groups[None, :]) & ~eye
    has = pos.any(1)
    logp = F.log_softmax(logits, dim=1)
    per = -(pos.float() * logp).sum(1) / pos.float().sum(1).clamp(min=1)
    return per[has].mean() if has.any() else img.sum() * 0


def cosine_class_loss(img: torch.Tensor, prototypes: torch.Tensor, groups: torch.Tensor, scale: float = 16.0) -> torch.Tensor:
    """Cross-entropy of a cosine classifier over (part, defect) on the image embedding: pulls each
    image towards its class prototype. The prototypes are training-only and not exported."""
    logits = scale * F.normalize(img, dim=-1) @ F.normalize(prototypes, dim=-1).t()
    return F.cross_entropy(logits, groups)


def build_model(vocab_size: int, a) -> DualEncoder:
    widths = tuple(int(x) for x in a.vision_widths.split(","))
    blocks = tuple(int(x) for x in a.vision_blocks.split(","))
    vision = VisionCnn(widths, blocks, a.embed_dim)
    text = TextTransformer(vocab_size, CONTEXT, a.text_width, a.text_layers, a.text_heads, a.embed_dim)
    return DualEncoder(vision, text)


def params(m) -> int:
    return sum(p.numel() for p in m.parameters())


def train(a) -> None:
    t_start = time.time()
    random.seed(a.seed)
    np.random.seed(a.seed)
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    os.makedirs(a.out, exist_ok=True)

    data_cmd = ensure_demo_data(a.data, a.data_count, a.data_seed, a.data_size)
    holdout_cmd = ensure_demo_data(a.holdout, a.holdout_count, a.holdout_seed, a.data_size)
    t0 = time.time()
    records, images = load_demo_set(a.data, a.image_size)
    h_records, h_images = load_demo_set(a.holdout, a.image_size)
    print(f"loaded {len(records)} training and {len(h_records)} held-out images at {a.image_size}px "
          f"in {time.time() - t0:.0f}s", flush=True)
    if os.path.samefile(a.data, a.holdout):
        sys.exit("--holdout must be a different demo set (rendered with another seed)")

    # vocabulary from the training captions only
    all_captions = [c for r in records for c in r["captions"]]
    merges = clip_bpe.train_bpe(all_captions, max_merges=a.max_merges, min_frequency=2)
    vocab = clip_bpe.write_files(merges, os.path.join(a.out, "vocab.json"), os.path.join(a.out, "merges.txt"))
    tok = clip_bpe.ClipTokenizer.from_files(os.path.join(a.out, "vocab.json"), os.path.join(a.out, "merges.txt"), CONTEXT)
    print(f"vocabulary: {len(merges)} merges, {tok.vocab_size} tokens, eot id {tok.eot_id}", flush=True)

    # caption table
    caption_list = sorted(set(all_captions))
    caption_id = {c: i for i, c in enumerate(caption_list)}
    ids, mask = tok(caption_list)
    cap_ids = torch.tensor(ids)
    cap_mask = torch.tensor(mask)
    cap_len = cap_mask.sum(1)
    max_caps = max(len(r["captions"]) for r in records)
    img_caps = torch.full((len(records), max_caps), -1, dtype=torch.long)
    for i, r in enumerate(records):
        for j, c in enumerate(r["captions"]):
            img_caps[i, j] = caption_id[c]
    n_caps = torch.tensor([len(r["captions"]) for r in records])
    keys = {}
    img_key = torch.tensor([keys.setdefault(label_key(r), len(keys)) for r in records])
    # caption_true[c, k]: caption c was written for some training image whose label is k. A
    # caption is taken to be true of every image with such a label: a caption seen with several
    # colours (say "a dented washer") is thereby colour-blind, one seen once stays specific.
    caption_true = torch.zeros(len(caption_list), len(keys), dtype=torch.bool)
    for i, r in enumerate(records):
        for c in r["captions"]:
            caption_true[caption_id[c], img_key[i]] = True
    groups = {}
    img_group = torch.tensor([groups.setdefault((r["part"], r["defect"]), len(groups)) for r in records])

    model = build_model(tok.vocab_size, a)
    # training-only head (not exported): one prototype per (part, defect) for cosine_class_loss
    class_head = torch.nn.Parameter(torch.randn(len(groups), a.embed_dim) * 0.02)
    print(f"parameters: vision {params(model.vision):,}, text {params(model.text):,}", flush=True)
    decay, no_decay = [], []
    for n, p in model.named_parameters():
        (no_decay if p.ndim < 2 or "embedding" in n or n == "logit_scale" else decay).append(p)
    if a.class_loss_weight > 0:
        no_decay.append(class_head)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": a.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=a.lr, betas=(0.9, 0.98), eps=1e-6)
    n = len(records)
    steps_per_epoch = n // a.batch_size
    total = steps_per_epoch * a.epochs
    warmup = max(1, int(0.05 * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: (s + 1) / warmup if s < warmup else 0.5 * (1 + math.cos(math.pi * (s - warmup) / max(1, total - warmup))))
    g = torch.Generator().manual_seed(a.seed)
    images_t = torch.from_numpy(images)
    prompts = eval_prompts(sorted({r["part"] for r in h_records}), sorted({r["defect"] for r in h_records}), a.seed)
    history = []
    t_train = time.time()
    step = 0
    for epoch in range(a.epochs):
        model.train()
        perm = torch.randperm(n, generator=g)
        choice = (torch.rand(n, generator=g) * n_caps).long()  # one caption per image this epoch
        run_loss = 0.0
        t_ep = time.time()
        for b in range(steps_per_epoch):
            idx = perm[b * a.batch_size:(b + 1) * a.batch_size]
            x = normalise(augment(images_t[idx], g))
            cap = img_caps[idx, choice[idx]]
            positive = caption_true[cap][:, img_key[idx]].t()  # [image, caption]
            img_e = model.vision(x)
            length = int(cap_len[cap].max())  # cut after the batch's last end-of-text token
            txt_e = model.text(cap_ids[cap, :length], cap_mask[cap, :length])
            scale = model.logit_scale.exp().clamp(max=100)
            loss = clip_loss(img_e, txt_e, scale, positive)
            if a.image_loss_weight > 0:
                loss = loss + a.image_loss_weight * supervised_image_loss(img_e, img_group[idx])
            if a.class_loss_weight > 0:
                loss = loss + a.class_loss_weight * cosine_class_loss(img_e, class_head, img_group[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            run_loss += loss.item()
            if b % 10 == 0:
                print(f"  epoch {epoch + 1} step {b}/{steps_per_epoch} loss {loss.item():.3f} "
                      f"scale {scale.item():.1f} lr {sched.get_last_lr()[0]:.2e}", flush=True)
        entry = {"epoch": epoch + 1, "loss": run_loss / steps_per_epoch, "seconds": time.time() - t_ep}
        if a.eval_every and ((epoch + 1) % a.eval_every == 0 or epoch + 1 == a.epochs):
            m = compute_metrics(embed_images(model.vision, h_images), h_records, prompts,
                                embed_texts(model.text, tok, [p[0] for p in prompts]), a.seed)
            entry.update({k: v for k, v in m.items() if k != "worst_prompts" and not k.endswith(("_by_defect", "_by_part"))})
            print("  by defect:", json.dumps(m["image_to_image_precision_at_10_by_defect"]), flush=True)
        history.append(entry)
        print(json.dumps(entry), flush=True)
    train_seconds = time.time() - t_train

    # export and verify
    model.eval()
    vpath, tpath = export_onnx(model.vision, model.text, a.image_size, CONTEXT, a.out)
    verification = verify_onnx(vpath, tpath, model, h_images[:4], tok, [p[0] for p in prompts[:6]])
    print("onnx verification:", json.dumps(verification), flush=True)

    # metrics from the exported graphs
    t_m = time.time()
    img_emb, txt_emb, how = exported_embeddings(vpath, tpath, h_images, tok, [p[0] for p in prompts])
    print(f"exported-model embeddings in {time.time() - t_m:.0f}s", flush=True)
    metrics = compute_metrics(img_emb, h_records, prompts, txt_emb, a.seed)
    metrics["embeddings_from"] = how
    train_caps = set(all_captions)
    metrics["prompts_seen_verbatim_in_training_captions"] = sum(p[0] in train_caps for p in prompts)
    metrics["heldout_images"] = len(h_records)
    print("held-out metrics:", json.dumps(metrics, indent=1), flush=True)

    write_configs(a, tok, model)
    total_seconds = time.time() - t_start
    card = {
        "command": command_line(),
        "seed": a.seed, "epochs": a.epochs, "batch_size": a.batch_size, "lr": a.lr,
        "image_size": a.image_size, "embed_dim": a.embed_dim, "weight_decay": a.weight_decay,
        "vision_widths": a.vision_widths, "vision_blocks": a.vision_blocks,
        "text_width": a.text_width, "text_layers": a.text_layers, "text_heads": a.text_heads,
        "image_loss_weight": a.image_loss_weight, "class_loss_weight": a.class_loss_weight,
        "image_loss_note": " ".join(x for x in [
            (f"Plus {a.image_loss_weight} × a supervised contrastive term between the batch's images "
             "(positives: same part and defect, temperature 0.1)." if a.image_loss_weight > 0 else ""),
            (f"Plus {a.class_loss_weight} × the cross-entropy of a cosine classifier (scale 16) over the "
             "35 part × defect classes on the image embedding; its prototypes are training-only and not exported."
             if a.class_loss_weight > 0 else "")] if x),
        "training_images": len(records), "heldout_images": len(h_records),
        "train_data": describe_set(a.data, records, data_cmd, a.data_seed),
        "heldout_data": describe_set(a.holdout, h_records, holdout_cmd, a.holdout_seed),
        "vocab_tokens": tok.vocab_size, "merges": len(merges),
        "params_vision": params(model.vision), "params_text": params(model.text),
        "train_seconds": round(train_seconds), "total_seconds": round(total_seconds),
        "torch": torch.__version__, "threads": a.threads,
        "blas": "OpenBLAS (libopenblas0-pthread)" if openblas.active() else "system default",
        "files": {f: os.path.getsize(os.path.join(a.out, f)) for f in sorted(os.listdir(a.out))
                  if f not in ("README.md", "metrics.json")},
        "onnx_verification": verification,
        "history": history,
    }
    with open(os.path.join(a.out, "metrics.json"), "w") as f:
        json.dump({"metrics": metrics, "training": card}, f, indent=1)
    write_tokenizer_check(tok, a.out)
    write_model_card(a, metrics, card)
    print(f"done in {total_seconds:.0f}s (training {train_seconds:.0f}s)", flush=True)


def describe_set(directory: str, records: list[dict], cmd: str | None, seed: int | None) -> dict:
    from collections import Counter

    info = {"dir": directory, "count": len(records), "render_command": cmd, "seed": seed,
            "parts": dict(sorted(Counter(r["part"] for r in records).items())),
            "defects": dict(sorted(Counter(r["defect"] for r in records).items()))}
    with Image.open(os.path.join(directory, records[0]["path"])) as im:
        info["image_size"] = list(im.size)
    meta = os.path.join(directory, "demo-data.json")
    if os.path.exists(meta):
        with open(meta) as f:
            info["generator"] = json.load(f)
    return info


def command_line() -> str:
    args = [os.path.relpath(os.path.abspath(sys.argv[0]), REPO)] + sys.argv[1:]
    return "/usr/bin/python3 " + " ".join(shlex.quote(x) for x in args)


def onnx_runner(path: str):
    """A callable feeds -> first output for an exported file: ONNX Runtime when its Python
    package is there (it is not in Debian 12), else onnx_numpy's interpreter."""
    try:
        import onnxruntime as ort

        sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
        return (lambda feeds: sess.run(None, feeds)[0]), "onnxruntime"
    except ImportError:
        from onnx_numpy import NumpyOnnxModel

        m = NumpyOnnxModel(path)
        return (lambda feeds: m.run(feeds)[0]), "tools/demo-model/onnx_numpy.py interpreter"


def verify_onnx(vpath: str, tpath: str, model: DualEncoder, images_u8: np.ndarray, tok, texts: list[str]) -> dict:
    """onnx.checker, the declared inputs/outputs, then the exported graphs against torch."""
    import onnx

    out = {}
    for path, name in ((vpath, "vision"), (tpath, "text")):
        m = onnx.load(path)
        onnx.checker.check_model(m, full_check=True)
        out[name + "_inputs"] = [(i.name, [d.dim_param or d.dim_value for d in i.type.tensor_type.shape.dim]) for i in m.graph.input]
        out[name + "_outputs"] = [(o.name, [d.dim_param or d.dim_value for d in o.type.tensor_type.shape.dim]) for o in m.graph.output]
        out[name + "_opset"] = m.opset_import[0].version
    x = normalise(torch.from_numpy(images_u8))
    ids, mask = tok(texts)
    ids = np.array(ids, dtype=np.int64)
    mask = np.array(mask, dtype=np.int64)
    with torch.no_grad():
        tv = model.vision(x).numpy()
        tt = model.text(torch.from_numpy(ids), torch.from_numpy(mask)).numpy()
    run_v, how = onnx_runner(vpath)
    run_t, _ = onnx_runner(tpath)
    ov = run_v({"pixel_values": x.numpy()})
    ot = run_t({"input_ids": ids, "attention_mask": mask})
    # an all-ones attention_mask gives the same embeddings (EOT pooling under a causal mask)
    ot1 = run_t({"input_ids": ids, "attention_mask": np.ones_like(mask)})
    out["checked_with"] = how
    out["vision_max_abs_diff"] = float(np.abs(ov - tv).max())
    out["text_max_abs_diff"] = float(np.abs(ot - tt).max())
    out["text_mask_ones_max_abs_diff"] = float(np.abs(ot1 - tt).max())
    tol = 1e-3 * max(1.0, float(np.abs(tv).max()), float(np.abs(tt).max()))
    if max(out["vision_max_abs_diff"], out["text_max_abs_diff"], out["text_mask_ones_max_abs_diff"]) > tol:
        raise SystemExit(f"exported ONNX disagrees with torch: {out}")
    return out


def exported_embeddings(vpath: str, tpath: str, images_u8: np.ndarray, tok, texts: list[str], batch: int = 32):
    """Held-out embeddings computed by running the exported ONNX files."""
    run_v, how = onnx_runner(vpath)
    run_t, _ = onnx_runner(tpath)
    img = np.concatenate([run_v({"pixel_values": normalise(torch.from_numpy(images_u8[i:i + batch])).numpy()})
                          for i in range(0, len(images_u8), batch)])
    ids, mask = tok(texts)
    txt = run_t({"input_ids": np.array(ids, dtype=np.int64), "attention_mask": np.array(mask, dtype=np.int64)})
    return img, txt, f"exported vision_model.onnx and text_model.onnx run by {how}"


def write_configs(a, tok, model) -> None:
    s = a.image_size
    pre = {"do_resize": True, "size": {"shortest_edge": s}, "resample": 3, "do_center_crop": True,
           "crop_size": {"height": s, "width": s}, "do_rescale": True, "rescale_factor": 1 / 255,
           "do_normalize": True, "image_mean": list(CLIP_MEAN), "image_std": list(CLIP_STD), "do_convert_rgb": True,
           "image_processor_type": "CLIPImageProcessor"}
    with open(os.path.join(a.out, "preprocessor_config.json"), "w") as f:
        json.dump(pre, f, indent=2)
    cfg = {
        "model_type": "clip", "id": MODEL_NAME, "name": MODEL_NAME,
        "description": "Toy domain model trained by tools/demo-model on the synthetic demo set; not OpenAI CLIP.",
        "projection_dim": a.embed_dim, "image_size": s, "context_length": CONTEXT,
        "vocab_size": tok.vocab_size, "pad_token_id": 0, "bos_token_id": tok.sot_id, "eos_token_id": tok.eot_id,
        "logit_scale": float(model.logit_scale.detach().exp().clamp(max=100)),
        "embeddings_normalized": False,
        "vision_model": {"file": "vision_model.onnx", "input": "pixel_values", "output": "image_embeds",
                         "architecture": "resnet-like CNN", "widths": [int(x) for x in a.vision_widths.split(",")],
                         "blocks": [int(x) for x in a.vision_blocks.split(",")]},
        "text_model": {"file": "text_model.onnx", "inputs": ["input_ids", "attention_mask"], "output": "text_embeds",
                       "width": a.text_width, "layers": a.text_layers, "heads": a.text_heads, "pooling": "argmax(input_ids)"},
        "text_config": {"max_position_embeddings": CONTEXT, "vocab_size": tok.vocab_size, "pad_token_id": 0,
                        "bos_token_id": tok.sot_id, "eos_token_id": tok.eot_id, "hidden_size": a.text_width,
                        "num_hidden_layers": a.text_layers, "num_attention_heads": a.text_heads},
        "vision_config": {"image_size": s, "num_channels": 3},
        "tokenizer": {"vocab": "vocab.json", "merges": "merges.txt", "bos_token": clip_bpe.SOT,
                      "eos_token": clip_bpe.EOT, "unk_token": clip_bpe.EOT, "pad_token_id": 0, "lowercase": True},
    }
    with open(os.path.join(a.out, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)


TOKENIZER_CHECK_TEXTS = [
    "a rusty steel gear",
    "close-up of a cracked brass hex bolt",
    "Inspection photo: BLACK OXIDE washer, OK",
    "a   spring\twith  rust spots",
    "quality check: the red-painted L-bracket has a hairline crack",
    "it's a nut, isn't it? 42 nuts!",
    "zebra xylophone",
    "",
]


def write_tokenizer_check(tok, out_dir: str) -> None:
    """Captions with the ids our tokenizer gives them, for the C# tokenizer's parity test. Goes to
    tools/demo-model/ when the model goes to the repository's models/demo-clip, else to out_dir."""
    cases = []
    for t in TOKENIZER_CHECK_TEXTS:
        ids, mask = tok([t])
        n = sum(mask[0])
        cases.append({"text": t, "ids": ids[0][:n], "tokens": [tok.decoder[i] for i in ids[0][:n]]})
    doc = {"vocab": "models/demo-clip/vocab.json", "merges": "models/demo-clip/merges.txt",
           "context_length": CONTEXT, "pad_id": 0, "sot_id": tok.sot_id, "eot_id": tok.eot_id,
           "note": "ids include <|startoftext|> and <|endoftext|>; input_ids are these padded with pad_id to context_length",
           "cases": cases}
    committed = os.path.abspath(out_dir) == os.path.join(REPO, "models", "demo-clip")
    target = os.path.join(HERE if committed else out_dir, "tokenizer_check.json")
    with open(target, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)


def write_model_card(a, metrics: dict, card: dict) -> None:
    from model_card import render

    with open(os.path.join(a.out, "README.md"), "w", encoding="utf-8") as f:
        f.write(render(metrics, card))


# ---------------------------------------------------------------- ViT-B/32-shaped export
def export_vitb32(a) -> None:
    """Random-weight model with ViT-B/32 CLIP's shapes, exported in the same layout, so the cost
    of running a real CLIP through the product can be measured. Not a useful model; not committed."""
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    os.makedirs(a.export_vitb32, exist_ok=True)
    vision = VisionTransformer(224, 32, 768, 12, 12, 512).eval()
    text = TextTransformer(49408, CONTEXT, 512, 12, 8, 512).eval()
    print(f"ViT-B/32 shape: vision {params(vision):,} params, text {params(text):,} params", flush=True)
    vpath, tpath = export_onnx(vision, text, 224, CONTEXT, a.export_vitb32)
    import onnx

    for p in (vpath, tpath):
        onnx.checker.check_model(p)
    pre = {"do_resize": True, "size": {"shortest_edge": 224}, "resample": 3, "do_center_crop": True,
           "crop_size": {"height": 224, "width": 224}, "do_rescale": True, "rescale_factor": 1 / 255,
           "do_normalize": True, "image_mean": list(CLIP_MEAN), "image_std": list(CLIP_STD), "do_convert_rgb": True}
    with open(os.path.join(a.export_vitb32, "preprocessor_config.json"), "w") as f:
        json.dump(pre, f, indent=2)
    src = a.out if os.path.exists(os.path.join(a.out, "vocab.json")) else os.path.join(REPO, "models", "demo-clip")
    for name in ("vocab.json", "merges.txt"):
        if os.path.exists(os.path.join(src, name)):
            with open(os.path.join(src, name), "rb") as fi, open(os.path.join(a.export_vitb32, name), "wb") as fo:
                fo.write(fi.read())
    cfg = {"model_type": "clip", "id": "vit-b32-shaped-random", "name": "vit-b32-shaped-random",
           "description": "ViT-B/32-shaped CLIP with RANDOM weights, for benchmarking only (uses the demo vocabulary files)",
           "projection_dim": 512, "image_size": 224, "context_length": CONTEXT, "vocab_size": 49408,
           "pad_token_id": 0, "vision_model": {"file": "vision_model.onnx", "input": "pixel_values", "output": "image_embeds",
                                               "patch_size": 32, "width": 768, "layers": 12, "heads": 12},
           "text_model": {"file": "text_model.onnx", "inputs": ["input_ids", "attention_mask"], "output": "text_embeds",
                          "width": 512, "layers": 12, "heads": 8}}
    with open(os.path.join(a.export_vitb32, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    for p in sorted(os.listdir(a.export_vitb32)):
        print(f"  {p}: {os.path.getsize(os.path.join(a.export_vitb32, p)) / 1e6:.1f} MB")


def use_openblas(a) -> None:
    """Train on OpenBLAS unless --blas system (see openblas.py)."""
    if a.blas == "system" or openblas.active():
        return
    if not openblas.available():
        if a.blas == "openblas":
            sys.exit("--blas openblas: apt-get install libopenblas0-pthread")
        print("note: libopenblas0-pthread is not installed; the text tower trains ~10x slower on the reference BLAS",
              flush=True)
        return
    openblas.reexec(a.threads)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="training demo-data folder (DIR/labels.jsonl)")
    ap.add_argument("--holdout", help="held-out demo-data folder rendered with a different seed")
    ap.add_argument("--data-count", type=int, help="render --data with `sly demo-data` if missing: image count")
    ap.add_argument("--data-seed", type=int, help="... and its seed")
    ap.add_argument("--holdout-count", type=int)
    ap.add_argument("--holdout-seed", type=int)
    ap.add_argument("--data-size", type=int, help="--size for `sly demo-data` (default: the generator's)")
    ap.add_argument("--out", default=os.path.join(REPO, "models", "demo-clip"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--epochs", type=int, default=14)
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--weight-decay", type=float, default=0.05)
    ap.add_argument("--image-size", type=int, default=112)
    ap.add_argument("--embed-dim", type=int, default=256)
    ap.add_argument("--vision-widths", default="32,48,96,192")
    ap.add_argument("--vision-blocks", default="1,1,1")
    ap.add_argument("--text-width", type=int, default=128)
    ap.add_argument("--text-layers", type=int, default=3)
    ap.add_argument("--text-heads", type=int, default=4)
    ap.add_argument("--max-merges", type=int, default=2000)
    ap.add_argument("--image-loss-weight", type=float, default=0.0,
                    help="weight of a supervised image-image term (positives: same part and defect)")
    ap.add_argument("--class-loss-weight", type=float, default=0.0,
                    help="weight of a cosine-classifier cross-entropy over (part, defect) on image embeddings")
    ap.add_argument("--eval-every", type=int, default=0, help="held-out metrics every N epochs (0: only at the end)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--export-vitb32", metavar="DIR", help="export a random ViT-B/32-shaped model to DIR and exit")
    ap.add_argument("--blas", choices=["auto", "openblas", "system"], default="auto",
                    help="auto: use Debian's OpenBLAS (libopenblas0-pthread) for this process when installed")
    a = ap.parse_args()
    use_openblas(a)
    if a.export_vitb32:
        export_vitb32(a)
        return
    if not a.data or not a.holdout:
        ap.error("--data and --holdout are required (or --export-vitb32)")
    train(a)


if __name__ == "__main__":
    main()
