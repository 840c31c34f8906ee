"""The key ring: SM4 data keys by id (the highest id encrypts) and the blind-index key.

The ring is read, in this order, from ``CHANJIAO_DATA_KEYS`` (the text itself), from the file
named by ``CHANJIAO_DATA_KEYS_FILE``, or — for development only — from a file generated under the
data directory on first use. The text holds one entry a line (or comma-separated)::

    index:<64 hex digits>      the HMAC-SM3 key of the blind indexes (32 bytes)
    1:<32 hex digits>          SM4 data key number 1 (16 bytes)
    2:<32 hex digits>          SM4 data key number 2: the newest, used for new values

Old data keys stay in the ring until ``chanjiao rotate_data_keys`` has re-encrypted every value.
"""

import functools
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed

DATA_KEY_BYTES = 16
INDEX_KEY_BYTES = 32
SETTINGS = ("CHANJIAO_DATA_KEYS", "CHANJIAO_DATA_KEYS_FILE", "CHANJIAO_DATA_KEYS_DEV_FILE")


class KeyRingError(ImproperlyConfigured):
    """The key ring is missing, malformed, or lacks the key a stored value names."""


@dataclass(frozen=True)
class KeyRing:
    data_keys: dict[int, bytes]
    index_key: bytes
    source: str

    @property
    def current_id(self) -> int:
        return max(self.data_keys)

    def data_key(self, key_id: int) -> bytes:
        try:
            return self.data_keys[key_id]
        except KeyError:
            raise KeyRingError(
                f"数据密钥 {key_id} 不在密钥环中：请先用 chanjiao rotate_data_keys 重新加密，"
                "再从 CHANJIAO_DATA_KEYS 中删除旧密钥。"
            ) from None


def parse_key_ring(text: str, *, source: str) -> KeyRing:
    """Read the ring's text; raise ``KeyRingError`` naming what is wrong (never the key)."""
    data_keys: dict[int, bytes] = {}
    index_key = b""
    for entry in text.replace(",", "\n").splitlines():
        entry = entry.strip()
        if not entry or entry.startswith("#"):
            continue
        name, _, value = entry.partition(":")
        try:
            key = bytes.fromhex(value.strip())
        except ValueError:
            raise KeyRingError(f"{source}：密钥 {name.strip()} 不是十六进制。") from None
        if name.strip() == "index":
            index_key = _sized(key, INDEX_KEY_BYTES, source, "index")
        elif name.strip().isdigit() and int(name) > 0:
            data_keys[int(name)] = _sized(key, DATA_KEY_BYTES, source, name.strip())
        else:
            raise KeyRingError(f"{source}：无法识别的条目 {name.strip()!r}。")
    if not data_keys or not index_key:
        raise KeyRingError(f"{source}：需要至少一个数据密钥（1:…）和一个索引密钥（index:…）。")
    return KeyRing(data_keys=data_keys, index_key=index_key, source=source)


def generate_key_ring_text(*, key_ids: tuple[int, ...] = (1,)) -> str:
    """Return the text of a new ring: one fresh index key and fresh data keys."""
    lines = [f"index:{secrets.token_hex(INDEX_KEY_BYTES)}"]
    lines += [f"{key_id}:{secrets.token_hex(DATA_KEY_BYTES)}" for key_id in key_ids]
    return "\n".join(lines) + "\n"


@functools.cache
def key_ring() -> KeyRing:
    """Return the configured ring (read once per process; settings changes in tests reset it)."""
    text = getattr(settings, "CHANJIAO_DATA_KEYS", "")
    if text:
        return parse_key_ring(text, source="CHANJIAO_DATA_KEYS")
    file_name = getattr(settings, "CHANJIAO_DATA_KEYS_FILE", "")
    if file_name:
        return parse_key_ring(_read(Path(file_name)), source="CHANJIAO_DATA_KEYS_FILE")
    dev_file = Path(settings.CHANJIAO_DATA_KEYS_DEV_FILE)
    if not dev_file.exists():
        _create_once(dev_file, generate_key_ring_text())
    return parse_key_ring(_read(dev_file), source=str(dev_file))


def _create_once(path: Path, text: str) -> None:
    """Write a new key file unless another process just did (web, worker and scheduler start
    together): the one linked first wins, so every process reads the same ring."""
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    draft.write_text(text, encoding="utf-8")
    draft.chmod(0o600)
    try:
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KeyRingError(f"无法读取密钥文件 {path}：{exc}") from exc


def _sized(key: bytes, size: int, source: str, name: str) -> bytes:
    if len(key) != size:
        raise KeyRingError(f"{source}：密钥 {name} 应为 {size} 字节（{size * 2} 个十六进制字符）。")
    return key


def _reset(*, setting: str, **kwargs: Any) -> None:
    if setting in SETTINGS:
        key_ring.cache_clear()


setting_changed.connect(_reset)
