"""Qt item models: thin adapters over read-model rows."""
