"""What GOV.UK Frontend's components written in Python share (DEVELOPERS.md decision 68).

Each component (``summary_list``, ``table``, ``inputs``) is a template global made by ``component``:
it writes the component itself when it knows every parameter it was given, and hands the same
parameters to GOV.UK's Jinja macro otherwise, so what it does not write renders, or fails, as before.
"""

from jinja2 import pass_environment
from markupsafe import Markup, escape


def classes(base: str, *more) -> str:
    """``base`` and each further class that is given, escaped as Jinja writes a variable."""
    return base + "".join(f" {escape(extra)}" for extra in more if extra)


def plain(value, known: set, *, optional: bool = True) -> bool:
    """Nothing (when ``optional``), or a plain dict of known keys with no ``attributes`` given:
    attributes are left to the macros, except where a component checks and writes them itself."""
    if not value:
        return optional
    return type(value) is dict and value.keys() <= known and not value.get("attributes")


def component(macro_path: str, macro_name: str, known, write):
    """A template global standing in for GOV.UK's macro ``macro_name``: ``write(params)`` when
    ``known(params)``, the macro itself otherwise."""

    @pass_environment
    def render(environment, params):
        if not known(params):
            return getattr(environment.get_template(macro_path).module, macro_name)(params)
        return Markup(write(params))

    render.__name__ = render.__qualname__ = f"written_{macro_name}"
    render.__doc__ = f"GOV.UK's ``{macro_name}(params)``, written in Python where it can be."
    return render
