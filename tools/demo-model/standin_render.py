"""Stand-in renderer for the demo "parts inspection" set, in the format of `sly demo-data`.

Only for developing the training script without the C# generator (or if it is unavailable): it
writes DIR/<dataset>/<part>-NNNNNN.png and DIR/labels.jsonl with the same fields. The committed
demo model is trained on the C# generator's output (see models/demo-clip/README.md).

    /usr/bin/python3 tools/demo-model/standin_render.py --out /tmp/standin --count 500 --seed 1
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random

from PIL import Image, ImageDraw, ImageFilter

PARTS = ["gear", "bolt", "nut", "washer", "bracket", "plate", "spring"]
COLOURS = {
    "steel": (160, 165, 172), "brass": (196, 160, 70), "copper": (184, 106, 60),
    "black-oxide": (45, 45, 50), "red": (190, 40, 40), "blue": (40, 80, 180),
    "yellow": (220, 200, 40), "green": (50, 150, 70),
}
DEFECTS = ["none", "scratch", "dent", "rust", "crack"]
BACKGROUNDS = {"bench": (120, 95, 70), "conveyor": (60, 62, 66), "table": (205, 205, 200)}
DATASETS = ["line-a", "line-b", "line-c"]
ADJ = {"scratch": "scratched", "dent": "dented", "rust": "rusty", "crack": "cracked"}
NOUN = {"scratch": "a scratch", "dent": "a dent", "rust": "rust", "crack": "a crack"}


def captions(part: str, colour: str, defect: str, bg: str) -> list[str]:
    c = colour.replace("-", " ")
    if defect == "none":
        return [f"a {c} {part}", f"a {part} with no defects", f"a clean {c} {part} on a {bg}",
                f"an intact {part}"]
    return [f"a {ADJ[defect]} {c} {part}", f"close-up of a {part} with {NOUN[defect]}",
            f"a {ADJ[defect]} {part} on a {bg}", f"{c} {part}, defect: {defect}"]


def _shape(d: ImageDraw.ImageDraw, part: str, cx: float, cy: float, r: float, col, rng: random.Random) -> None:
    dark = tuple(max(0, v - 60) for v in col)
    if part == "gear":
        teeth = rng.randint(8, 14)
        pts = []
        for i in range(teeth * 4):
            a = 2 * math.pi * i / (teeth * 4)
            rr = r if (i % 4) in (0, 1) else r * 0.8
            pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
        d.polygon(pts, fill=col, outline=dark)
        d.ellipse([cx - r * 0.25, cy - r * 0.25, cx + r * 0.25, cy + r * 0.25], fill=(0, 0, 0, 0))
    elif part == "bolt":
        d.rectangle([cx - r * 0.15, cy - r * 0.5, cx + r * 0.15, cy + r], fill=col, outline=dark)
        for k in range(6):
            y = cy - r * 0.3 + k * r * 0.22
            d.line([cx - r * 0.15, y, cx + r * 0.15, y + r * 0.08], fill=dark, width=2)
        hexagon = [(cx + r * 0.45 * math.cos(a), cy - r * 0.7 + r * 0.25 * math.sin(a))
                   for a in [i * math.pi / 3 for i in range(6)]]
        d.polygon(hexagon, fill=col, outline=dark)
    elif part == "nut":
        hexagon = [(cx + r * math.cos(a), cy + r * math.sin(a)) for a in [i * math.pi / 3 for i in range(6)]]
        d.polygon(hexagon, fill=col, outline=dark)
        d.ellipse([cx - r * 0.45, cy - r * 0.45, cx + r * 0.45, cy + r * 0.45], fill=(0, 0, 0, 0), outline=dark, width=3)
    elif part == "washer":
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=col, outline=dark)
        d.ellipse([cx - r * 0.5, cy - r * 0.5, cx + r * 0.5, cy + r * 0.5], fill=(0, 0, 0, 0), outline=dark)
    elif part == "bracket":
        w = r * 0.35
        d.polygon([(cx - r, cy - r), (cx - r + w, cy - r), (cx - r + w, cy + r - w), (cx + r, cy + r - w),
                   (cx + r, cy + r), (cx - r, cy + r)], fill=col, outline=dark)
        for hx, hy in [(cx - r + w / 2, cy - r * 0.5), (cx + r * 0.5, cy + r - w / 2)]:
            d.ellipse([hx - w * 0.2, hy - w * 0.2, hx + w * 0.2, hy + w * 0.2], fill=(0, 0, 0, 0))
    elif part == "plate":
        d.rectangle([cx - r, cy - r * 0.7, cx + r, cy + r * 0.7], fill=col, outline=dark)
        for sx in (-1, 1):
            for sy in (-1, 1):
                hx, hy = cx + sx * r * 0.8, cy + sy * r * 0.5
                d.ellipse([hx - 5, hy - 5, hx + 5, hy + 5], fill=(0, 0, 0, 0))
    elif part == "spring":
        turns = rng.randint(6, 10)
        pts = [(cx + (r * 0.4 if i % 2 else -r * 0.4), cy - r + 2 * r * i / (turns * 2)) for i in range(turns * 2 + 1)]
        d.line(pts, fill=col, width=max(4, int(r * 0.12)), joint="curve")


def _defect(layer: Image.Image, mask: Image.Image, defect: str, rng: random.Random, col) -> None:
    size = layer.size[0]
    dl = Image.new("RGBA", layer.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(dl)
    bbox = mask.getbbox() or (0, 0, size, size)
    x0, y0, x1, y1 = bbox

    def pt():
        return rng.uniform(x0 + (x1 - x0) * 0.2, x1 - (x1 - x0) * 0.2), rng.uniform(y0 + (y1 - y0) * 0.2, y1 - (y1 - y0) * 0.2)

    if defect == "scratch":
        for _ in range(rng.randint(2, 4)):
            (ax, ay), (bx, by) = pt(), pt()
            d.line([ax, ay, bx, by], fill=(245, 245, 245, 230), width=2)
    elif defect == "dent":
        ax, ay = pt()
        rr = rng.uniform(10, 18)
        d.ellipse([ax - rr, ay - rr, ax + rr, ay + rr], fill=(0, 0, 0, 120))
        d.arc([ax - rr, ay - rr, ax + rr, ay + rr], 200, 340, fill=(255, 255, 255, 200), width=2)
    elif defect == "rust":
        for _ in range(rng.randint(5, 10)):
            ax, ay = pt()
            rr = rng.uniform(4, 12)
            d.ellipse([ax - rr, ay - rr, ax + rr, ay + rr], fill=(140, 65, 20, 210))
    elif defect == "crack":
        ax, ay = pt()
        ang = rng.uniform(0, 2 * math.pi)
        pts = [(ax, ay)]
        for _ in range(rng.randint(6, 10)):
            ang += rng.uniform(-0.8, 0.8)
            ax += 8 * math.cos(ang)
            ay += 8 * math.sin(ang)
            pts.append((ax, ay))
        d.line(pts, fill=(10, 10, 10, 255), width=2)
    layer.paste(Image.alpha_composite(layer, dl), (0, 0), mask)


def render(part: str, colour: str, defect: str, bg: str, size: int, rng: random.Random) -> Image.Image:
    big = size
    base = tuple(min(255, max(0, v + rng.randint(-15, 15))) for v in BACKGROUNDS[bg])
    img = Image.new("RGBA", (big, big), base + (255,))
    bd = ImageDraw.Draw(img)
    for _ in range(40):
        x, y = rng.uniform(0, big), rng.uniform(0, big)
        v = tuple(min(255, max(0, c + rng.randint(-20, 20))) for c in base)
        bd.line([x, y, x + rng.uniform(-30, 30), y + rng.uniform(-3, 3)], fill=v + (255,), width=1)
    layer = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    col = tuple(min(255, max(0, v + rng.randint(-12, 12))) for v in COLOURS[colour]) + (255,)
    r = big * rng.uniform(0.28, 0.38)
    cx, cy = big / 2 + rng.uniform(-big * 0.08, big * 0.08), big / 2 + rng.uniform(-big * 0.08, big * 0.08)
    _shape(ImageDraw.Draw(layer), part, cx, cy, r, col, rng)
    mask = layer.split()[3]
    _defect(layer, mask, defect, rng, col)
    layer = layer.rotate(rng.uniform(0, 360), resample=Image.BICUBIC, center=(cx, cy))
    if rng.random() < 0.5:
        layer = layer.transpose(Image.FLIP_LEFT_RIGHT)
    shadow = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    shadow.putalpha(layer.split()[3].point(lambda a: a * 0.4).filter(ImageFilter.GaussianBlur(4)))
    img = Image.alpha_composite(img, shadow.transform(shadow.size, Image.AFFINE, (1, 0, -4, 0, 1, -4)))
    img = Image.alpha_composite(img, layer)
    return img.convert("RGB")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--size", type=int, default=256)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "labels.jsonl"), "w") as f:
        for i in range(a.count):
            part, colour, defect = rng.choice(PARTS), rng.choice(list(COLOURS)), rng.choice(DEFECTS)
            bg, ds = rng.choice(list(BACKGROUNDS)), rng.choice(DATASETS)
            img = render(part, colour, defect, bg, a.size, rng)
            rel = f"{ds}/{part}-{i:06d}.png"
            os.makedirs(os.path.join(a.out, ds), exist_ok=True)
            img.save(os.path.join(a.out, rel))
            f.write(json.dumps({"path": rel, "dataset": ds, "part": part, "colour": colour, "defect": defect,
                                "background": bg, "captions": captions(part, colour, defect, bg)}) + "\n")


if __name__ == "__main__":
    main()
