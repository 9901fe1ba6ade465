"""Reading and posting HTML forms as a browser does, for the tests that drive the
admin with the test client: ``form_fields`` reads what a browser would POST back."""

from datetime import datetime
from html.parser import HTMLParser

from django.utils import timezone


class _FormReader(HTMLParser):
    """Collects the (name, value) pairs a browser would submit for one form:
    text and hidden inputs, checked checkboxes, textareas and the selected
    options of selects. Submit buttons and file inputs are left out."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.pairs: list[tuple[str, str]] = []
        self._textarea = None
        self._select = None
        self._option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = self.inside or attrs.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.pairs.append((name, attrs.get("value") or "on"))
                return
            self.pairs.append((name, attrs.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self._select is not None:
            self._option = [attrs.get("value"), "selected" in attrs, ""]
            self._select["options"].append(self._option)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        elif self._option is not None:
            self._option[2] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # Browsers drop the newline that directly follows <textarea>.
            self.pairs.append((name, text.removeprefix("\n")))
            self._textarea = None
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            options = self._select["options"]
            chosen = [option for option in options if option[1]]
            if not chosen and options and not self._select["multiple"]:
                chosen = options[:1]
            for value, _selected, label in chosen:
                self.pairs.append((self._select["name"], label.strip() if value is None else value))
            self._select = None


def form_fields(response, form_id="article_form") -> dict:
    """What the browser would POST back from the page, unchanged."""
    assert response.status_code == 200, response.status_code
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    data: dict[str, list[str]] = {}
    for name, value in reader.pairs:
        data.setdefault(name, []).append(value)
    return {name: values[0] if len(values) == 1 else values for name, values in data.items()}


def add_inline_row(data: dict, prefix: str, **values) -> dict:
    """Click "Add another": copy the empty row template and fill it in."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    template = f"{prefix}-__prefix__-"
    for name, value in list(data.items()):
        if template in name:
            data[name.replace("__prefix__", str(index))] = value
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    return data


def split(moment: datetime) -> tuple[str, str]:
    """A datetime as the admin's date and time inputs take it (local time)."""
    local = timezone.localtime(moment)
    return local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")


def datetime_fields(name: str, moment: datetime | None) -> dict:
    day, time = split(moment) if moment else ("", "")
    return {f"{name}_0": day, f"{name}_1": time}
