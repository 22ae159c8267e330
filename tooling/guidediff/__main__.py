"""``python -m guidediff``: the command line, where the ``guidediff`` script is not on PATH."""

from guidediff.cli import main

if __name__ == "__main__":
    main()
