"""``emails_send``: the one e-mail sender of subscription and notice messages."""

import smtplib

import pytest

from chanjiao.subscriptions import notices
from chanjiao.subscriptions.notices import OPT_OUT_FOOTER, Letter, emails_send

LETTERS = [
    Letter(1, "a@example.cn", "收到新的投递", "张同学投递了岗位。", "/applications/1/"),
    Letter(2, "b@example.cn", "收到新的投递", "李同学投递了岗位。", "/applications/2/"),
]


def test_sends_subject_text_link_and_footer(email_on, mailoutbox):
    assert emails_send(LETTERS, footer=OPT_OUT_FOOTER) == 2

    first = mailoutbox[0]
    assert first.to == ["a@example.cn"]
    assert first.subject == "【产教融合信息服务平台】收到新的投递"
    assert first.body == (
        "张同学投递了岗位。\n\n查看详情：https://chanjiao.example.cn/applications/1/\n\n"
        + OPT_OUT_FOOTER
    )


def test_one_refused_address_does_not_stop_the_rest(email_on, mailoutbox, monkeypatch, caplog):
    real_send = notices.send_mail

    def refuse_a(subject, text, sender, to, **kwargs):
        if to == ["a@example.cn"]:
            raise smtplib.SMTPRecipientsRefused({"a@example.cn": (550, b"no")})
        return real_send(subject, text, sender, to, **kwargs)

    monkeypatch.setattr(notices, "send_mail", refuse_a)

    assert emails_send(LETTERS, footer="") == 1
    assert [m.to for m in mailoutbox] == [["b@example.cn"]]
    assert "notice e-mail to user 1 failed" in caplog.text


def test_unreachable_server_is_logged_not_raised(email_on, monkeypatch, caplog):
    class Down:
        def __enter__(self):
            raise ConnectionRefusedError

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(notices, "get_connection", Down)

    assert emails_send(LETTERS, footer="") == 0
    assert "mail server unavailable" in caplog.text


def test_nothing_to_send_opens_no_connection(monkeypatch):
    monkeypatch.setattr(notices, "get_connection", pytest.fail)

    assert emails_send([], footer="") == 0
