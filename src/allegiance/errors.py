"""Errors meant for the user: each carries one clear line; the CLI prints it without a traceback."""


class AllegianceError(Exception):
    """Base class for errors the CLI reports as one line (full traceback with --verbose)."""


class ModelMissingError(AllegianceError):
    """A spaCy pipeline package is not installed or is the wrong version."""


class ConfigError(AllegianceError):
    """The configuration or a user data file is invalid."""


class StoreError(AllegianceError):
    """The database could not be opened, migrated or written."""
