"""Read the HTML a view returned the way a person (or a browser) would: text, errors, form values.

The pages are Jinja2, so the test client has no template context; tests look at what was sent.
"""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children = []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def text(self) -> str:
        parts = []
        for child in self.children:
            parts.append(child.text() if isinstance(child, Node) else child)
        return " ".join(" ".join(parts).split())


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", [])
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


class Page:
    def __init__(self, response_or_html):
        html = response_or_html
        if hasattr(response_or_html, "content"):
            html = response_or_html.content.decode()
        self.html = html
        builder = _Builder()
        builder.feed(html)
        self.root = builder.root

    # --- what is on the page -------------------------------------------------
    @property
    def text(self) -> str:
        main = self.by_id("main-content") or self.root
        return main.text()

    def by_id(self, element_id):
        return next((n for n in self.root.iter() if n.attrs.get("id") == element_id), None)

    def find_all(self, tag, css_class=None):
        return [n for n in self.root.iter() if n.tag == tag and (css_class is None or css_class in n.classes)]

    def links(self) -> list[str]:
        return [n.attrs.get("href", "") for n in self.find_all("a")]

    @property
    def heading(self) -> str:
        h1 = self.find_all("h1")
        return h1[0].text() if h1 else ""

    def table_rows(self) -> list[list[str]]:
        return [[cell.text() for cell in row.iter() if cell.tag in ("td", "th")] for row in self.find_all("tr")][1:]

    # --- errors ----------------------------------------------------------------
    def error_for(self, field_name: str) -> str:
        """The GOV.UK error message shown on a field, without the hidden 'Error:' prefix; '' if none."""
        node = self.by_id(f"id_{field_name}-error") or self.by_id(f"{field_name}-error")
        if node is None:
            return ""
        text = node.text()
        return text.removeprefix("Error:").strip()

    def field_errors(self) -> dict[str, str]:
        errors = {}
        for node in self.find_all("p", "govuk-error-message"):
            name = node.attrs.get("id", "").removesuffix("-error").removeprefix("id_")
            errors[name] = node.text().removeprefix("Error:").strip()
        return errors

    @property
    def error_summary(self) -> list[str]:
        summary = self.find_all("div", "govuk-error-summary")
        if not summary:
            return []
        return [li.text() for li in summary[0].iter() if li.tag == "li"]

    # --- forms -----------------------------------------------------------------
    def value_of(self, name: str):
        """What a field called ``name`` holds: text inputs, textareas, the chosen radio or option."""
        data = self.form_data(all_forms=True)
        return data.get(name)

    def form_data(self, action: str | None = None, *, all_forms=False) -> dict:
        """What submitting the form unchanged would send (the first form posting to ``action``)."""
        if all_forms:
            forms = [self.root]
        else:
            forms = [f for f in self.find_all("form") if (f.attrs.get("method") or "get").lower() == "post"]
            if action is not None:
                forms = [f for f in forms if f.attrs.get("action") == action]
            assert forms, f"no POST form{' to ' + action if action else ''} on the page"
        data: dict = {}
        for node in forms[0].iter():
            name = node.attrs.get("name")
            if not name:
                continue
            if node.tag == "input":
                kind = (node.attrs.get("type") or "text").lower()
                if kind in ("submit", "button", "image", "file"):
                    continue
                if kind in ("checkbox", "radio"):
                    if "checked" in node.attrs:
                        data.setdefault(name, []).append(node.attrs.get("value", "on"))
                    continue
                data[name] = node.attrs.get("value", "")
            elif node.tag == "textarea":
                data[name] = "".join(c for c in node.children if isinstance(c, str)).removeprefix("\n")
            elif node.tag == "select":
                options = [o for o in node.iter() if o.tag == "option"]
                chosen = [o for o in options if "selected" in o.attrs] or options[:1]
                data[name] = chosen[0].attrs.get("value", chosen[0].text()) if chosen else ""
        # A single checked radio or checkbox is one value, as a browser would send it.
        return {k: (v[0] if isinstance(v, list) and len(v) == 1 else v) for k, v in data.items()}
