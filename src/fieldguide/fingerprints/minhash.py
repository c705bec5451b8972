"""Near-duplicate detection: MinHash signatures over word 3-shingles, and LSH band keys.

Pure functions, no I/O. The store keeps each document's signature and its band keys
(an indexed table), so candidates are found by SQL across runs without loading the
archive into memory; ``jaccard`` then confirms a candidate.

- ``signature(text)``: 128 MinHash values (datasketch, 32-bit affine scheme) as bytes.
- ``band_keys(sig)``: 16 bands of 8 rows, each hashed to a signed 64-bit integer. Two
  documents with Jaccard similarity 0.9 share at least one band with probability
  > 0.999; at 0.5 with probability about 0.06.
- ``jaccard(a, b)``: the estimated Jaccard similarity of two signatures.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

NUM_PERM = 128
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 3
NEAR_DUPLICATE = 0.9  # estimated Jaccard at or above which two documents belong to one story

_WORD = re.compile(r"\w+")


@cache
def _permutations() -> tuple[Any, np.ndarray, np.ndarray]:
    """datasketch's own permutations, made on first use: importing datasketch costs most of a second,
    which every command that never computes a signature would otherwise pay at start-up."""
    from datasketch import MinHash

    template = MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32")
    a, b = (np.asarray(p, dtype=np.uint32) for p in template.permutations)
    return template.permutations, a, b


# Mixing constants that combine the hashes of consecutive words into one shingle hash.
_MIX = (np.uint64(0x9E3779B1), np.uint64(0x85EBCA77), np.uint64(0xC2B2AE3D))
_WORD_CHARS = 32
_BAND_POWERS = np.array([pow(0x100000001B3, i + 1, 1 << 64) for i in range(ROWS)], dtype=np.uint64)
_BAND_SEEDS = np.array([pow(0x9E3779B97F4A7C15, b + 1, 1 << 64) for b in range(BANDS)], dtype=np.uint64)
_POWERS = np.array([pow(1_000_003, i, 1 << 64) for i in range(_WORD_CHARS)], dtype=np.uint64)


def _identity(value: int) -> int:
    # Shingle hashes are computed in bulk by numpy below; datasketch only permutes them.
    return value


def shingle_hashes(text: str) -> np.ndarray:
    """32-bit hashes of the word 3-shingles of ``text`` (lower-cased, punctuation ignored).

    Words are hashed all at once: their code points (the first 32 of each) form a
    matrix that a polynomial hash reduces row by row, which is stable across processes
    and an order of magnitude faster than hashing word by word in Python.
    """
    words = _WORD.findall(text.lower())
    if not words:
        return np.array([zlib.crc32(text.encode("utf-8"))], dtype=np.uint32)
    codes = np.array(words, dtype=f"U{_WORD_CHARS}").view(np.uint32).reshape(len(words), -1)
    h = (codes.astype(np.uint64) * _POWERS[: codes.shape[1]]).sum(axis=1, dtype=np.uint64)
    h ^= h >> np.uint64(31)
    if len(h) < SHINGLE:
        combined = h[:1] * _MIX[0] + h[-1:] * _MIX[1]
    else:
        combined = h[:-2] * _MIX[0] + h[1:-1] * _MIX[1] + h[2:] * _MIX[2]
    hashes: np.ndarray = ((combined ^ (combined >> np.uint64(29))) & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    return hashes


def _fmix32(h: np.ndarray) -> np.ndarray:
    # MurmurHash3's 32-bit finalizer, as datasketch applies it before its affine permutations.
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    mixed: np.ndarray = h ^ (h >> np.uint32(16))
    return mixed


def signature(text: str) -> bytes:
    """The MinHash signature of ``text``: NUM_PERM little-endian uint32 values.

    Equal to ``datasketch.MinHash(num_perm=128, seed=1)`` updated with the shingle hashes
    (tests/test_dedupe.py checks it): the same permutations, applied to the whole array at
    once instead of through datasketch's per-value Python loop, which cost more than the
    arithmetic.
    """
    hv = _fmix32(shingle_hashes(text)).reshape(-1, 1)
    _, a, b = _permutations()
    mins = (hv * a + b).min(axis=0)
    return bytes(mins.astype("<u4", copy=False).tobytes())


def datasketch_signature(text: str) -> bytes:
    """The same signature computed by datasketch itself (the reference for the fast path)."""
    from datasketch import MinHash

    permutations, _, _ = _permutations()
    m = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=_identity, permutations=permutations, scheme="affine32")
    m.update_batch(shingle_hashes(text).tolist())
    return np.asarray(m.hashvalues, dtype="<u4").tobytes()


def band_keys(sig: bytes) -> list[int]:
    """One signed 64-bit key per LSH band; the band's index is part of the key."""
    values = np.frombuffer(sig, dtype="<u4")
    if len(values) != NUM_PERM:
        raise ValueError(f"a signature has {NUM_PERM} values, this one {len(values)}")
    # A polynomial hash of each band's rows, seeded by the band number, then avalanched.
    h = (values.reshape(BANDS, ROWS).astype(np.uint64) * _BAND_POWERS).sum(axis=1, dtype=np.uint64)
    h += _BAND_SEEDS
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xFF51AFD7ED558CCD)
    h ^= h >> np.uint64(33)
    keys: list[int] = h.view(np.int64).tolist()
    return keys


def jaccard(sig_a: bytes, sig_b: bytes) -> float:
    """Estimated Jaccard similarity of the two texts the signatures were made from."""
    a = np.frombuffer(sig_a, dtype="<u4")
    b = np.frombuffer(sig_b, dtype="<u4")
    if len(a) != len(b):
        raise ValueError("signatures of different lengths cannot be compared")
    return float(np.count_nonzero(a == b)) / len(a)


def best_match(sig: bytes, candidates: Sequence[tuple[str, bytes]]) -> tuple[str, float] | None:
    """The candidate most similar to ``sig`` if it reaches NEAR_DUPLICATE, else None."""
    best: tuple[str, float] | None = None
    for key, other in candidates:
        score = jaccard(sig, other)
        if score >= NEAR_DUPLICATE and (best is None or score > best[1]):
            best = (key, score)
    return best
