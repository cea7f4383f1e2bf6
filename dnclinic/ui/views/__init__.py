"""Views: layout and styling only, with public child widgets."""
