"""Coverage against the Census: known carers as a share of the Census 2021 carers, per area and hours band,
on a day; its downloads; and the import of the Census table."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from rules.contrib.views import permission_required

from carershub.core import charts
from carershub.core.template_helpers import error_summary_params
from carershub.partnership.models import Area
from carershub.reporting import downloads, prepared
from carershub.reporting.coverage import services
from carershub.reporting.coverage.forms import CensusUploadForm, CoverageForm
from carershub.reporting.coverage.rules import IMPORT_CENSUS, VIEW_COVERAGE


def _withheld_note() -> str:
    return _('Counts of known carers from 1 to 4 read "fewer than 5"; where one could be worked out from the '
             'total, another is hidden too and they read "not shown". A share resting on a hidden count is not '
             'shown. Census figures are published estimates and are shown as published.')


def _definition() -> str:
    return _("Known carers: people with a carer's record here, living in the area, identified by the day shown and "
             "still caring then, each counted once, in the highest band of hours they give anyone they care for "
             "that day (the Census counts all the hours a person gives; we cannot add bands). Census carers: usual "
             "residents aged 5 and over giving unpaid care at the Census 2021 (ONS table TS039).")


def _context(request):
    form = CoverageForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    data = form.cleaned_data if form.is_bound and valid else {}
    on = data.get("as_of") or timezone.localdate()
    chosen = data.get("area")
    areas = [chosen] if chosen else list(Area.objects.order_by("name"))
    rows, kept, being_counted = [], None, False
    if valid:
        counted, kept = services.kept_known_carers(on)
        being_counted = counted is None
        rows = [] if being_counted else services.coverage(on, areas, counted)
    chart = None
    if rows:
        categories, notes = [], {}
        for row in rows:
            for label, line in ((_("%(area)s: all carers") % {"area": row.area.name}, row.all_carers),
                                (_("%(area)s: 50 or more hours") % {"area": row.area.name}, row.high)):
                value = services.share_number(line.share)
                categories.append((label, {"share": value or Decimal(0)}))
                if value is None:
                    notes[label] = line.share or _("no Census figures")
        top = max([v["share"] for _l, v in categories] + [Decimal(100)])
        chart = charts.stacked_bars(categories, [("share", _("Known carers as a share of Census carers"))],
                                    maximum=top, notes=notes)
    return {
        "form": form, "form_errors": error_summary_params(form) if form.is_bound else None, "rows": rows,
        "chart": chart, "on": on, "on_text": formats.date_format(on, "j F Y"), "query": request.GET.urlencode(),
        "hid_something": any(r.hid_something for r in rows), "definition": _definition(),
        "withheld_note": _withheld_note(), "can_import": request.user.has_perm(IMPORT_CENSUS),
        "synthetic": any(r.figures and r.figures.synthetic for r in rows),
        "being_counted": being_counted,
        "counted_words": prepared.counted_words(kept) if kept else "", "counted_current": kept.current if kept else True,
    }


@login_required
@permission_required(VIEW_COVERAGE, raise_exception=True)
def index(request):
    return render(request, "coverage/index.jinja", _context(request))


def _tables(context) -> list[downloads.Table]:
    on = context["on_text"]
    notes = [_("Known carers on %(day)s") % {"day": on}, context["definition"], context["withheld_note"],
             context["counted_words"]]
    summary = downloads.Table(
        _("Known carers as a share of Census carers"),
        [_("Area"), _("Area code"), _("Usual residents aged 5 and over (Census 2021)"), _("Census carers"),
         _("Known carers"), _("Share of Census carers"), _("Census carers, 50 or more hours"),
         _("Known carers, 50 or more hours"), _("Known carers as a share of Census carers, 50 or more hours")],
        [[r.area.name, r.area.code, r.figures.population if r.figures else None, r.all_carers.census,
          r.all_carers.known, r.all_carers.share, r.high.census, r.high.known, r.high.share]
         for r in context["rows"]],
        notes=notes,
    )
    tables = [summary]
    for r in context["rows"]:
        tables.append(downloads.Table(
            _("%(area)s by hours of care") % {"area": r.area.name},
            [_("Hours of unpaid care a week"), _("Census carers"), _("Known carers"), _("Share of Census carers")],
            [[line.label, line.census, line.known, line.share] for line in [*r.lines, r.all_carers]],
            notes=[_("Known carers on %(day)s") % {"day": on}],
        ))
    return tables


@login_required
@permission_required(VIEW_COVERAGE, raise_exception=True)
def download(request, fmt):
    context = _context(request)
    if (context["form"].is_bound and context["form"].errors) or context["being_counted"]:
        return index(request)
    return downloads.download(_tables(context), f"coverage-{context['on']:%Y-%m-%d}", fmt)


@login_required
@permission_required(IMPORT_CENSUS, raise_exception=True)
def upload(request):
    form = CensusUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        text = services.decode(upload.read(services.UPLOAD_LIMIT + 1)) if upload.size <= services.UPLOAD_LIMIT else None
        if upload.size > services.UPLOAD_LIMIT:
            form.add_error("file", _("The file must be smaller than 20 MB"))
        elif text is None:
            form.add_error("file", _("The file must be a CSV file saved as UTF-8"))
        else:
            report = services.import_census(text, actor=request.user, source=upload.name)
            if report.ok and report.imported:
                messages.success(request, _("Census figures imported for %(areas)s") % {
                    "areas": ", ".join(report.imported)})
                if not report.skipped:
                    return redirect(reverse("coverage:index"))
            elif report.ok:
                form.add_error("file", _("The file has no rows for the areas of this region"))
            else:
                form.add_error("file", _("The file has problems, so nothing was imported: see the list below"))
    return render(request, "coverage/upload.jinja", {
        "form": form, "form_errors": error_summary_params(form), "report": report,
    })
