"""Use cases: one unit of work per user action; they return read models and a ChangeSet."""
