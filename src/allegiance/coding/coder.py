"""The event coder: articles in, PLOVER events out, batched through spaCy.

>>> coder = Coder()                                   # doctest: +SKIP
>>> coder.code_text("Niger expelled the French ambassador.", "en", date(2023, 8, 26))

The spaCy pipelines come from their PyPI packages (``allegiance.nlp``); each language's pipeline,
lexicon and extractor are built on first use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice

from .. import nlp as nlp_models
from ..config import Config
from ..models import Article, Event, content_hash
from . import dates as date_module
from .actors import ActorDictionary
from .extract import Extractor
from .fallback import typer_events
from .lexicon import load_lexicon
from .places import default_gazetteer
from .typer import TypeModel

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def paragraphs(text: str) -> list[tuple[str, int]]:
    """Split at blank lines: ``(paragraph, character offset)``. Paragraphs are parsed apart so
    that no evidence sentence runs across a paragraph break."""
    out: list[tuple[str, int]] = []
    start = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if text[start:m.start()].strip():
            out.append((text[start:m.start()], start))
        start = m.end()
    if text[start:].strip():
        out.append((text[start:], start))
    return out


class Coder:
    """Codes articles in English and French into ``Event`` records."""

    def __init__(self, config: Config | None = None, *, geocode: bool = True) -> None:
        self.config = config or Config()
        self.actors = ActorDictionary.load(tuple(self.config.actor_files))
        self._geocode = geocode
        self._extractors: dict[str, Extractor] = {}
        #: the learned type model (``Config.type_model``) and its threshold; None: rules alone
        self.type_model: TypeModel | None = (
            TypeModel.load(self.config.type_model) if self.config.type_model else None
        )
        self.type_threshold = self.config.type_model_threshold

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
                parts = [(i, text, offset) for i in idxs
                         for text, offset in paragraphs(batch[i].text)]
                docs = nlp.pipe((text for _i, text, _o in parts), batch_size=size)
                per_article: dict[int, list] = {i: [] for i in idxs}
                for (i, _text, offset), doc in zip(parts, docs, strict=True):
                    per_article[i].append((doc, offset))
                for i in idxs:
                    art = batch[i]
                    results[i] = ext.extract_parts(per_article[i], art.id, art.pub_date)
                    if self.type_model is not None:
                        results[i] += typer_events(
                            self.type_model, self.type_threshold, self.actors, per_article[i],
                            results[i], art.id, art.pub_date, lang,  # type: ignore[arg-type]
                        )  # fmt: skip
            for i, art in enumerate(batch):
                yield art, results[i]

    def code_text(self, text: str, lang: str, pub_date: date, article_id: str = "") -> list[Event]:
        """Code one text (convenience for notebooks and tests)."""
        art = Article(id=article_id or content_hash(text), text=text, origin="<text>",
                      pub_date=pub_date, lang=lang)
        return next(self.code_articles([art]))[1]
