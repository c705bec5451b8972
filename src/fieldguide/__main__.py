"""`python -m fieldguide` runs the command line, as the `fieldguide` script does."""

from fieldguide.cli import main

main()
