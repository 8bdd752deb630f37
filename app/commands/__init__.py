"""Subcommands of ``strokelink``: one module each, discovered by :mod:`app.cli`."""
