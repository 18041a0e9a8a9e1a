"""Checks of the training tool's pieces and of the committed model files.

    /usr/bin/python3 -m unittest discover -s tools/demo-model -v

The model-file checks are skipped when models/demo-clip has not been trained yet.
"""
from __future__ import annotations

import gzip
import json
import os
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
MODEL_DIR = os.path.join(REPO, "models", "demo-clip")
CLIP_MERGES = os.path.join(REPO, "..", "shared", "clip", "bpe_simple_vocab_16e6.txt.gz")

import clip_bpe  # noqa: E402


class ClipBpeTests(unittest.TestCase):
    def test_alphabet_is_clips(self):
        table = clip_bpe.bytes_to_unicode()
        self.assertEqual(len(set(table.values())), 256)
        self.assertEqual(table[ord("a")], "a")
        self.assertEqual(table[ord(" ")], "Ġ")

    def test_vocab_layout(self):
        merges = clip_bpe.train_bpe(["a rusty gear", "a rusty bolt", "a rusty gear"])
        vocab = clip_bpe.build_vocab(merges)
        alphabet = list(clip_bpe.bytes_to_unicode().values())
        self.assertEqual(vocab[alphabet[0]], 0)
        self.assertEqual(vocab[alphabet[0] + "</w>"], 256)
        self.assertEqual(vocab["".join(merges[0])], 512)
        self.assertEqual(vocab["<|startoftext|>"], len(vocab) - 2)
        self.assertEqual(vocab["<|endoftext|>"], len(vocab) - 1)
        self.assertIn("rusty</w>", vocab)

    def test_encoding_frame(self):
        tok = clip_bpe.ClipTokenizer(clip_bpe.train_bpe(["a rusty gear"] * 3))
        ids, mask = tok(["A  Rusty GEAR", ""])
        self.assertEqual(len(ids[0]), 77)
        self.assertEqual(ids[0][:5], [tok.sot_id, tok.encoder["a</w>"], tok.encoder["rusty</w>"], tok.encoder["gear</w>"], tok.eot_id])
        self.assertEqual(ids[0][5:], [0] * 72)
        self.assertEqual(mask[0], [1] * 5 + [0] * 72)
        self.assertEqual(ids[1][:3], [tok.sot_id, tok.eot_id, 0])

    def test_truncation_keeps_eot_last(self):
        tok = clip_bpe.ClipTokenizer([])
        ids, mask = tok(["x" * 200])
        self.assertEqual(ids[0][76], tok.eot_id)
        self.assertEqual(sum(mask[0]), 77)

    @unittest.skipUnless(os.path.exists(CLIP_MERGES), "OpenAI's merges file not present")
    def test_same_ids_as_openai_clip(self):
        with gzip.open(CLIP_MERGES, "rt", encoding="utf-8") as f:
            lines = f.read().split("\n")
        tok = clip_bpe.ClipTokenizer(clip_bpe.read_merges(lines[1:49152 - 256 - 2 + 1]))
        self.assertEqual(tok.vocab_size, 49408)
        ids, _ = tok(["a photo of a cat"])
        self.assertEqual(ids[0][:8], [49406, 320, 1125, 539, 320, 2368, 49407, 0])


@unittest.skipUnless(os.path.exists(os.path.join(MODEL_DIR, "text_model.onnx")), "model not trained yet")
class CommittedModelTests(unittest.TestCase):
    def test_files_and_size(self):
        names = ["vision_model.onnx", "text_model.onnx", "vocab.json", "merges.txt",
                 "preprocessor_config.json", "config.json", "README.md", "metrics.json"]
        total = 0
        for n in names:
            p = os.path.join(MODEL_DIR, n)
            self.assertTrue(os.path.exists(p), n)
            total += os.path.getsize(p)
        self.assertLessEqual(total, 15 * 1024 * 1024)

    def test_tokenizer_check_matches_committed_vocab(self):
        tok = clip_bpe.ClipTokenizer.from_files(os.path.join(MODEL_DIR, "vocab.json"), os.path.join(MODEL_DIR, "merges.txt"))
        with open(os.path.join(HERE, "tokenizer_check.json"), encoding="utf-8") as f:
            check = json.load(f)
        self.assertEqual(check["eot_id"], tok.eot_id)
        for case in check["cases"]:
            ids, mask = tok([case["text"]])
            self.assertEqual(ids[0][:sum(mask[0])], case["ids"], case["text"])

    def test_io_names_and_a_run(self):
        import numpy as np
        import onnx

        from onnx_numpy import NumpyOnnxModel

        with open(os.path.join(MODEL_DIR, "config.json")) as f:
            cfg = json.load(f)
        v = onnx.load(os.path.join(MODEL_DIR, "vision_model.onnx"))
        t = onnx.load(os.path.join(MODEL_DIR, "text_model.onnx"))
        self.assertEqual([i.name for i in v.graph.input], ["pixel_values"])
        self.assertEqual([o.name for o in v.graph.output], ["image_embeds"])
        self.assertEqual([i.name for i in t.graph.input], ["input_ids", "attention_mask"])
        self.assertEqual([o.name for o in t.graph.output], ["text_embeds"])
        s, d = cfg["image_size"], cfg["projection_dim"]
        img = NumpyOnnxModel(os.path.join(MODEL_DIR, "vision_model.onnx")).run(
            {"pixel_values": np.zeros((2, 3, s, s), np.float32)})[0]
        self.assertEqual(img.shape, (2, d))
        tok = clip_bpe.ClipTokenizer.from_files(os.path.join(MODEL_DIR, "vocab.json"), os.path.join(MODEL_DIR, "merges.txt"))
        ids, mask = tok(["a rusty bolt", "a gear with no defects"])
        txt = NumpyOnnxModel(os.path.join(MODEL_DIR, "text_model.onnx")).run(
            {"input_ids": np.array(ids, np.int64), "attention_mask": np.array(mask, np.int64)})[0]
        self.assertEqual(txt.shape, (2, d))


if __name__ == "__main__":
    unittest.main()
