"""Directory rows as Open Referral UK 3.0 (HSDS 3.0 UK profile) JSON objects.

Optional fields are left out when empty: the schemas type them as strings or numbers (never null)
and a blank "url" or "email" is not a URI or an address. Money is a JSON number of pounds from an
exact Decimal. Nothing here is about carers: only directory tables are read.
"""

from decimal import Decimal

DECIMAL_PLACES = Decimal("0.01")


def _put(out: dict, key: str, value):
    if value is None or value == "":
        return
    out[key] = value


def _iso(value):
    return value.isoformat() if value is not None else None


def _number(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        as_int = int(value)
        return as_int if value == as_int else float(value)
    return value


def organization(org, *, full=False) -> dict:
    out = {"id": str(org.pk), "name": org.name, "description": org.description or org.name}
    _put(out, "email", org.email)
    _put(out, "website", org.website)
    _put(out, "uri", org.uri)
    if full:
        out["organization_identifiers"] = []
        out["attributes"] = []
    return out


def taxonomy(tax, *, terms=None) -> dict:
    out = {"id": str(tax.pk), "name": tax.name, "description": tax.description or tax.name}
    _put(out, "uri", tax.uri)
    _put(out, "version", tax.version)
    if terms is not None:
        out["taxonomy_terms"] = [taxonomy_term(t, taxonomy_obj=tax) for t in terms]
    return out


def taxonomy_term(term, *, taxonomy_obj=None) -> dict:
    out = {"id": str(term.pk), "name": term.name, "description": term.description or term.name}
    _put(out, "parent_id", str(term.parent_id) if term.parent_id else None)
    if term.taxonomy_id:
        tax = taxonomy_obj or term.taxonomy
        out["taxonomy"] = tax.name
        out["taxonomy_id"] = str(term.taxonomy_id)
    _put(out, "term_uri", term.term_uri)
    _put(out, "term", term.code)
    return out


def attribute(attr, *, link_id) -> dict:
    return {
        "id": str(attr.pk),
        "link_id": str(link_id),
        "link_type": "service",
        "taxonomy_term_id": str(attr.taxonomy_term_id),
        "taxonomy_term": taxonomy_term(attr.taxonomy_term),
    }


def schedule(s) -> dict:
    out = {"id": str(s.pk)}
    _put(out, "service_id", str(s.service_id) if s.service_id else None)
    _put(out, "service_at_location_id", str(s.service_at_location_id) if s.service_at_location_id else None)
    _put(out, "valid_from", _iso(s.valid_from))
    _put(out, "valid_to", _iso(s.valid_to))
    _put(out, "dtstart", _iso(s.dtstart))
    _put(out, "freq", s.freq)
    _put(out, "interval", s.interval)
    _put(out, "byday", s.byday)
    _put(out, "bymonthday", s.bymonthday)
    _put(out, "description", s.description)
    _put(out, "opens_at", s.opens_at.strftime("%H:%M") if s.opens_at else None)
    _put(out, "closes_at", s.closes_at.strftime("%H:%M") if s.closes_at else None)
    _put(out, "schedule_link", s.schedule_link)
    _put(out, "attending_type", s.attending_type)
    _put(out, "notes", s.notes)
    return out


def address(a) -> dict:
    out = {
        "id": str(a.pk),
        "location_id": str(a.location_id),
        "address_1": a.address_1,
        "city": a.city,
        "state_province": a.state_province,
        "postal_code": a.postal_code,
        "country": a.country,
        "address_type": a.address_type,
    }
    _put(out, "attention", a.attention)
    _put(out, "region", a.region)
    return out


def accessibility(x) -> dict:
    out = {"id": str(x.pk), "location_id": str(x.location_id)}
    _put(out, "description", x.description)
    _put(out, "details", x.details)
    _put(out, "url", x.url)
    return out


def location(loc, *, full=False) -> dict:
    out = {"id": str(loc.pk), "location_type": loc.location_type}
    _put(out, "name", loc.name)
    _put(out, "description", loc.description)
    _put(out, "latitude", _number(loc.latitude))
    _put(out, "longitude", _number(loc.longitude))
    _put(out, "external_identifier", loc.external_identifier)
    _put(out, "external_identifier_type", loc.external_identifier_type)
    if full:
        out["addresses"] = [address(a) for a in loc.addresses.all()]
        out["accessibility"] = [accessibility(x) for x in loc.accessibility.all()]
        out["attributes"] = []
    return out


def service_list_item(svc) -> dict:
    """The one-to-one fields of a service, with its organization: ``compiled/service_list.json``."""
    out = {"id": str(svc.pk), "name": svc.name, "status": svc.status}
    _put(out, "organization_id", str(svc.organization_id) if svc.organization_id else None)
    _put(out, "description", svc.description)
    _put(out, "url", svc.url)
    _put(out, "email", svc.email)
    _put(out, "fees", svc.fees)
    _put(out, "accreditations", svc.accreditations)
    _put(out, "minimum_age", svc.minimum_age)
    _put(out, "maximum_age", svc.maximum_age)
    _put(out, "assured_date", _iso(svc.assured_date))
    _put(out, "assurer_email", svc.assurer_email)
    _put(out, "alert", svc.alert)
    out["last_modified"] = svc.last_modified.isoformat()
    if svc.organization_id:
        out["organization"] = organization(svc.organization)
    return out


def cost_option(c) -> dict:
    out = {"id": str(c.pk), "service_id": str(c.service_id)}
    _put(out, "valid_from", _iso(c.valid_from))
    _put(out, "valid_to", _iso(c.valid_to))
    _put(out, "option", c.option)
    _put(out, "amount", _number(c.amount))
    if c.amount is not None:
        out["currency"] = c.currency
    _put(out, "amount_description", c.amount_description)
    return out


def language(lang) -> dict:
    out = {"id": str(lang.pk), "service_id": str(lang.service_id)}
    # name, code and note are HSDS 3.0 language fields the UK profile's schema copy does not list;
    # it allows further properties, so they are given.
    _put(out, "name", lang.name)
    _put(out, "code", lang.code)
    _put(out, "note", lang.note)
    return out


def service_area(area) -> dict:
    out = {"id": str(area.pk), "service_id": str(area.service_id)}
    _put(out, "name", area.name)
    _put(out, "extent", area.extent)
    _put(out, "extent_type", area.extent_type)
    _put(out, "uri", area.uri)
    _put(out, "service_area", area.name or area.postcode_prefix or (area.area.name if area.area_id else None))
    return out


def phone(p) -> dict:
    out = {"id": str(p.pk), "number": p.number}
    _put(out, "contact_id", str(p.contact_id) if p.contact_id else None)
    _put(out, "description", p.description)
    out["languages"] = []
    return out


def contact(c) -> dict:
    out = {"id": str(c.pk), "service_id": str(c.service_id)}
    _put(out, "name", c.name)
    _put(out, "title", c.title)
    _put(out, "email", c.email)
    out["phones"] = [phone(p) for p in c.phones.all()]
    out["attributes"] = []
    return out


def service_nested(svc, *, with_locations=True) -> dict:
    """A fully nested service: ``compiled/service.json``."""
    out = service_list_item(svc)
    if svc.organization_id:
        out["organization"] = organization(svc.organization, full=True)
    out["schedules"] = [schedule(s) for s in svc.schedules.all()]
    out["service_areas"] = [service_area(a) for a in svc.service_areas.all()]
    if with_locations:
        out["service_at_locations"] = [
            {
                "id": str(sal.pk),
                "service_id": str(svc.pk),
                "location_id": str(sal.location_id),
                "location": location(sal.location, full=True),
            }
            for sal in svc.service_at_locations.all()
        ]
    out["languages"] = [language(lang) for lang in svc.languages.all()]
    out["funding"] = [{"id": str(f.pk), "service_id": str(svc.pk), "source": f.source} for f in svc.funding.all()]
    out["cost_options"] = [cost_option(c) for c in svc.cost_options.all()]
    out["contacts"] = [contact(c) for c in svc.contacts.all()]
    # Phones of the service itself (HSDS 3.0 service.phones; the profile's copy allows further properties).
    out["phones"] = [phone(p) for p in svc.phones.all()]
    out["attributes"] = [attribute(a, link_id=svc.pk) for a in svc.attributes.all()]
    return out


def service_at_location_list_item(sal) -> dict:
    return {
        "id": str(sal.pk),
        "service_id": str(sal.service_id),
        "location_id": str(sal.location_id),
        "location": location(sal.location),
        "service": service_list_item(sal.service),
    }


def service_at_location_nested(sal) -> dict:
    return {
        "id": str(sal.pk),
        "service_id": str(sal.service_id),
        "location_id": str(sal.location_id),
        "location": location(sal.location, full=True),
        "service": service_nested(sal.service, with_locations=False),
    }
