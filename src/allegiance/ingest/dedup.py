"""Near-duplicate articles: MinHash signatures of word 3-shingles, looked up with MinHashLSH.

Text is normalised before shingling: Unicode NFKD, accents dropped, case folded, split into
words (letters and digits). Two articles are near-copies when the MinHash estimate of the
Jaccard similarity of their shingle sets reaches the threshold (``Config.near_duplicate_threshold``,
0.8 by default): LSH proposes candidates, each is then checked against the threshold.

Signatures serialise to a small self-describing byte string (stored in ``articles.minhash``)::

    b"AMH" | version u8 | seed u32 | num_perm u16 | num_perm x u32 hash values (little-endian)

so that a later run can reload them and link a near-copy to an article stored earlier.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from collections.abc import Iterable

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

SHINGLE_SIZE = 3
NUM_PERM = 128
SEED = 1
#: How far below the similarity threshold LSH looks for candidates.
LSH_MARGIN = 0.1
_SCHEME = "affine32"
_MAGIC = b"AMH"
_VERSION = 1
_HEADER = struct.Struct("<3sBIH")
_EMPTY = np.uint32(0xFFFFFFFF)  # value of every slot of a MinHash that saw no shingle
_WORD = re.compile(r"[^\W_]+")


def normalise(text: str) -> list[str]:
    """Words of ``text``, accent-folded and case-folded: ``"Coopération"`` -> ``"cooperation"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return _WORD.findall(folded)


def shingles(text: str, size: int = SHINGLE_SIZE) -> set[str]:
    """Word ``size``-shingles of the normalised text; a shorter text is one shingle."""
    words = normalise(text)
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def lsh_threshold(threshold: float) -> float:
    """Threshold for LSH candidate search: a bit below the real one, for recall near it.

    Candidates are always verified against the real threshold, so a lower LSH threshold only
    costs a few extra comparisons. Capped at 0.9 (higher values leave datasketch too few bands).
    """
    return min(max(threshold - LSH_MARGIN, 0.05), 0.9)


class SignatureError(ValueError):
    """A stored signature is not in this module's format or uses other parameters."""


class NearDuplicateIndex:
    """Index of article signatures answering "is this text a near-copy of one already seen?"."""

    def __init__(self, threshold: float = 0.8, num_perm: int = NUM_PERM) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"near-duplicate threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=lsh_threshold(threshold), num_perm=num_perm)
        self._signatures: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._signatures

    def signature(self, text: str) -> np.ndarray:
        """MinHash hash values of ``text`` (``num_perm`` unsigned 32-bit integers)."""
        minhash = MinHash(num_perm=self.num_perm, seed=SEED, scheme=_SCHEME)
        minhash.update_batch(s.encode("utf-8") for s in sorted(shingles(text)))
        return minhash.hashvalues.astype(np.uint32)

    def signature_bytes(self, text: str) -> bytes:
        """Serialised signature of ``text``, as stored in ``articles.minhash``."""
        return self.to_bytes(self.signature(text))

    def to_bytes(self, signature: np.ndarray) -> bytes:
        """Serialise a signature made by this index."""
        header = _HEADER.pack(_MAGIC, _VERSION, SEED, self.num_perm)
        return header + signature.astype("<u4").tobytes()

    def from_bytes(self, data: bytes) -> np.ndarray:
        """Signature from its serialised form; ``SignatureError`` if it cannot be used here."""
        if len(data) < _HEADER.size:
            raise SignatureError("signature too short")
        magic, version, seed, num_perm = _HEADER.unpack_from(data)
        if magic != _MAGIC or version != _VERSION:
            raise SignatureError("not an allegiance MinHash signature")
        if seed != SEED or num_perm != self.num_perm:
            raise SignatureError(f"signature made with seed={seed}, num_perm={num_perm}")
        body = data[_HEADER.size:]
        if len(body) != 4 * num_perm:
            raise SignatureError("signature length does not match its header")
        return np.frombuffer(body, dtype="<u4").astype(np.uint32)

    def add(self, article_id: str, text: str) -> bytes:
        """Index ``text`` under ``article_id``; returns its serialised signature."""
        signature = self.signature(text)
        self.add_signature(article_id, signature)
        return self.to_bytes(signature)

    def add_signature(self, article_id: str, signature: np.ndarray) -> None:
        """Index a signature; ids already present and empty texts' signatures are ignored."""
        if article_id in self._signatures or bool(np.all(signature == _EMPTY)):
            return
        self._signatures[article_id] = signature
        lean = LeanMinHash(seed=SEED, hashvalues=signature, scheme=_SCHEME)
        self._lsh.insert(article_id, lean)

    def find(self, text: str) -> str | None:
        """Id of the indexed article ``text`` is a near-copy of (the most similar), or ``None``."""
        return self.find_signature(self.signature(text))

    def find_signature(self, signature: np.ndarray) -> str | None:
        """Like ``find`` for a signature already computed."""
        if not self._signatures or bool(np.all(signature == _EMPTY)):
            return None
        lean = LeanMinHash(seed=SEED, hashvalues=signature, scheme=_SCHEME)
        best: tuple[float, str] | None = None
        for candidate in sorted(self._lsh.query(lean)):
            similarity = self.similarity(signature, self._signatures[candidate])
            if similarity >= self.threshold and (best is None or similarity > best[0]):
                best = (similarity, candidate)
        return best[1] if best else None

    @staticmethod
    def similarity(first: np.ndarray, second: np.ndarray) -> float:
        """MinHash estimate of the Jaccard similarity of two signatures."""
        return float(np.mean(first == second))

    def load(self, pairs: Iterable[tuple[str, bytes]]) -> int:
        """Index stored ``(article_id, signature_bytes)`` pairs; returns how many were unusable."""
        unusable = 0
        for article_id, data in pairs:
            try:
                self.add_signature(article_id, self.from_bytes(bytes(data)))
            except SignatureError:
                unusable += 1
        return unusable
