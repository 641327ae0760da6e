"""Expected errors: each becomes one line on stderr and a documented exit code.

An error holds a message code and its parameters (``subsidy_cli/messages.py``); the text is
made when it is shown, in the user's language (``--lang``, else ``SUBSIDY_LANG``, else zh).
"""

from __future__ import annotations

from .messages import CodedError, current_lang, render


class SubsidyError(CodedError):
    """An error the user can fix; rendered as one line, exit code ``exit_code``."""

    exit_code = 2


class InputError(SubsidyError):
    """Bad input: names the file, and where known the line and key. ``message`` is a catalogue
    code (with ``params``) or, for text made elsewhere, the text itself."""

    def __init__(self, file: object, message: str, line: int | None = None, key: str | None = None,
                 **params):
        self.file = str(file)
        self.line = line
        self.key = key
        self.message = message
        super().__init__(message, **params)

    def where(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.key:
            where += f": {self.key}"
        return where

    def render(self, lang: str | None = None) -> str:
        return f"{self.where()}: {render(self.message, self.params, lang or current_lang())}"


class DataError(SubsidyError):
    """A programme data file is invalid: a packaging bug, not user input."""

    exit_code = 3
