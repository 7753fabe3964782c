"""The plan leaving the building: FHIR for another service, a page to print, a PDF to keep."""

from __future__ import annotations

import json

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from livingwell.access import policy
from livingwell.access.places import Place, place_for, record_at
from livingwell.codes.record import Part, Relation
from livingwell.core.errors import Refused
from livingwell.plans import selectors
from livingwell.plans.forms import ImportForm
from livingwell.plans.passport_io import MayBeKnown, bundle_of, plan_import


def _file_name(given_name: str, suffix: str) -> str:
    safe = "".join(c for c in given_name if c.isalnum()) or "person"
    return f"living-well-plan-{safe.lower()}{suffix}"


def plan_fhir(request: HttpRequest, person_id: int | None = None) -> HttpResponse:
    """The plan as a FHIR R4 Bundle, to take to another service or Living Well site."""
    place = place_for(request, person_id)
    record = record_at(
        request,
        place,
        part=Part.PLAN,
        why="Taking the plan to another service (FHIR)",
        what="their whole plan, as FHIR",
    )
    bundle = bundle_of(record)
    response = HttpResponse(
        json.dumps(bundle, ensure_ascii=False, indent=2), content_type="application/fhir+json"
    )
    name = _file_name(record.person.given_name, ".fhir.json")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _print_context(request: HttpRequest, place: Place, why: str) -> dict[str, object]:
    record = record_at(request, place, part=Part.PLAN, why=why, what="their whole plan, to print")
    return {
        "title": f"{record.person.name}'s Living Well plan",
        "person": record.person,
        "view": selectors.plan_view(record),
        "place": place,
        "now": timezone.now(),
    }


def plan_print(request: HttpRequest, person_id: int | None = None) -> HttpResponse:
    place = place_for(request, person_id)
    return render(request, "plans/print.jinja", _print_context(request, place, "Printing the plan"))


def plan_pdf(request: HttpRequest, person_id: int | None = None) -> HttpResponse:
    """The same printable page as a PDF, made here with WeasyPrint: nothing is fetched from outside."""
    place = place_for(request, person_id)
    try:
        from weasyprint import CSS, HTML  # imported when needed: it loads Pango at import
    except OSError:  # Pango is missing on this server
        raise Refused(
            "This server cannot make PDFs yet (it needs the Pango library). Use 'Print the plan' "
            "and your browser's Save as PDF instead."
        ) from None
    context = _print_context(request, place, "Downloading the plan as a PDF")
    html = render_to_string("plans/print.jinja", {**context, "for_pdf": True}, request=request)
    stylesheets = [
        CSS(filename=path)
        for path in (finders.find("livingwell/print.css"),)
        if isinstance(path, str)
    ]
    # Tagged as PDF/UA-1, so a screen reader reads the plan as headings, lists and tables.
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
        stylesheets=stylesheets, pdf_variant="pdf/ua-1"
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = _file_name(context["person"].given_name, ".pdf")  # type: ignore[attr-defined]
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "POST"])
def _may_be_known(request: HttpRequest, form: ImportForm, person_id: int) -> HttpResponse:
    """Ask whether the file is for someone the team knows. Showing their name is a look."""
    record = policy.record_for(
        request.user,
        person_id,
        part=Part.ABOUT,
        only=Relation.TEAM,
        what="their name and details, as someone a plan file may be for",
        why="Checking who a plan file is for",
    )
    return render(
        request,
        "plans/import_may_be.jinja",
        {
            "title": f"Is this plan for {record.person.name}?",
            "known": record.person,
            "incoming": form.cleaned_data["passport"].person,
            "bundle_text": form.cleaned_data["bundle_text"],
        },
    )


def plan_import_page(request: HttpRequest) -> HttpResponse:
    """Start a plan from a FHIR Bundle another Living Well site exported."""
    member = policy.staff_for(request.user)
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            imported = plan_import(
                member,
                c["passport"],
                into=c["into"] if c["answer"] == "into" else None,
                as_new=c["answer"] == "as-new",
            )
        except MayBeKnown as may_be:
            return _may_be_known(request, form, may_be.person_id)
        except Refused as refused:  # said on the form, with the error summary, like a bad file
            form.add_error("bundle", refused.message)
        else:
            return render(
                request,
                "plans/imported.jinja",
                {"title": "Plan brought over", "imported": imported, "person": imported.person},
            )
    return render(
        request, "plans/import.jinja", {"title": "Bring a plan from another service", "form": form}
    )
