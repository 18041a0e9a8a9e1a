"""The demo dual encoder (small CNN + small causal transformer) and a ViT-B/32-shaped CLIP for
benchmark exports. Both take and return what the real CLIP ONNX export does:

    vision: pixel_values [B,3,S,S] float32            -> image_embeds [B,D] (projected, not normalised)
    text:   input_ids [B,77] int64, attention_mask [B,77] int64 -> text_embeds [B,D]

The text towers pool at the end-of-text position, found as argmax(input_ids): the end-of-text
token has the highest id in a CLIP-format vocabulary (CLIP's own trick).
"""
from __future__ import annotations

import math

import torch
import torch.nn as nn
import torch.nn.functional as F

CLIP_MEAN = (0.48145466, 0.4578275, 0.40821073)
CLIP_STD = (0.26862954, 0.26130258, 0.27577711)


# ---------------------------------------------------------------- vision: compact residual CNN
class ConvBnRelu(nn.Sequential):
    def __init__(self, cin: int, cout: int, k: int = 3, stride: int = 1):
        super().__init__(nn.Conv2d(cin, cout, k, stride, k // 2, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class ResidualBlock(nn.Module):
    def __init__(self, c: int):
        super().__init__()
        self.a = ConvBnRelu(c, c)
        self.b = nn.Sequential(nn.Conv2d(c, c, 3, 1, 1, bias=False), nn.BatchNorm2d(c))
        nn.init.zeros_(self.b[1].weight)

    def forward(self, x):
        return F.relu(x + self.b(self.a(x)))


class VisionCnn(nn.Module):
    """Stem (two stride-2 convs) then three stages of [stride-2 conv, residual blocks]; the last
    map is pooled by both mean and max (max keeps small local defects) and projected to D."""

    def __init__(self, widths=(32, 48, 96, 192), blocks=(1, 1, 1), embed_dim: int = 256):
        super().__init__()
        c0, c1, c2, c3 = widths
        layers = [ConvBnRelu(3, c0, 3, 2), ConvBnRelu(c0, c1, 3, 2)]
        layers += [ResidualBlock(c1) for _ in range(blocks[0])]
        layers += [ConvBnRelu(c1, c2, 3, 2)] + [ResidualBlock(c2) for _ in range(blocks[1])]
        layers += [ConvBnRelu(c2, c3, 3, 2)] + [ResidualBlock(c3) for _ in range(blocks[2])]
        self.features = nn.Sequential(*layers)
        self.proj = nn.Linear(2 * c3, embed_dim)

    def forward(self, pixel_values):
        f = self.features(pixel_values)
        pooled = torch.cat([f.mean(dim=(2, 3)), f.amax(dim=(2, 3))], dim=1)
        return self.proj(pooled)


# ---------------------------------------------------------------- transformer pieces (CLIP-like)
class SelfAttention(nn.Module):
    def __init__(self, width: int, heads: int):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(width, 3 * width)
        self.out = nn.Linear(width, width)

    def forward(self, x, bias=None):
        b, n, w = x.shape
        h = self.heads
        q, k, v = self.qkv(x).reshape(b, n, 3, h, w // h).permute(2, 0, 3, 1, 4).unbind(0)
        att = (q @ k.transpose(-1, -2)) * (1.0 / math.sqrt(w // h))
        if bias is not None:
            att = att + bias
        y = att.softmax(dim=-1) @ v
        return self.out(y.transpose(1, 2).reshape(b, n, w))


class Block(nn.Module):
    def __init__(self, width: int, heads: int, mlp_ratio: int = 4):
        super().__init__()
        self.ln_1 = nn.LayerNorm(width)
        self.attn = SelfAttention(width, heads)
        self.ln_2 = nn.LayerNorm(width)
        self.mlp = nn.Sequential(nn.Linear(width, width * mlp_ratio), nn.GELU(), nn.Linear(width * mlp_ratio, width))

    def forward(self, x, bias=None):
        x = x + self.attn(self.ln_1(x), bias)
        return x + self.mlp(self.ln_2(x))


class TextTransformer(nn.Module):
    """CLIP's text tower: token + learned position embeddings, causal pre-LN transformer, final
    LayerNorm, the hidden state at argmax(input_ids) (end of text) projected to D without bias.
    attention_mask additionally masks padding keys (it does not change the pooled output, since
    the causal mask already hides everything after end of text; it is there so the graph has the
    same inputs as a real CLIP text export)."""

    def __init__(self, vocab_size: int, context_length: int = 77, width: int = 128, layers: int = 3,
                 heads: int = 4, embed_dim: int = 256):
        super().__init__()
        self.context_length = context_length
        self.token_embedding = nn.Embedding(vocab_size, width)
        self.positional_embedding = nn.Parameter(torch.randn(context_length, width) * 0.01)
        self.blocks = nn.ModuleList([Block(width, heads) for _ in range(layers)])
        self.ln_final = nn.LayerNorm(width)
        self.text_projection = nn.Linear(width, embed_dim, bias=False)
        causal = torch.full((context_length, context_length), -1e4).triu(1)
        self.register_buffer("causal", causal, persistent=False)
        nn.init.normal_(self.token_embedding.weight, std=0.02)

    def forward(self, input_ids, attention_mask):
        # Training may pass the batch cut after its last end-of-text token (the causal mask makes
        # that exact); the export always sees the full context.
        n = input_ids.shape[1]
        pos, causal = self.positional_embedding, self.causal
        if n != self.context_length:
            pos, causal = pos[:n], causal[:n, :n]
        x = self.token_embedding(input_ids) + pos
        pad = (1.0 - attention_mask.to(x.dtype)) * -1e4  # [B, n]
        bias = causal.unsqueeze(0).unsqueeze(0) + pad.unsqueeze(1).unsqueeze(1)  # [B,1,n,n]
        for blk in self.blocks:
            x = blk(x, bias)
        x = self.ln_final(x)
        eot = input_ids.argmax(dim=-1)  # [B]
        idx = eot.view(-1, 1, 1).expand(-1, 1, x.shape[-1])
        pooled = torch.gather(x, 1, idx).reshape(-1, x.shape[-1])
        return self.text_projection(pooled)


class DualEncoder(nn.Module):
    def __init__(self, vision: nn.Module, text: nn.Module, init_logit_scale: float = math.log(1 / 0.07)):
        super().__init__()
        self.vision = vision
        self.text = text
        self.logit_scale = nn.Parameter(torch.tensor(init_logit_scale))


# ---------------------------------------------------------------- ViT-B/32 shape (benchmark only)
class VisionTransformer(nn.Module):
    """CLIP's ViT: patch conv, class token, learned positions, ln_pre, transformer, ln_post on
    the class token, projection without bias."""

    def __init__(self, image_size=224, patch=32, width=768, layers=12, heads=12, embed_dim=512):
        super().__init__()
        self.conv1 = nn.Conv2d(3, width, patch, patch, bias=False)
        n = (image_size // patch) ** 2 + 1
        self.class_embedding = nn.Parameter(torch.randn(width) * width ** -0.5)
        self.positional_embedding = nn.Parameter(torch.randn(n, width) * width ** -0.5)
        self.ln_pre = nn.LayerNorm(width)
        self.blocks = nn.ModuleList([Block(width, heads) for _ in range(layers)])
        self.ln_post = nn.LayerNorm(width)
        self.proj = nn.Linear(width, embed_dim, bias=False)

    def forward(self, pixel_values):
        x = self.conv1(pixel_values).flatten(2).transpose(1, 2)
        cls = self.class_embedding.expand(x.shape[0], 1, -1)
        x = torch.cat([cls, x], dim=1) + self.positional_embedding
        x = self.ln_pre(x)
        for blk in self.blocks:
            x = blk(x)
        return self.proj(self.ln_post(x[:, 0]))


# ---------------------------------------------------------------- export wrappers
class VisionExport(nn.Module):
    def __init__(self, vision):
        super().__init__()
        self.vision = vision

    def forward(self, pixel_values):
        return self.vision(pixel_values)


class TextExport(nn.Module):
    def __init__(self, text):
        super().__init__()
        self.text = text

    def forward(self, input_ids, attention_mask):
        return self.text(input_ids, attention_mask)


def export_onnx(vision: nn.Module, text: nn.Module, image_size: int, context_length: int, out_dir: str,
                opset: int = 17) -> tuple[str, str]:
    import os

    vision_path = os.path.join(out_dir, "vision_model.onnx")
    text_path = os.path.join(out_dir, "text_model.onnx")
    v = VisionExport(vision).eval()
    t = TextExport(text).eval()
    with torch.no_grad():
        torch.onnx.export(
            v, (torch.zeros(1, 3, image_size, image_size),), vision_path,
            input_names=["pixel_values"], output_names=["image_embeds"],
            dynamic_axes={"pixel_values": {0: "batch"}, "image_embeds": {0: "batch"}},
            opset_version=opset, do_constant_folding=True)
        ids = torch.zeros(1, context_length, dtype=torch.long)
        ids[0, 0], ids[0, 1] = 1, 2
        mask = torch.zeros(1, context_length, dtype=torch.long)
        mask[0, :2] = 1
        torch.onnx.export(
            t, (ids, mask), text_path,
            input_names=["input_ids", "attention_mask"], output_names=["text_embeds"],
            dynamic_axes={"input_ids": {0: "batch"}, "attention_mask": {0: "batch"}, "text_embeds": {0: "batch"}},
            opset_version=opset, do_constant_folding=True)
    return vision_path, text_path
