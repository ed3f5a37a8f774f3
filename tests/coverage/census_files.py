"""Census files for the tests, in the layout ONS publishes (ONS TS039, by lower tier local authority).

Coventry's carers (27,391) and those caring 50 hours or more (8,391, 30.6%) are the Census 2021 figures
Coventry's Carers Strategy quotes (seed report 002, 1.9); the split of the other four bands and the
people giving no care are made up so that they add up to them.
"""

HEADINGS = ("Lower tier local authorities Code", "Lower tier local authorities", "Unpaid care (6 categories) Code",
            "Unpaid care (6 categories)", "Observation")
LABELS = {
    "does_not_apply": ("-8", "Does not apply"),
    "no_care": ("1", "Provides no unpaid care"),
    "9_or_less": ("2", "Provides 9 hours or less unpaid care a week"),
    "10_to_19": ("3", "Provides 10 to 19 hours unpaid care a week"),
    "20_to_34": ("4", "Provides 20 to 34 hours unpaid care a week"),
    "35_to_49": ("5", "Provides 35 to 49 hours unpaid care a week"),
    "50_or_more": ("6", "Provides 50 or more hours unpaid care a week"),
}
COVENTRY = {"does_not_apply": 20_000, "no_care": 300_000, "9_or_less": 11_000, "10_to_19": 3_800,
            "20_to_34": 2_000, "35_to_49": 2_200, "50_or_more": 8_391}


def rows(code, name, counts):
    return [[code, name, *LABELS[category], str(count)] for category, count in counts.items()]


def csv_text(*areas, headings=HEADINGS) -> str:
    lines = [",".join(f'"{h}"' for h in headings)]
    for code, name, counts in areas:
        for row in rows(code, name, counts):
            lines.append(",".join(f'"{cell}"' for cell in row))
    return "\r\n".join(lines) + "\r\n"


def afon_counts(**changes):
    counts = {"does_not_apply": 500, "no_care": 9_000, "9_or_less": 400, "10_to_19": 150, "20_to_34": 100,
              "35_to_49": 90, "50_or_more": 260}
    counts.update(changes)
    return counts
