"""Analytics: the learning extract, the impact report and the charts they draw.

Plain Python (Polars, SciPy, Jinja2; no Django), so any site, evaluator or partner can check their
own extract and make the report from it without running Living Well.
"""
