"""The decision wizard (issue 7): one draft, thin pages, one commit (HOUSE_STYLE G9)."""
