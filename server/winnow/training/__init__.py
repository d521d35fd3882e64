"""Training data generation and the `winnow-train` command."""
