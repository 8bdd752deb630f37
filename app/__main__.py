import sys

from app.cli import main

if __name__ == "__main__":  # guard: decoding worker processes re-import the main module
    sys.exit(main())
