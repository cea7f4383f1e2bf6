"""The desktop user interface (PySide6). The only package that imports Qt."""
