"""A mail backend that fails like a mail server that is down."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


FAILING = {"default": {"BACKEND": "tests.support.mail.FailingBackend"}}
