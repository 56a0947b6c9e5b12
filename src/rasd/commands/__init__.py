"""CLI subcommands. Each module here defines ``register(subparsers)``; ``rasd.cli``
discovers them, so adding a command is adding a module."""
