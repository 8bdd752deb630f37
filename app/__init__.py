"""StrokeLink: acute-stroke tele-expertise client (application layer, no Qt outside ``app.ui``)."""

__version__ = "0.1.0"
