"""Entry point of the frozen (PyInstaller) ``strokelink`` executable.

``multiprocessing.freeze_support()`` comes first: the decoding workers
(``app.retrieve.decode``) are started with ``forkserver``/``spawn``, which run
this same executable with special arguments.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from app.cli import main

    sys.exit(main())
