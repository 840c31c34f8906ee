"""Login lockout: by account over all addresses, by address over all accounts, growing, ending."""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client, override_settings
from django.utils import timezone

from chanjiao.accounts.lockout import lockout_clear_for_username, lockout_locks, lockout_notice
from chanjiao.accounts.tests.factories import TEST_PASSWORD, UserFactory
from chanjiao.audit.models import AuditEvent
from chanjiao.common.client_ip import client_ip_from, trusted_proxy_networks

pytestmark = pytest.mark.django_db

WRONG = "Wrong-Guess-2026"
ADDRESSES = [f"198.51.100.{n}" for n in range(1, 7)]


def _login(username: str, password: str, ip: str = "203.0.113.5", **meta: str) -> int:
    response = Client().post(
        "/login/", {"username": username, "password": password}, REMOTE_ADDR=ip, **meta
    )
    return response.status_code


def test_password_spraying_from_one_address_is_locked_at_thirty_failures(catalogs):
    users = [UserFactory(username=f"spray{n}") for n in range(35)]
    statuses = [_login(user.username, WRONG) for user in users[:30]]

    assert statuses[:29] == [200] * 29  # wrong password: the form again
    assert statuses[29] == 429  # the 30th failure from the address locks it
    # Any account, even with its right password, is refused from that address ...
    assert _login(users[30].username, TEST_PASSWORD) == 429
    # ... and reachable from another address: no account was locked.
    assert _login(users[30].username, TEST_PASSWORD, ip="192.0.2.44") == 302
    locks = lockout_locks("spray31", "203.0.113.5")
    assert [(lock.kind, lock.failures, lock.cool_off) for lock in locks] == [
        ("address", 30, timedelta(minutes=1))
    ]
    assert AuditEvent.objects.filter(action="auth.lockout", result="denied").count() == 1


def test_a_computer_room_sharing_an_address_is_not_locked_by_a_few_typos(catalogs):
    students = [UserFactory(username=f"pupil{n}") for n in range(12)]
    for student in students:
        assert _login(student.username, WRONG) == 200
    assert _login(students[0].username, TEST_PASSWORD) == 302


def test_distributed_guessing_of_one_account_is_refused_even_with_the_right_password(catalogs):
    victim = UserFactory(username="victim")
    statuses = [_login(victim.username, WRONG, ip=ADDRESSES[n % 6]) for n in range(30)]

    assert statuses[:4] == [200] * 4
    assert statuses[4] == 429  # the 5th failure, whatever the address, locks the account
    assert set(statuses[5:]) == {429}
    assert _login(victim.username, TEST_PASSWORD, ip="192.0.2.99") == 429
    # Refused attempts during the lock are not counted: the account shows its 5 real failures.
    assert lockout_locks("victim", None)[0].failures == 5


def test_cool_off_grows_with_failures_and_expires():
    user = UserFactory(username="forgetful")
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(5):
            _login(user.username, WRONG)
        assert lockout_locks(user.username, None)[0].cool_off == timedelta(minutes=1)
        assert _login(user.username, TEST_PASSWORD) == 429
        clock.shift(timedelta(seconds=59))
        assert _login(user.username, TEST_PASSWORD) == 429

        # Each lock ends by itself; each failure after it locks again, longer every 5 failures.
        cool_offs = []
        for _ in range(15):
            clock.shift(timedelta(minutes=31))
            assert _login(user.username, WRONG) == 429
            cool_offs.append(lockout_locks(user.username, None)[0].cool_off)
        assert [c.total_seconds() // 60 for c in cool_offs] == [1] * 4 + [5] * 5 + [15] * 5 + [30]

        clock.shift(timedelta(minutes=29, seconds=59))
        assert _login(user.username, TEST_PASSWORD) == 429
        clock.shift(timedelta(seconds=2))
        assert _login(user.username, TEST_PASSWORD) == 302
    assert not AccessAttempt.objects.filter(username="forgetful").exists()  # reset on success


def test_failures_are_forgotten_an_hour_after_the_last_one():
    user = UserFactory(username="returning")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(4):
            _login(user.username, WRONG)
        clock.shift(timedelta(minutes=61))
        assert _login(user.username, WRONG) == 200  # counted afresh: 1 failure, no lock
        assert _login(user.username, TEST_PASSWORD) == 302


def test_the_lockout_page_says_how_long(catalogs):
    user = UserFactory(username="pagecheck")
    for _ in range(4):
        _login(user.username, WRONG)
    response = Client().post(
        "/login/", {"username": user.username, "password": WRONG}, REMOTE_ADDR="203.0.113.5"
    )
    assert response.status_code == 429
    assert response.context["cooloff_minutes"] == 1
    assert response.context["locked_account"] is True
    assert response.context["locked_address"] is False


def test_clearing_a_username_after_a_password_reset_unlocks_the_account(catalogs):
    user = UserFactory(username="resetter")
    for n in range(6):
        _login(user.username, WRONG, ip=ADDRESSES[n % 6])
    assert _login(user.username, TEST_PASSWORD) == 429

    assert lockout_clear_for_username("Resetter") == 5  # one record per address tried
    assert _login(user.username, TEST_PASSWORD) == 302
    assert AuditEvent.objects.filter(action="auth.lockout.cleared").exists()


@override_settings(CHANJIAO_TRUSTED_PROXIES=["10.0.0.0/8"])
def test_the_address_behind_a_trusted_proxy_comes_from_x_forwarded_for(catalogs):
    user = UserFactory(username="proxied")
    # The client wrote the left-most entry itself: only the right-most untrusted one counts.
    _login(user.username, WRONG, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")

    attempt = AccessAttempt.objects.get(username="proxied")
    assert attempt.ip_address == "198.51.100.7"
    event = AuditEvent.objects.filter(action="auth.login_failed").latest("id")
    assert event.ip_address == "198.51.100.7"


@override_settings(CHANJIAO_TRUSTED_PROXIES=["10.0.0.0/8"])
def test_spoofed_forwarded_addresses_do_not_escape_the_address_lock(catalogs):
    users = [UserFactory(username=f"rotate{n}") for n in range(31)]
    statuses = [
        _login(u.username, WRONG, ip="10.0.0.2", HTTP_X_FORWARDED_FOR=f"7.7.7.{n}, 198.51.100.8")
        for n, u in enumerate(users[:30])
    ]
    assert statuses[-1] == 429
    assert (
        _login(
            users[30].username,
            TEST_PASSWORD,
            ip="10.0.0.2",
            HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.8",
        )
        == 429
    )


def test_x_forwarded_for_from_an_untrusted_peer_is_ignored(catalogs):
    user = UserFactory(username="direct")
    _login(user.username, WRONG, ip="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert AccessAttempt.objects.get(username="direct").ip_address == "203.0.113.9"
    assert AuditEvent.objects.filter(action="auth.login_failed").latest("id").ip_address == (
        "203.0.113.9"
    )


@override_settings(CHANJIAO_TRUSTED_PROXIES=["10.0.0.1", "172.16.0.0/12"])
def test_client_ip_reads_the_chain_from_the_right():
    nets = trusted_proxy_networks()
    assert client_ip_from("10.0.0.1", "8.8.8.8, 198.51.100.1, 172.16.5.5", nets) == "198.51.100.1"
    assert client_ip_from("10.0.0.1", "198.51.100.1:5123", nets) == "198.51.100.1"
    assert client_ip_from("10.0.0.1", "[2001:db8::7]:443", nets) == "2001:db8::7"
    assert client_ip_from("10.0.0.1", "garbage", nets) == "10.0.0.1"
    assert client_ip_from("10.0.0.1", "172.16.0.9", nets) == "172.16.0.9"  # only proxies
    assert client_ip_from("10.0.0.2", "198.51.100.1", nets) == "10.0.0.2"  # peer not trusted
    assert client_ip_from("10.0.0.1", None, nets) == "10.0.0.1"
    assert client_ip_from("::ffff:10.0.0.9", None, ()) == "10.0.0.9"


def test_the_login_page_notice_names_the_steps():
    assert lockout_notice() == (
        "同一账号连续输错密码 5 次，将暂停登录 1 分钟，"
        "之后再输错，暂停时间依次延长为 5、15、30 分钟。"
        "忘记密码时，用“找回密码”重设后即可登录。"
    )
