"""PDF documents: ReportLab builders, data in and PDF bytes out (no Qt)."""
