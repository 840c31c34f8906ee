"""Personal data at rest: SM4-GCM encrypted fields, an HMAC-SM3 blind index, the key ring.

See docs/personal-data.md. The keys come from the environment or a key file, never the database.
"""

from chanjiao.common.crypto.cipher import decrypt_text, encrypt_text, is_ciphertext, token_key_id
from chanjiao.common.crypto.fields import BlindIndexField, EncryptedTextField
from chanjiao.common.crypto.index import blind_index
from chanjiao.common.crypto.keys import KeyRing, KeyRingError, key_ring

__all__ = [
    "BlindIndexField",
    "EncryptedTextField",
    "KeyRing",
    "KeyRingError",
    "blind_index",
    "decrypt_text",
    "encrypt_text",
    "is_ciphertext",
    "key_ring",
    "token_key_id",
]
