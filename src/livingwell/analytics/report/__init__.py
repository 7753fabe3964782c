"""The impact report: every figure from a learning extract, each with what it rests on.

Pure Python (Polars, SciPy; no Django), so any site, evaluator or partner can run it on their own extract
(`livingwell report EXTRACT --output OUT`), of either version the reader reads. The definitions are
those of the extract's contract (`docs/learning-extract.md`, version 2); where the contract leaves a
choice, the choice is written here, next to the code that makes it, and in the report itself.

Honest learning (relational rule 8): each figure says how many people it rests on and how complete the
data behind it is; nothing missing is dropped without being counted, nothing is imputed, and any figure
resting on 1 to 4 people is suppressed.

The package, a module a part of the report: `figures` (Figure, Section, Report and the words for
coded values), `people` (people supported, waits), `outcomes` (goals, questionnaires), `system` (warm
introductions, open books), `equity` (who benefits), `build` (the whole report) and `output` (HTML,
PDF and report.json).
"""

from livingwell.analytics.report.build import build_report, report_json
from livingwell.analytics.report.figures import Figure, Report, Section
from livingwell.analytics.report.output import write_report

__all__ = ["Figure", "Report", "Section", "build_report", "report_json", "write_report"]
