"""Near-duplicate detection, kept importable here: it lives in ``fieldguide.fingerprints.minhash``."""

from fieldguide.fingerprints.minhash import (
    BANDS,
    NEAR_DUPLICATE,
    NUM_PERM,
    ROWS,
    SHINGLE,
    band_keys,
    best_match,
    datasketch_signature,
    jaccard,
    shingle_hashes,
    signature,
)

__all__ = [
    "BANDS",
    "NEAR_DUPLICATE",
    "NUM_PERM",
    "ROWS",
    "SHINGLE",
    "band_keys",
    "best_match",
    "datasketch_signature",
    "jaccard",
    "shingle_hashes",
    "signature",
]
