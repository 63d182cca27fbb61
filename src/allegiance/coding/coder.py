"""The event coder: articles in, PLOVER events out, batched through spaCy.

>>> coder = Coder()                                   # doctest: +SKIP
>>> coder.code_text("Niger expelled the French ambassador.", "en", date(2023, 8, 26))

The spaCy pipelines come from their PyPI packages (``allegiance.nlp``); each language's pipeline,
lexicon and extractor are built on first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice

from .. import nlp as nlp_models
from ..config import Config
from ..models import Article, Event, content_hash
from . import dates as date_module
from .actors import ActorDictionary
from .extract import Extractor
from .lexicon import load_lexicon
from .places import default_gazetteer


class Coder:
    """Codes articles in English and French into ``Event`` records."""

    def __init__(self, config: Config | None = None, *, geocode: bool = True) -> None:
        self.config = config or Config()
        self.actors = ActorDictionary.load(tuple(self.config.actor_files))
        self._geocode = geocode
        self._extractors: dict[str, Extractor] = {}

    def extractor(self, lang: str) -> Extractor:
        if lang not in self._extractors:
            lexicon = load_lexicon(lang, tuple(self.config.lexicon_files))
            places = default_gazetteer() if self._geocode else None
            self._extractors[lang] = Extractor(lexicon, self.actors, date_module, places)
        return self._extractors[lang]

    def pipeline(self, lang: str):
        return nlp_models.load(lang)

    def code_articles(self, articles: Iterable[Article], batch_size: int | None = None,
                      ) -> Iterator[tuple[Article, list[Event]]]:
        """Code articles in batches; yields ``(article, events)`` in input order.

        Articles in a language that is not coded, or without a publication date, yield no events.
        """
        size = batch_size or self.config.batch_size
        it = iter(articles)
        while batch := list(islice(it, size)):
            results: dict[int, list[Event]] = {}
            by_lang: dict[str, list[int]] = {}
            for i, art in enumerate(batch):
                if art.lang in self.config.languages and art.pub_date is not None and art.text:
                    by_lang.setdefault(art.lang, []).append(i)
                else:
                    results[i] = []
            for lang, idxs in by_lang.items():
                nlp = self.pipeline(lang)
                ext = self.extractor(lang)
                docs = nlp.pipe((batch[i].text for i in idxs), batch_size=size)
                for i, doc in zip(idxs, docs, strict=True):
                    art = batch[i]
                    results[i] = ext.extract(doc, art.id, art.pub_date)
            for i, art in enumerate(batch):
                yield art, results[i]

    def code_text(self, text: str, lang: str, pub_date: date, article_id: str = "") -> list[Event]:
        """Code one text (convenience for notebooks and tests)."""
        art = Article(id=article_id or content_hash(text), text=text, origin="<text>",
                      pub_date=pub_date, lang=lang)
        return next(self.code_articles([art]))[1]
