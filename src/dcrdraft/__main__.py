"""``python -m dcrdraft``."""

from dcrdraft.cli import main

main()
