"""SM4 in GCM mode (GB/T 32907, GB/T 39786-2021): ``sm4gcm:v<key id>:<base64(nonce|ct|tag)>``.

GCM authenticates as well as encrypts, so a changed or truncated value fails to decrypt instead of
reading as other text. The key id in the prefix says which ring key opens it, which is what lets
the rotation re-encrypt row by row while the old key is still in the ring.
"""

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from chanjiao.common.crypto.keys import key_ring

PREFIX = "sm4gcm:v"
NONCE_BYTES = 12
TAG_BYTES = 16


class DecryptionError(ValueError):
    """A stored value is not a ciphertext of this ring, or has been altered."""


def encrypt_text(plaintext: str, *, key_id: int | None = None) -> str:
    """Encrypt text with the ring's newest data key (or ``key_id``) and a fresh random nonce."""
    ring = key_ring()
    key_id = ring.current_id if key_id is None else key_id
    nonce = os.urandom(NONCE_BYTES)
    encryptor = Cipher(algorithms.SM4(ring.data_key(key_id)), modes.GCM(nonce)).encryptor()
    body = encryptor.update(plaintext.encode("utf-8")) + encryptor.finalize()
    payload = base64.b64encode(nonce + body + encryptor.tag).decode("ascii")
    return f"{PREFIX}{key_id}:{payload}"


def decrypt_text(token: str) -> str:
    """Return the plaintext of a token; raise ``DecryptionError`` if it was altered."""
    key_id = token_key_id(token)
    if key_id is None:
        raise DecryptionError("不是 SM4 密文。")
    raw = base64.b64decode(token.split(":", 2)[2])
    nonce, body, tag = raw[:NONCE_BYTES], raw[NONCE_BYTES:-TAG_BYTES], raw[-TAG_BYTES:]
    key = key_ring().data_key(key_id)
    decryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce, tag)).decryptor()
    try:
        return (decryptor.update(body) + decryptor.finalize()).decode("utf-8")
    except InvalidTag:
        raise DecryptionError(f"密文校验失败（密钥 {key_id}）：数据被改动或密钥不符。") from None


def token_key_id(value: str) -> int | None:
    """The data key id a token names, or None for anything that is not a token."""
    if not value.startswith(PREFIX):
        return None
    number = value[len(PREFIX) :].partition(":")[0]
    return int(number) if number.isdigit() else None


def is_ciphertext(value: object) -> bool:
    return isinstance(value, str) and token_key_id(value) is not None
