"""Component ``website_names``: a name written as a domain is an organisation.

"DailySocial.id", "Badmintonindonesia.org", "Bubu.com": the guide counts media, websites and
companies named by their domain as ORG; the model often calls them LOC or PER. A model
mention whose last word ends in a web domain gets the label ORG.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from ..doc import Doc
from .component import Component, register

_DOMAIN = regex.compile(r"\p{L}[\p{L}\d-]*\.(?:com|co\.id|co|net|id|org|tv|io)$",
                        regex.IGNORECASE)


@register
class WebsiteNames(Component):
    """Relabel mentions written as a domain name to ORG."""

    name = "website_names"
    requires = ("doc.entities",)

    def __call__(self, doc: Doc) -> Doc:
        doc.entities = [replace(e, label="ORG") if e.origin == "model" and e.label != "ORG"
                        and _DOMAIN.search(e.text) else e for e in doc.entities]
        return doc
