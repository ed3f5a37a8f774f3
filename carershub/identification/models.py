"""Identifying carers in settings: GP practices, schools, hospitals, pharmacies and employers engaged, carers champions, training, and how many carers each setting identified."""
