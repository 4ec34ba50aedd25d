"""Build hook (the metadata is in pyproject.toml): the package is ``src/nlp_news`` (a ``src/``
layout: a clone's folder never shadows the installed package), and the wheel carries the
repository's ``models/`` as the package ``nlp_news._model``, so an installed ``nlp_news`` finds
its model with no clone and no network.  Git keeps one copy of the files, in ``models/``."""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages(where="src", include=["nlp_news", "nlp_news.*"]),
              "nlp_news._model", "nlp_news._model.stanza_resources"],
    package_dir={"": "src", "nlp_news._model": "models",
                 "nlp_news._model.stanza_resources": "models/stanza_resources"},
)
