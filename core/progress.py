"""Progress of a long management command: one line rewritten in place on a terminal,
plain lines (every tenth of the way) in a log, nothing at ``--verbosity 0``."""

from django.core.management.base import OutputWrapper


class Progress:
    def __init__(self, out: OutputWrapper, label: str, total: int | None, verbosity: int = 1):
        self.out, self.label, self.total = out, label, total
        self.quiet = verbosity < 1
        self.terminal = getattr(out._out, "isatty", lambda: False)()
        self.reported = -1

    def __call__(self, done: int, detail: str = "") -> None:
        if self.quiet:
            return
        text = f"{self.label}: {done}" + (f"/{self.total}" if self.total else "")
        text += f" {detail}" if detail else ""
        if self.terminal:
            self.out.write(f"\r{text[:78]:<78}", ending="")
            self.out.flush()
            return
        tenth = 10 * done // self.total if self.total else done
        if tenth != self.reported:
            self.reported = tenth
            self.out.write(text)

    def done(self) -> None:
        if self.terminal and not self.quiet:
            self.out.write("")
