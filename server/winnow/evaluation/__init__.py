"""Measuring the engine against gold: the scorer and the `winnow-evaluate` command."""
