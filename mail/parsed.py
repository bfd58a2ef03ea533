"""Reading a parsed e-mail: headers and the text and HTML parts.

Shared by the local SMTP catcher (`mail.catcher.CaughtMail`, the development mail view) and
the test SMTP server (`mail.testing.ReceivedMail`), so both read a message the same way.
"""


class ParsedMail:
    """Mix into a class whose `message` is an `email.message.EmailMessage` (default policy)."""

    def header(self, name):
        return str(self.message[name] or "")

    @property
    def subject(self):
        return self.header("Subject")

    @property
    def to(self):
        return self.header("To")

    @property
    def sender(self):
        return self.header("From")

    @property
    def reply_to(self):
        return self.header("Reply-To")

    @property
    def message_id(self):
        return self.header("Message-ID")

    def _part(self, content_type):
        for part in self.message.walk():
            if part.get_content_type() == content_type and not part.is_attachment():
                return part.get_content()
        return ""

    @property
    def text(self):
        return self._part("text/plain")

    @property
    def html(self):
        return self._part("text/html")
