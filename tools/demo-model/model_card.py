"""Renders models/demo-clip/README.md (the model card) from the numbers train.py measured."""
from __future__ import annotations


def _mb(n: int) -> str:
    return f"{n / 1e6:.2f} MB"


def _status(metrics: dict) -> str:
    missed = [name for name, key, target in (
        ("text→image precision@10", "text_to_image_precision_at_10", 0.9),
        ("image→image precision@10", "image_to_image_precision_at_10", 0.9),
        ("k-means purity", "kmeans_part_purity", 0.8)) if metrics[key] < target]
    if not missed:
        return "All three targets are met."
    return ("**Below target:** " + ", ".join(missed) + ". Fine defects (dents, cracks, scratches on thin "
            "parts) are what the image tower still confuses; see the breakdown below.")


def _floor(v: float) -> str:
    import math

    return f"{math.floor((v - 0.02) * 20) / 20:.2f}"


def _breakdown(metrics: dict) -> str:
    by_d = metrics.get("image_to_image_precision_at_10_by_defect")
    by_p = metrics.get("image_to_image_precision_at_10_by_part")
    if not by_d or not by_p:
        return ""
    d = " | ".join(f"{k} {v:.2f}" for k, v in by_d.items())
    p = " | ".join(f"{k} {v:.2f}" for k, v in by_p.items())
    return (f"Image→image precision@10 by the query's defect: {d}.  \n"
            f"By the query's part: {p}.")


def render(metrics: dict, card: dict) -> str:
    td, hd = card["train_data"], card["heldout_data"]
    files = card["files"]
    total = sum(files.values())
    ver = card["onnx_verification"]
    vin = ", ".join(f"`{n}` {shape}" for n, shape in ver["vision_inputs"])
    vout = ", ".join(f"`{n}` {shape}" for n, shape in ver["vision_outputs"])
    tin = ", ".join(f"`{n}` {shape}" for n, shape in ver["text_inputs"])
    tout = ", ".join(f"`{n}` {shape}" for n, shape in ver["text_outputs"])
    render_lines = "\n".join(c for c in (td.get("render_command"), hd.get("render_command")) if c)
    if not render_lines:
        render_lines = "# (demo sets were rendered beforehand; see Training data)"
    worst = "\n".join(f"| {w['prompt']} | {w['precision_at_10']:.1f} |" for w in metrics["worst_prompts"])
    hist = "\n".join(
        f"| {h['epoch']} | {h['loss']:.3f} | {h['seconds']:.0f} |"
        + (f" {h['text_to_image_precision_at_10']:.3f} | {h['image_to_image_precision_at_10']:.3f} | {h['kmeans_part_purity']:.3f} |"
           if "text_to_image_precision_at_10" in h else " | | |")
        for h in card["history"])
    file_rows = "\n".join(f"| `{f}` | {_mb(n)} |" for f, n in files.items())
    return f"""# sly-demo-clip

A **toy domain model** in the file layout of an OpenAI CLIP ONNX export, trained by this project
from its own synthetic "parts inspection" demo images. It lets Sly Notebooks do text→image and
image→image search, clustering and projections out of the box, and is what the product uses when
no other model is configured.

It is **not CLIP** and knows nothing outside the demo domain: 7 part kinds (gear, bolt, nut,
washer, bracket, plate, spring), 5 defect states (none, scratch, dent, rust, crack), the demo
colours/materials and backgrounds, rendered by `sly demo-data`. Its vocabulary ({card['vocab_tokens']}
tokens) was learned from the demo captions only; any other words are spelled out byte by byte and
mean little to it. Point the product at a real CLIP export for real photos.

## Files

| file | size |
| --- | --- |
{file_rows}
| **total** (without this card and metrics.json) | **{_mb(total)}** |

* `vision_model.onnx` — input {vin} → output {vout} (projected, not L2-normalised, as Hugging Face's CLIP export).
* `text_model.onnx` — inputs {tin} → output {tout}.
* `vocab.json` / `merges.txt` — CLIP-format byte-level BPE (CLIP's `bytes_to_unicode` alphabet, then
  the alphabet with `</w>`, then the learned merges, then `<|startoftext|>` and `<|endoftext|>` as the
  last two ids; `#version: 0.2` merges). Lower-case, CLIP's pre-tokenisation regex, context
  {77}, `<|startoftext|>` … `<|endoftext|>`, padded with id 0. Parity cases:
  `tools/demo-model/tokenizer_check.json`.
* `preprocessor_config.json` — CLIP's preprocessing at {card['image_size']} px: shortest side to
  {card['image_size']} (bicubic), centre crop, /255, CLIP mean/std, NCHW float32.
* `config.json` — name `sly-demo-clip`, dims, image size, context length, pad/eos ids.
* `metrics.json` — everything below, plus per-epoch history.

ONNX opset 17, dynamic batch axis. Checked with `onnx.checker` (full check) and run with
{ver['checked_with']} against the PyTorch model on a small batch: max |Δ| vision
{ver['vision_max_abs_diff']:.1e}, text {ver['text_max_abs_diff']:.1e}; text with an all-ones
attention_mask differs by {ver['text_mask_ones_max_abs_diff']:.1e} (pooling is at the end-of-text
token under a causal mask, so padding never changes the embedding).

## Architecture

* Vision: residual CNN — two stride-2 3×3 conv-BN-ReLU stem layers, then three stages of
  [stride-2 conv, residual block(s)], widths {card.get('vision_widths', '')}; mean- and max-pooled
  features concatenated and projected to {card['embed_dim']}. {card['params_vision']:,} parameters.
* Text: CLIP-style causal pre-LN transformer (token + learned position embeddings, width
  {card.get('text_width', '')}, {card.get('text_layers', '')} layers, {card.get('text_heads', '')} heads, final LayerNorm), pooled at
  `argmax(input_ids)` (the end-of-text token has the highest id, as in CLIP), projected to
  {card['embed_dim']} without bias. {card['params_text']:,} parameters.
* Embedding dimension {card['embed_dim']}; learnable logit scale (CLIP's init 1/0.07, clamped at 100).

## Training

* Loss: CLIP's symmetric contrastive (InfoNCE) loss over the batch's image–caption similarity
  matrix, with one change to the targets: the generator repeats captions across images, so a
  caption counts as a positive for every image in the batch whose label (part, colour, defect)
  it was written for somewhere in the training set (a caption such as "a dented washer", seen
  with washers of several colours, is a positive for all of them; a caption seen once is a
  positive only for images with that exact label). With unique captions this is exactly CLIP's
  diagonal target; CLIP's own loss would push these true pairs apart.
  {card.get('image_loss_note', '')}
* One caption drawn at random from each image's captions every epoch; random flips and
  90° turns of the preprocessed images.
* AdamW (lr {card['lr']}, weight decay {card.get('weight_decay', '')}, betas 0.9/0.98), 5% warm-up then
  cosine decay, batch {card['batch_size']}, {card['epochs']} epochs, seed {card['seed']},
  PyTorch {card['torch']} on {card['threads']} CPU threads.
* Training data: {td['count']} images rendered by `sly demo-data` with seed {td.get('seed')} at
  {td['image_size'][0]}×{td['image_size'][1]} px; held-out: {hd['count']} images with seed {hd.get('seed')}
  (a different seed: no held-out image or label draw is in training).
* Wall time: {card['train_seconds'] / 60:.1f} min training, {card['total_seconds'] / 60:.1f} min
  in all (loading, vocabulary, export, verification, metrics) on 2 CPU cores.

Reproduce (from the repository root; the script renders the two demo sets with the product's
generator when the folders do not exist yet):

```
{render_lines}
{card['command']}
```
{("The run wrote to `" + card['trained_into'].split(' ')[0] + "`; its files were copied here unchanged (the output folder does not affect them)." if card.get('trained_into') else "")}

## Held-out quality

Measured on the held-out set ({metrics['heldout_images']} images, seed {hd.get('seed')}) with
L2-normalised embeddings and cosine similarity; {metrics['embeddings_from']}.

| metric | value | target |
| --- | --- | --- |
| text→image precision@10, {metrics['text_to_image_prompts']} prompts naming part and defect | **{metrics['text_to_image_precision_at_10']:.3f}** | ≥ 0.9 |
| image→image precision@10 (same part and defect, query excluded) | **{metrics['image_to_image_precision_at_10']:.3f}** | ≥ 0.9 |
| image→image precision@10, same part only | {metrics['image_to_image_precision_at_10_part_only']:.3f} | |
| k-means (k = {metrics['kmeans_k']} parts, scikit-learn, seed {card['seed']}, n_init 10) purity w.r.t. part | **{metrics['kmeans_part_purity']:.3f}** | ≥ 0.8 |

{_status(metrics)}

{_breakdown(metrics)}

Floors for tests (a little below the measured values, which vary slightly with the held-out
seed): text→image {_floor(metrics['text_to_image_precision_at_10'])}, image→image
{_floor(metrics['image_to_image_precision_at_10'])}, k-means purity {_floor(metrics['kmeans_part_purity'])}.

Prompts: for every part × defect, two of the templates `a {{part}} with {{defect noun}}`,
`{{defect adjective}} {{part}}`, `a photo of a {{defect adjective}} {{part}}`, `{{part}} with {{defect noun}}`
(adjectives intact/scratched/dented/rusty/cracked, nouns no defects/a scratch/a dent/rust/a crack),
drawn by a seeded generator of their own; {metrics['prompts_seen_verbatim_in_training_captions']} of the
{metrics['text_to_image_prompts']} prompts occur verbatim among the training captions. A result is relevant
when its part and defect both match.

Weakest prompts:

| prompt | precision@10 |
| --- | --- |
{worst}

Per epoch:

| epoch | loss | seconds | t→i P@10 | i→i P@10 | purity |
| --- | --- | --- | --- | --- | --- |
{hist}

## Licence

Weights, vocabulary and card were produced by the Sly Notebooks project from its own synthetic
data and code, with no third-party weights or vocabulary; they are distributed under the
repository's licence. Only the byte-to-unicode table and the file conventions follow OpenAI CLIP.
"""
