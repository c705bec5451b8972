"""What ingest computes of a document for deduplication and linking, in one neutral place:
``store/`` computes and keeps it, ``link/`` compares it, and neither imports the other.

- ``minhash``: MinHash signatures and LSH band keys (near-duplicate stories).
- ``words``: folded words, content words and numbers as linking compares them.
- ``facts``: ``Terms`` and ``Facts``, what the archive stores beside an extraction for linking.
"""
