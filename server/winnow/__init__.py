"""winnow: block-level boilerplate and language classification of web documents."""

__version__ = "0.1.0"
