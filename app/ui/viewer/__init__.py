"""The viewer windows: case window, MPR and 2-D panes, browser, toolbar, mouse and keys."""
