"""Shared for the tests that compare a GOV.UK component written in Python (decision 68) with the
GOV.UK Frontend macro it stands in for: render both, and compare them as a browser lays them out.

``normalised`` makes runs of whitespace one space and drops whitespace next to the tags named in
``blocks`` (block elements, or a table's parts) and before the end of a tag, where a browser shows
none. Everything else
(elements, attributes, classes, text, escaping) must be equal.
"""

import random
import re

from django.template import engines


def jinja_env():
    return engines["jinja2"].env


def normalised(html, blocks: str) -> str:
    html = re.sub(r"\s+", " ", str(html))
    html = re.sub(r"\s+>", ">", html)  # whitespace at the end of a tag (the attributes macro leaves some)
    return re.sub(rf"\s*(</?(?:{blocks})\b[^>]*>)\s*", r"\1", html).strip()


class Component:
    """One component: the template global written in Python, GOV.UK's macro of the same name, and
    the tags next to which whitespace does not show."""

    def __init__(self, name: str, macro_path: str, blocks: str):
        self.name, self.macro_path, self.blocks = name, macro_path, blocks
        self._calling = None

    def normalised(self, html) -> str:
        return normalised(html, self.blocks)

    def ours(self, env, params) -> str:
        if self._calling is None:
            self._calling = env.from_string(f"{{{{ {self.name}(params) }}}}")
        return self._calling.render(params=params)

    def macro(self, env):
        return getattr(env.get_template(self.macro_path).module, self.name)

    def both(self, env, params) -> tuple[str, str]:
        return self.ours(env, params), str(self.macro(env)(params))

    def assert_as_the_macro(self, env, make_params, seed: int, times: int = 150):
        """``times`` random parameter sets from ``make_params(rng)`` render alike both ways."""
        rng = random.Random(seed)
        for _ in range(times):
            params = make_params(rng)
            ours, macro = self.both(env, params)
            assert self.normalised(ours) == self.normalised(macro), params

    def page_both_ways(self, env, monkeypatch, page) -> str:
        """``page()`` (a page's ``main_of``) rendered with ours and then with GOV.UK's macro in its
        place: the two must differ (both were used) and be alike once normalised. Returns ours."""
        ours = page()
        with monkeypatch.context() as patched:
            patched.setitem(env.globals, self.name, self.macro(env))
            # Templates imported by others keep the globals they were first loaded with: load them
            # again, with the macro, and again afterwards, without it.
            env.cache.clear()
            with_macro = page()
        env.cache.clear()
        assert self.normalised(ours) == self.normalised(with_macro)
        assert ours != with_macro, "the page was rendered both ways"
        return ours


def main_of(response) -> str:
    """A page's ``<main>``, with the values that change on every request (nonces, tokens) blanked."""
    body = re.sub(r'(nonce|value)="[^"]*"', r'\1=""', response.content.decode())
    return body[body.index("<main"):body.index("</main>")]


def maybe(rng, key, values, into: dict, chance=0.6):
    """Sets ``into[key]`` to one of ``values`` with this chance: a parameter given or left out."""
    if rng.random() < chance:
        into[key] = rng.choice(values)
