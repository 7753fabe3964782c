"""Synthetic data for demos, tests and benchmarks: invented people only, never real ones."""
