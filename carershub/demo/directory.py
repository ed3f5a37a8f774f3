"""The demo region's directory: about 25 synthetic services of its partners and a few community groups
that are not partners (signpost only), made through the directory's services with their history.

Among them the young carers' peer group in Aberafon run by the Valleys Young Carers Project (where
the demo partner worker, Dylan Price, works): the done-means walk has the front door find "a local
peer group" for a carer and refer them to it. Phone numbers are Ofcom's drama numbers (01632 960xxx);
addresses, postcodes (AF, MR: not real postcode areas) and web addresses are made up.
"""

from datetime import time
from decimal import Decimal

from carershub.directory import services
from carershub.directory.models import DirectoryOrganisation

T = time


def _when(byday, opens, closes, description=""):
    return {"byday": byday, "opens_at": opens, "closes_at": closes, "description": description}


def _at(address_1, city, postcode, county):
    return {"address_1": address_1, "city": city, "postal_code": postcode, "state_province": county}


AFON, MARCHES = "Afon Valley", "Marchester"

# (organisation, name, description, needs, carer groups, schedules, address, area, extra fields)
SERVICES = [
    ("Valleys Young Carers Project", "Young Carers Peer Group (Aberafon)",
     "A weekly group for young carers aged 8 to 17: games, trips and time with others who understand. Transport home can be arranged.",
     ["peer-support", "young-carers", "breaks"], ["young-carers"], [_when("TU", T(16, 30), T(18, 30), "Tuesdays after school")],
     _at("Aberafon Youth Centre, Chapel Street", "Aberafon", "AF1 2DN", AFON), AFON,
     {"minimum_age": 8, "maximum_age": 17, "languages": [("en", "English"), ("cy", "Welsh")]}),
    ("Valleys Young Carers Project", "Young Carers Peer Group (Cwmfelin)",
     "Young carers meet every Thursday for activities and a chat, with a youth worker.",
     ["peer-support", "young-carers"], ["young-carers"], [_when("TH", T(16, 30), T(18), "Thursdays after school")],
     _at("Cwmfelin Community Hall, Mill Lane", "Cwmfelin", "AF3 4QT", AFON), AFON,
     {"minimum_age": 8, "maximum_age": 17, "languages": [("en", "English"), ("cy", "Welsh")]}),
    ("Valleys Young Carers Project", "Young Adult Carers Hangout",
     "For carers aged 16 to 25: peer support, help with college, work and money, and nights out.",
     ["peer-support", "work-learning"], ["young-adult-carers"], [_when("FR", T(18), T(20, 30), "Friday evenings")],
     _at("Pontafon Library, High Street", "Pontafon", "AF2 1LP", AFON), AFON, {"minimum_age": 16, "maximum_age": 25}),
    ("Valleys Young Carers Project", "Young Carers in Schools",
     "A young carers' lead in each secondary school of the Afon Valley, and a weekly lunchtime drop-in.",
     ["young-carers", "information-advice"], ["young-carers"], [_when("WE", T(12, 30), T(13, 15), "Wednesday lunchtimes in term")],
     None, AFON, {"minimum_age": 11, "maximum_age": 18}),
    ("Afon and Marches Carers Centre", "Carers' Café (Pontafon)",
     "Tea, cake and a chat with other carers, and a carers' worker on hand for advice.",
     ["peer-support", "information-advice"], ["adult-carers"], [_when("WE", T(10), T(12), "Wednesday mornings")],
     _at("Pontafon Community Hall, Park View", "Pontafon", "AF2 3HH", AFON), AFON,
     {"minimum_age": 18, "costs": [{"option": "Tea and cake", "amount": Decimal("1.00")}],
      "languages": [("en", "English"), ("cy", "Welsh")]}),
    ("Afon and Marches Carers Centre", "Carers' Café (Marchester)",
     "A friendly café afternoon for carers, with a different guest each month.",
     ["peer-support"], ["adult-carers", "older-carers"], [_when("MO", T(13), T(15), "Monday afternoons")],
     _at("Northgate Methodist Church, Station Road", "Northgate", "MR2 5PW", MARCHES), MARCHES,
     {"minimum_age": 18, "costs": [{"option": "Free", "amount": Decimal("0")}]}),
    ("Afon and Marches Carers Centre", "Carers Advice Line",
     "Information and advice for carers by phone: rights, assessments, breaks and what is available near you.",
     ["information-advice", "legal-rights"], [], [_when("MO,TU,WE,TH,FR", T(9), T(17), "Weekdays")],
     None, None, {"phone": "01632 960001"}),
    ("Afon and Marches Carers Centre", "Money and Benefits Advice for Carers",
     "One-to-one help to check Carer's Allowance and other benefits, fill in forms and appeal decisions.",
     ["money-benefits", "information-advice"], [], [_when("TU,TH", T(9, 30), T(16), "By appointment")],
     None, None, {"phone": "01632 960002"}),
    ("Afon and Marches Carers Centre", "Carers Counselling Service",
     "Up to eight free sessions with a qualified counsellor, in person, by phone or online.",
     ["emotional-support"], [], [_when("MO,TU,WE,TH", T(9), T(20), "Appointments days and evenings")],
     None, None, {"costs": [{"option": "Up to eight sessions", "amount": Decimal("0")}], "minimum_age": 18}),
    ("Afon and Marches Carers Centre", "Caring with Confidence course",
     "A six-week course on looking after yourself, moving and handling, and planning ahead.",
     ["training", "health"], ["adult-carers"], [_when("TH", T(10), T(12, 30), "Thursday mornings, six weeks")],
     _at("Marchester Central Library, Church Road", "Marchester", "MR1 1AB", MARCHES), None, {"minimum_age": 18}),
    ("Afon and Marches Carers Centre", "Grŵp Gofalwyr Cymraeg (Welsh-language carers' group)",
     "Grŵp cymorth i ofalwyr, yn Gymraeg. A peer support group for carers held in Welsh.",
     ["peer-support", "welsh-language"], ["adult-carers"], [_when("1TU", T(14), T(16), "First Tuesday of the month")],
     _at("Canolfan Cwmfelin, Heol y Bryn", "Cwmfelin", "AF3 2BY", AFON), AFON, {"languages": [("cy", "Welsh")]}),
    ("Afon Valley County Borough Council", "Carer's Needs Assessment (Afon Valley)",
     "Ask the council to assess your needs as a carer under the Social Services and Well-being (Wales) Act 2014.",
     ["information-advice", "legal-rights"], [], [_when("MO,TU,WE,TH,FR", T(9), T(17))], None, AFON,
     {"phone": "01632 960010"}),
    ("Afon Valley County Borough Council", "Short Breaks for Carers (Afon Valley)",
     "Replacement care at home or a short stay, so that you can have a break.",
     ["breaks"], [], [], None, AFON, {"phone": "01632 960011"}),
    ("Marchester City Council", "Carers Assessment and Support (Marchester)",
     "A carer's assessment under the Care Act 2014 and support to meet your eligible needs.",
     ["information-advice", "legal-rights"], [], [_when("MO,TU,WE,TH,FR", T(9), T(17))], None, MARCHES,
     {"phone": "01632 960020"}),
    ("Marchester City Council", "Carers Break Fund (Marchester)",
     "A one-off payment towards a break or something that helps you keep caring.",
     ["breaks", "money-benefits"], [], [], None, MARCHES, {"costs": [{"option": "Grant up to", "amount": Decimal("300.00")}]}),
    ("Riverside Dementia Support", "Dementia Carers Support Group",
     "Monthly meeting for people caring for someone living with dementia, with speakers and time to talk.",
     ["peer-support", "emotional-support"], ["dementia"], [_when("2WE", T(18), T(20), "Second Wednesday evening of the month")],
     _at("Riverside Centre, Mill Lane", "Marchester", "MR3 7EX", MARCHES), MARCHES, {}),
    ("Riverside Dementia Support", "Memory Café",
     "A café for people living with dementia and those who care for them.",
     ["peer-support", "health"], ["dementia", "older-carers"], [_when("FR", T(10, 30), T(12, 30), "Friday mornings")],
     _at("Riverside Centre, Mill Lane", "Marchester", "MR3 7EX", MARCHES), MARCHES,
     {"costs": [{"option": "Donation welcome", "amount": None}]}),
    ("Marchester Befriending Social Enterprise", "Befriending for Carers",
     "A volunteer who visits or phones every week: someone to talk to who is there for you.",
     ["emotional-support", "practical-help"], ["older-carers"], [], None, MARCHES, {}),
    ("Cwm Care Co-operative", "Sitting Service",
     "A trained care worker sits with the person you care for so you can go out.",
     ["breaks", "practical-help"], [], [_when("MO,TU,WE,TH,FR,SA", T(8), T(20))], None, AFON,
     {"costs": [{"option": "Each hour", "amount": Decimal("18.50")}]}),
    ("Heol Fach Surgery", "Carers Clinic at Heol Fach Surgery",
     "A monthly clinic for carers registered at the practice: health check, flu vaccine and a chat with the carers' champion.",
     ["health"], [], [_when("1WE", T(14), T(16), "First Wednesday afternoon of the month")],
     _at("Heol Fach Surgery, Heol Fach", "Aberafon", "AF1 5NF", AFON), None, {}),
    ("Canal Street Practice", "Carers Health Check",
     "An annual health check for carers registered at the practice.", ["health"], [], [],
     _at("Canal Street Practice, Canal Street", "Marchester", "MR1 3JD", MARCHES), None, {}),
    ("Marchester Hospitals NHS Trust", "Hospital Carers Support Service",
     "Help for carers when the person they care for is in hospital or coming home from it.",
     ["information-advice", "health"], [], [_when("MO,TU,WE,TH,FR", T(9), T(16, 30))], None, MARCHES, {}),
    ("Marchester Integrated Care Board", "Carers Health Information",
     "Information about NHS support for carers in Marchester (commissioned, not a referral route).",
     ["information-advice", "health"], [], [], None, MARCHES, {"url": "https://icb.marchester.example/carers"}),
]

# Community groups in the directory that are not partners of Carers Hub: signposted to, never referred.
COMMUNITY = [
    ("Afon Parent Carers Forum", "Parent Carers Coffee Morning",
     "Parents of disabled children meet for coffee, share tips and find out about support.",
     ["peer-support"], ["parent-carers"], [_when("SA", T(10), T(12), "Saturday mornings")],
     _at("St Mary's Hall, Church Road", "Aberafon", "AF1 3RS", AFON), AFON, {}),
    ("Marchester Mind Matters", "Mental Health Carers Group",
     "For people supporting someone with a mental health condition.",
     ["peer-support", "emotional-support"], ["mental-health"], [_when("TU", T(19), T(21), "Tuesday evenings")],
     _at("Northgate Community Centre, Park View", "Northgate", "MR2 1UL", MARCHES), MARCHES, {}),
    ("Marches Law Centre", "Carers' Rights Legal Clinic",
     "Free legal advice on carers' rights, care charges and employment.",
     ["legal-rights"], [], [_when("3TH", T(17), T(19), "Third Thursday of the month")], None, None,
     {"costs": [{"option": "Free", "amount": Decimal("0")}]}),
]


def make(*, today, staff, orgs) -> list:
    """orgs: {name: partnership Organisation}. Returns the services made (none if already made)."""
    if DirectoryOrganisation.objects.filter(partner__in=list(orgs.values())).exists():
        return []
    areas = {org.area.name: org.area for org in orgs.values() if org.area_id}
    made = []
    admin = staff.get("admin")
    for number, (owner, name, description, needs, groups, schedules, address, area, extra) in enumerate(SERVICES + COMMUNITY):
        if owner in orgs:
            organization = services.directory_organisation_for(orgs[owner])
        else:
            organization, _ = DirectoryOrganisation.objects.get_or_create(
                name=owner, partner=None, defaults={"description": f"{owner}, a community group of the region."}
            )
        fields = {
            "languages": [("en", "English")],
            "phone": f"01632 960{100 + number:03d}",
            "email": f"hello{number}@directory.example",
            "url": f"https://directory.example/services/{number}",
            **extra,
        }
        made.append(
            services.add_service(
                organization=organization,
                name=name,
                description=description,
                needs=needs,
                carer_groups=groups,
                schedules=[dict(s) for s in schedules],
                address=address,
                location_name=address["address_1"].split(",")[0] if address else "",
                areas=[areas[area]] if area and area in areas else [],
                actor=admin,
                **fields,
            )
        )
    return made
