"""Dialogs: controllers that wire a view to the services."""
