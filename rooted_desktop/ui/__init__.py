"""All PySide6 code lives here."""
