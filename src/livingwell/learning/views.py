"""The Collaborative's pages. The simulator holds no one's record: it is open to the whole Collaborative."""

from __future__ import annotations

import functools
import tempfile
import time
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from livingwell.learning.forms import SimulatorForm
from livingwell.learning.presenters import charts, figure_rows
from livingwell.simulation.engine import compare
from livingwell.simulation.parameters import Parameters
from livingwell.simulation.results import Comparison

SEED = 20150401  # the same seed for every page run, so the same levers always give the same answer


@functools.lru_cache(maxsize=16)
def _timed_comparison(params: Parameters, replications: int) -> tuple[Comparison, float]:
    started = time.perf_counter()
    comparison = compare(params, SEED, replications)
    return comparison, time.perf_counter() - started


def simulator(request: HttpRequest) -> HttpResponse:
    form = SimulatorForm(request.GET if "adults" in request.GET else None)
    context: dict[str, object] = {
        "title": "What if we turned our system on its head?",
        "form": form,
    }
    if form.is_bound and form.is_valid():
        comparison, seconds = _timed_comparison(
            form.parameters(), form.cleaned_data["replications"]
        )
        context.update(
            comparison=comparison,
            seconds=seconds,
            figures=figure_rows(comparison),
            charts=charts(comparison),
            csv_query=request.GET.urlencode(),
        )
    return render(request, "learning/simulator.jinja", context)


def simulator_csv(request: HttpRequest) -> HttpResponse:
    form = SimulatorForm(request.GET)
    if not form.is_valid():
        messages = "; ".join(str(m) for errors in form.errors.values() for m in errors)
        return HttpResponse(
            f"Cannot run this scenario: {messages}\n",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    comparison, _ = _timed_comparison(form.parameters(), form.cleaned_data["replications"])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "monthly.csv"
        comparison.to_csv(path)
        response = HttpResponse(path.read_bytes(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="living-well-simulation-by-month.csv"'
    return response
