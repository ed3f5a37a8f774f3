"""The base of every presenter: what a page shows of a record, computed once, in Python."""


class Presenter:
    """Wraps a record for a template; attributes it does not define come from the record.

    Subclasses add what the page needs (labels, tags, formatted values), so templates stay
    free of logic and the same wording is used on every page that shows the record.
    """

    def __init__(self, obj):
        self.obj = obj

    def __getattr__(self, name):
        # Only reached for names the presenter lacks; "obj" itself must exist to avoid recursion.
        if name == "obj":
            raise AttributeError(name)
        return getattr(self.obj, name)
