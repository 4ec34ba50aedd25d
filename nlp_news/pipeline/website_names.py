"""Component ``website_names``: a name written as a domain, or cited as a source, is an
organisation.

"DailySocial.id", "Badmintonindonesia.org", "Bubu.com": the guide counts media, websites and
companies named by their domain as ORG; the model often calls them LOC or PER. A model
mention whose last word ends in a web domain gets the label ORG. So does an outlet the
lexicon's ``[article] news_outlets`` names ("Okezone merangkum"), and a name right after a
word that cites a news source (the lexicon's ``[source_cues]``: "Dilansir Bored Panda",
"dikutip dari situs Asianikkei", "Pantauan Okezone").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

import regex

from ..doc import Doc
from ..entities.names import follows_cue
from .component import Component, register

if TYPE_CHECKING:
    from .resources import Resources

_DOMAIN = regex.compile(r"\p{L}[\p{L}\d-]*\.(?:com|co\.id|co|net|id|org|tv|io)$",
                        regex.IGNORECASE)


@register
class WebsiteNames(Component):
    """Relabel mentions written as a domain name to ORG."""

    name = "website_names"
    requires = ("doc.entities",)

    def __init__(self, source_cues: Iterable[str] = (), outlets: Iterable[str] = ()):
        self.cues = frozenset(c.lower() for c in source_cues)
        self.outlets = frozenset(o.lower() for o in outlets)

    @classmethod
    def from_resources(cls, resources: Resources) -> WebsiteNames:
        return cls(resources.words("source_cues")["before"],
                   resources.words("article")["news_outlets"])

    def __call__(self, doc: Doc) -> Doc:
        doc.entities = [replace(e, label="ORG") if e.origin == "model" and e.label != "ORG"
                        and (_DOMAIN.search(e.text) or e.text.lower() in self.outlets
                             or follows_cue(doc.text, e.start_char, self.cues)) else e
                        for e in doc.entities]
        return doc
