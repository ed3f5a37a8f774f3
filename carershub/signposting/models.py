"""Signposting: what carers were pointed to, picked from the directory (or typed when not listed), from a contact, an assessment, a plan or a record, so it can be counted by service."""
