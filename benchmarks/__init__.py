"""Benchmarks at clinic scale (``make bench``): medians and ratios, never pass/fail timings."""
