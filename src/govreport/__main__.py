"""``python -m govreport``: the ``govreport`` command."""

from .cli import run

if __name__ == "__main__":
    run()
