"""Personal data at rest: SM4-GCM ciphertext in the rows, the blind index, rotation, migration."""

import pytest
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from chanjiao.accounts.models import User
from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.audit.models import AuditEvent
from chanjiao.audit.services import audit_event_record
from chanjiao.common.crypto import blind_index, decrypt_text, encrypt_text, key_ring
from chanjiao.common.crypto.cipher import DecryptionError
from chanjiao.common.crypto.keys import KeyRingError, parse_key_ring
from chanjiao.common.crypto.rewriting import (
    encrypt_plaintext,
    encrypted_table,
    rewrite_table,
)
from chanjiao.listings.models import ListingEvent
from chanjiao.listings.tests.factories import listing_make

pytestmark = pytest.mark.django_db

INDEX = "index:" + "5e" * 32
KEY_1 = "1:0123456789abcdeffedcba9876543210"
KEY_2 = "2:" + "a7" * 16


def _raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return str(cursor.fetchone()[0])


def test_the_row_holds_sm4_ciphertext_and_the_model_the_plaintext():
    user = UserFactory(username="wang", phone="13812345678", id_number="45040319990101123X")

    raw_phone = _raw("accounts_user", "phone", user.pk)
    raw_id = _raw("accounts_user", "id_number", user.pk)

    assert raw_phone.startswith("sm4gcm:v1:")
    assert raw_id.startswith("sm4gcm:v1:")
    assert "13812345678" not in raw_phone
    assert "1999" not in raw_id
    fresh = User.objects.get(pk=user.pk)
    assert (fresh.phone, fresh.id_number) == ("13812345678", "45040319990101123X")
    assert User.objects.filter(pk=user.pk).values_list("phone", flat=True).get() == "13812345678"


def test_equal_values_encrypt_differently_and_empty_stays_empty():
    first = UserFactory(username="a", phone="13812345678", id_number="")
    second = UserFactory(username="b", phone="13812345678", id_number="")

    assert _raw("accounts_user", "phone", first.pk) != _raw("accounts_user", "phone", second.pk)
    assert _raw("accounts_user", "id_number", first.pk) == ""
    assert User.objects.filter(id_number="").count() == 2


def test_an_altered_ciphertext_is_refused():
    token = encrypt_text("13812345678")
    altered = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]

    with pytest.raises(DecryptionError):
        decrypt_text(altered)


def test_sm4_matches_the_standard_test_vector():
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    key = bytes.fromhex("0123456789abcdeffedcba9876543210")
    encryptor = Cipher(algorithms.SM4(key), modes.ECB()).encryptor()  # noqa: S305

    # GB/T 32907-2016, appendix A.1.
    assert (encryptor.update(key) + encryptor.finalize()).hex() == (
        "681edf34d206965e86b3e94f536e4246"
    )


def test_blind_index_finds_a_person_by_phone_or_id_number_however_written():
    user = UserFactory(username="li", phone="13812345678", id_number="45040319990101123x")
    UserFactory(username="other", phone="13900000000", id_number="450403199901011230")

    by_phone = User.objects.get(phone_index=blind_index("138 1234 5678", purpose="phone"))
    by_id = User.objects.get(id_number_index=blind_index("45040319990101123X", purpose="id_number"))

    assert by_phone == user
    assert by_id == user
    assert blind_index("13812345678", purpose="phone") != blind_index(
        "13812345678", purpose="id_number"
    )
    assert "13812345678" not in user.phone_index
    assert len(user.phone_index) == 43  # URL-safe base64 of the 32-byte MAC


def test_blind_index_follows_a_change_of_phone():
    user = UserFactory(username="li", phone="13812345678")
    user.phone = "13700001111"
    user.save()

    assert User.objects.get(phone_index=blind_index("13700001111", purpose="phone")) == user
    assert not User.objects.filter(phone_index=blind_index("13812345678", purpose="phone")).exists()


def test_rotation_reencrypts_every_row_and_the_old_key_can_then_go(capsys):
    users = [UserFactory(username=f"u{n}", phone=f"1381234{n:04d}") for n in range(5)]

    with override_settings(CHANJIAO_DATA_KEYS=f"{INDEX}\n{KEY_1}\n{KEY_2}"):
        call_command("rotate_data_keys", "--batch-size", "2")
        call_command("rotate_data_keys", "--check")
        again = capsys.readouterr().out
        call_command("rotate_data_keys")
    second_run = capsys.readouterr().out

    assert "accounts.User：密钥 2：10" in again
    assert "accounts.User：检查" in second_run
    assert "改写 0 行" in second_run
    for user in users:
        assert _raw("accounts_user", "phone", user.pk).startswith("sm4gcm:v2:")
    # Key 1 removed from the ring: every value still opens, and the index still finds people.
    with override_settings(CHANJIAO_DATA_KEYS=f"{INDEX}\n{KEY_2}"):
        assert [User.objects.get(pk=u.pk).phone for u in users] == [u.phone for u in users]
        assert (
            User.objects.get(phone_index=blind_index(users[3].phone, purpose="phone")) == users[3]
        )


def test_a_value_under_a_removed_key_says_which_key_is_missing():
    user = UserFactory(username="li", phone="13812345678")

    with (
        override_settings(CHANJIAO_DATA_KEYS=f"{INDEX}\n{KEY_2}"),
        pytest.raises(KeyRingError, match="数据密钥 1"),
    ):
        User.objects.get(pk=user.pk)


def test_rotating_the_index_key_with_reindex_keeps_lookups_working():
    user = UserFactory(username="li", phone="13812345678")
    new_index = "index:" + "71" * 32

    with override_settings(CHANJIAO_DATA_KEYS=f"{new_index}\n{KEY_1}"):
        assert not User.objects.filter(
            phone_index=blind_index("13812345678", purpose="phone")
        ).exists()
        call_command("rotate_data_keys", "--reindex")
        assert User.objects.get(phone_index=blind_index("13812345678", purpose="phone")) == user


def test_the_migration_step_encrypts_plaintext_rows_and_fills_the_index():
    user = UserFactory(username="legacy", phone="", id_number="")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accounts_user SET phone = %s, id_number = %s, phone_index = '' WHERE id = %s",
            ["13812345678", "450403199901011234", user.pk],
        )
    table = encrypted_table(User)

    written = rewrite_table(connection, table, encrypt_plaintext)
    again = rewrite_table(connection, table, encrypt_plaintext)

    assert (written, again) == (1, 0)
    assert _raw("accounts_user", "phone", user.pk).startswith("sm4gcm:v1:")
    assert User.objects.get(pk=user.pk).id_number == "450403199901011234"
    assert User.objects.get(phone_index=blind_index("13812345678", purpose="phone")) == user


def test_the_audit_log_keeps_phones_and_id_numbers_masked(outsider):
    event = audit_event_record(
        actor=outsider,
        action="user.update",
        target=outsider,
        changes={"phone": ["13812345678", "13900001111"], "id_number": "450403199901011234"},
    )

    stored = AuditEvent.objects.get(pk=event.pk).changes
    assert stored == {"phone": ["138****5678", "139****1111"], "id_number": "4504**********1234"}


def test_listing_contact_phone_is_encrypted_and_its_history_masked(recruiter, enterprise):
    listing = listing_make(kind="job", author=recruiter, organization=enterprise)

    raw = _raw("listings_listing", "contact_phone", listing.pk)
    snapshots = [e.snapshot for e in ListingEvent.objects.filter(listing=listing)]

    assert raw.startswith("sm4gcm:v1:")
    assert listing.contact_phone == "13912345678"
    assert snapshots
    assert all(s.get("contact_phone", "") in ("", "139****5678") for s in snapshots)


def test_key_ring_text_is_checked():
    with pytest.raises(KeyRingError, match="16 字节"):
        parse_key_ring(f"{INDEX}\n1:abcd", source="test")
    with pytest.raises(KeyRingError, match="索引密钥"):
        parse_key_ring(KEY_1, source="test")
    assert key_ring().current_id == 1


def test_development_ring_is_generated_once_outside_the_database(tmp_path):
    dev_file = tmp_path / "data-keys"

    with override_settings(
        CHANJIAO_DATA_KEYS="", CHANJIAO_DATA_KEYS_FILE="", CHANJIAO_DATA_KEYS_DEV_FILE=dev_file
    ):
        first = key_ring()
        key_ring.cache_clear()
        second = key_ring()

    assert first == second
    assert first.current_id == 1
    assert oct(dev_file.stat().st_mode & 0o777) == "0o600"


def test_ring_is_read_from_the_named_file(tmp_path):
    ring_file = tmp_path / "ring"
    ring_file.write_text(f"# production ring\n{INDEX}\n{KEY_1}\n{KEY_2}\n", encoding="utf-8")

    with override_settings(CHANJIAO_DATA_KEYS="", CHANJIAO_DATA_KEYS_FILE=str(ring_file)):
        ring = key_ring()

    assert (ring.current_id, sorted(ring.data_keys), ring.source) == (
        2,
        [1, 2],
        "CHANJIAO_DATA_KEYS_FILE",
    )


def test_lookups_by_value_on_ciphertext_are_refused_instead_of_finding_nothing():
    UserFactory(username="li", phone="13812345678")

    with pytest.raises(FieldError, match="盲索引"):
        User.objects.filter(phone="13812345678").count()
    with pytest.raises(FieldError, match="盲索引"):
        User.objects.filter(phone__startswith="138").count()
    assert User.objects.exclude(phone="").filter(username="li").count() == 1
