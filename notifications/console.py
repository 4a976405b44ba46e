"""The development mail backend (EMAIL_URL=consolemail://, the default): each e-mail on
the console as a person reads it, its headers and its text decoded. Django's own console
backend prints the MIME message, whose quoted-printable body breaks a long link over lines
with "=" at their ends, so that the invitation's link cannot be copied."""

from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend

SHOWN_HEADERS = ("From", "To", "Cc", "Reply-To", "Subject", "Date")


class EmailBackend(DjangoConsoleBackend):
    def write_message(self, message):
        mime = message.message()
        for header in SHOWN_HEADERS:
            if mime[header]:
                self.stream.write(f"{header}: {mime[header]}\n")
        self.stream.write("\n" + str(message.body).rstrip() + "\n")
        for alternative in getattr(message, "alternatives", ()):
            self.stream.write(f"[and the same as {alternative[1]}]\n")
        self.stream.write("-" * 79 + "\n")
