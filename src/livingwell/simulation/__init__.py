"""The whole-system simulator: what happens to people in a mechanistic and a relational system.

Pure Python and NumPy, no Django. The model is in docs/simulation-model.md; `parameters` holds every
number it uses with its source, `engine` runs it, `episodes` holds what one replication is made of,
`measures` turns that into monthly measures, `results` summarises the replications.
"""
