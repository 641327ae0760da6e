"""Expected errors: each becomes one line on stderr and a documented exit code."""

from __future__ import annotations


class SubsidyError(Exception):
    """An error the user can fix; rendered as one line, exit code ``exit_code``."""

    exit_code = 2


class InputError(SubsidyError):
    """Bad input: names the file, and where known the line and key."""

    def __init__(self, file: object, message: str, line: int | None = None, key: str | None = None):
        self.file = str(file)
        self.line = line
        self.key = key
        self.message = message
        where = self.file
        if line is not None:
            where += f":{line}"
        if key:
            where += f": {key}"
        super().__init__(f"{where}: {message}")


class DataError(SubsidyError):
    """A programme data file is invalid: a packaging bug, not user input."""

    exit_code = 3
