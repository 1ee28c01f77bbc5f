"""Named errors. The docstring is the message; the CLI adds the remedy."""


class FogwatchError(Exception):
    """fogwatch failed"""

    def __init__(self, detail: str | None = None):
        super().__init__(detail or self.__doc__)
        self.detail = detail


class BadInput(FogwatchError):
    """The input cannot be read as an article"""


class ModelNotInstalled(FogwatchError):
    """The spaCy model is not installed"""


class BadDatabaseURL(FogwatchError):
    """The database URL cannot be opened"""


class BadRegistry(FogwatchError):
    """The actor registry file is not valid"""


class LedgerNotFound(FogwatchError):
    """There is no ledger at that path"""
