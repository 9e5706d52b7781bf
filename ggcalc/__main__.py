"""``python -m ggcalc``: the same as the ``ggcalc`` command."""

from ggcalc.cli import main

if __name__ == "__main__":
    main()
