"""The guides' screenshots (``scripts/screenshots.sh``): the real app, driven in-process."""
