"""CLIP-format byte-level BPE: vocabulary training from captions, and CLIP's exact tokenisation.

The files written here have the layout of OpenAI CLIP's tokenizer files (and of Hugging Face's
``CLIPTokenizer`` ``vocab.json``/``merges.txt``):

* ids 0..255   - CLIP's ``bytes_to_unicode`` alphabet, in that function's order;
* ids 256..511 - the same 256 symbols followed by ``</w>`` (end of word);
* then one id per learned merge, in merge order (the merged string);
* then ``<|startoftext|>`` and ``<|endoftext|>`` as the last two ids, so the end-of-text token has
  the highest id (CLIP's text tower pools at ``argmax(input_ids)``).

``merges.txt`` starts with ``#version: 0.2`` and has one ``left right`` pair per line, rank = line.

Tokenisation follows CLIP's ``SimpleTokenizer``: clean whitespace, lower-case, split with CLIP's
regex, byte-encode each piece, mark the last symbol of the piece with ``</w>``, apply merges by
lowest rank, then ``<|startoftext|> ... <|endoftext|>`` padded with id 0 to the context length.
CLIP's regex uses ``\\p{L}``/``\\p{N}``; the ``regex`` module (Debian: python3-regex) is used when it
is installed, otherwise an ``re`` pattern that is equivalent for ASCII text (the demo captions are
ASCII; non-ASCII input is rejected in that case rather than split differently).
"""
from __future__ import annotations

import html
import json
import re
from collections import Counter
from functools import lru_cache

SOT = "<|startoftext|>"
EOT = "<|endoftext|>"
END_OF_WORD = "</w>"

try:  # the exact CLIP pattern
    import regex as _regex

    _PAT = _regex.compile(
        r"""<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+""",
        _regex.IGNORECASE,
    )
    _ASCII_ONLY = False
except ImportError:  # equivalent on ASCII text: \p{L} -> [a-zA-Z], \p{N} -> [0-9]
    _PAT = re.compile(
        r"""<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[a-zA-Z]+|[0-9]|[^\sa-zA-Z0-9]+""",
        re.IGNORECASE,
    )
    _ASCII_ONLY = True


@lru_cache()
def bytes_to_unicode() -> dict[int, str]:
    """CLIP's (and GPT-2's) reversible byte -> printable unicode character table."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(2 ** 8):
        if b not in bs:
            bs.append(b)
            cs.append(2 ** 8 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


def clean(text: str) -> str:
    """CLIP's basic_clean (without ftfy, a no-op on ASCII) + whitespace_clean, then lower-case."""
    text = html.unescape(html.unescape(text)).strip()
    text = re.sub(r"\s+", " ", text).strip()
    return text.lower()


def pre_tokenize(text: str) -> list[str]:
    """Split cleaned text into CLIP's pieces and byte-encode each one."""
    text = clean(text)
    if _ASCII_ONLY and not text.isascii():
        raise ValueError("non-ASCII text needs the 'regex' module (apt-get install python3-regex)")
    enc = bytes_to_unicode()
    return ["".join(enc[b] for b in piece.encode("utf-8")) for piece in _PAT.findall(text)]


def _word_symbols(piece: str) -> tuple[str, ...]:
    return tuple(piece[:-1]) + (piece[-1] + END_OF_WORD,)


def train_bpe(texts: list[str], max_merges: int = 2000, min_frequency: int = 2) -> list[tuple[str, str]]:
    """Learn merges from texts: repeatedly merge the most frequent adjacent pair.

    Ties break on the pair itself (lexicographically smallest), so the result is deterministic.
    A pair whose merged string already exists in the vocabulary is skipped (a vocab entry must be
    unique); special-token pieces are never learned from.
    """
    words: Counter[tuple[str, ...]] = Counter()
    for t in texts:
        for piece in pre_tokenize(t):
            if piece in (SOT, EOT):
                continue
            words[_word_symbols(piece)] += 1
    alphabet = list(bytes_to_unicode().values())
    vocab = set(alphabet) | {a + END_OF_WORD for a in alphabet} | {SOT, EOT}
    merges: list[tuple[str, str]] = []
    banned: set[tuple[str, str]] = set()
    while len(merges) < max_merges:
        pairs: Counter[tuple[str, str]] = Counter()
        for w, f in words.items():
            for a, b in zip(w, w[1:]):
                pairs[(a, b)] += f
        candidates = [(-f, p) for p, f in pairs.items() if f >= min_frequency and p not in banned]
        if not candidates:
            break
        _, best = min(candidates)
        merged = best[0] + best[1]
        if merged in vocab:
            banned.add(best)
            continue
        vocab.add(merged)
        merges.append(best)
        new_words: Counter[tuple[str, ...]] = Counter()
        for w, f in words.items():
            out: list[str] = []
            i = 0
            while i < len(w):
                if i < len(w) - 1 and (w[i], w[i + 1]) == best:
                    out.append(merged)
                    i += 2
                else:
                    out.append(w[i])
                    i += 1
            new_words[tuple(out)] += f
        words = new_words
    return merges


def build_vocab(merges: list[tuple[str, str]]) -> dict[str, int]:
    """CLIP's vocabulary order: bytes, bytes+</w>, merge results, SOT, EOT."""
    alphabet = list(bytes_to_unicode().values())
    tokens = alphabet + [a + END_OF_WORD for a in alphabet] + ["".join(m) for m in merges] + [SOT, EOT]
    vocab = {t: i for i, t in enumerate(tokens)}
    if len(vocab) != len(tokens):
        raise ValueError("duplicate vocabulary entries")
    return vocab


def write_files(merges: list[tuple[str, str]], vocab_path: str, merges_path: str) -> dict[str, int]:
    vocab = build_vocab(merges)
    with open(vocab_path, "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False, separators=(",", ":"))
    with open(merges_path, "w", encoding="utf-8") as f:
        f.write("#version: 0.2\n")
        for a, b in merges:
            f.write(f"{a} {b}\n")
    return vocab


def read_merges(lines: list[str]) -> list[tuple[str, str]]:
    out = []
    for line in lines:
        if line.startswith("#version") or not line.strip():
            continue
        a, b = line.rstrip("\n").split(" ")
        out.append((a, b))
    return out


class ClipTokenizer:
    """CLIP's SimpleTokenizer over given merges (vocab derived exactly as CLIP does)."""

    def __init__(self, merges: list[tuple[str, str]], context_length: int = 77):
        self.merges = merges
        self.encoder = build_vocab(merges)
        self.decoder = {v: k for k, v in self.encoder.items()}
        self.ranks = {m: i for i, m in enumerate(merges)}
        self.sot_id = self.encoder[SOT]
        self.eot_id = self.encoder[EOT]
        self.context_length = context_length
        self._cache = {SOT: SOT, EOT: EOT}

    @classmethod
    def from_files(cls, vocab_path: str, merges_path: str, context_length: int = 77) -> "ClipTokenizer":
        with open(merges_path, encoding="utf-8") as f:
            tok = cls(read_merges(f.readlines()), context_length)
        with open(vocab_path, encoding="utf-8") as f:
            if json.load(f) != tok.encoder:
                raise ValueError("vocab.json does not match the vocabulary derived from merges.txt")
        return tok

    @property
    def vocab_size(self) -> int:
        return len(self.encoder)

    def bpe(self, piece: str) -> list[str]:
        if piece in self._cache:
            return self._cache[piece].split(" ")
        word = _word_symbols(piece)
        while len(word) > 1:
            pairs = set(zip(word, word[1:]))
            bigram = min(pairs, key=lambda p: self.ranks.get(p, float("inf")))
            if bigram not in self.ranks:
                break
            first, second = bigram
            new: list[str] = []
            i = 0
            while i < len(word):
                try:
                    j = word.index(first, i)
                except ValueError:
                    new.extend(word[i:])
                    break
                new.extend(word[i:j])
                i = j
                if word[i] == first and i < len(word) - 1 and word[i + 1] == second:
                    new.append(first + second)
                    i += 2
                else:
                    new.append(word[i])
                    i += 1
            word = tuple(new)
        self._cache[piece] = " ".join(word)
        return list(word)

    def encode(self, text: str) -> list[int]:
        """Token ids of text, without SOT/EOT."""
        ids: list[int] = []
        for piece in pre_tokenize(text):
            ids.extend(self.encoder[t] for t in self.bpe(piece))
        return ids

    def __call__(self, texts: list[str]) -> tuple[list[list[int]], list[list[int]]]:
        """input_ids and attention_mask, [len(texts), context_length]; long texts are truncated
        keeping EOT last (as CLIP's ``truncate=True``)."""
        all_ids, all_mask = [], []
        n = self.context_length
        for t in texts:
            ids = [self.sot_id] + self.encode(t) + [self.eot_id]
            if len(ids) > n:
                ids = ids[: n - 1] + [self.eot_id]
            mask = [1] * len(ids) + [0] * (n - len(ids))
            all_ids.append(ids + [0] * (n - len(ids)))
            all_mask.append(mask)
        return all_ids, all_mask
