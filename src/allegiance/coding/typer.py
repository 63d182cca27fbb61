"""A learned sentence classifier for event types: NONE or one of the 16 PLOVER types.

It backs up the rules: where the rules code nothing in a sentence, the coder may ask this model
for the sentence's event type (``Config.type_model``, see ``coding.fallback``). The model is
trained from the user's own gold JSONL (docs/gold-format.md, docs/typer.md)::

    model = train_records(load_gold("gold.jsonl"))
    model.save("typer.joblib")
    TypeModel.load("typer.joblib").predict(["Mali expelled the French ambassador."])

Features: TF-IDF over lower-cased word 1-2-grams; classifier: complement naive Bayes (on
PLOVER it did as well as logistic regression, linear SVMs and character n-grams, and trains in
a fraction of a second; deterministic). Examples: each gold event's evidence sentence(s)
is an example of the event's first type (a record without evidence: its whole text); the other
sentences of a record whose events all have evidence are NONE examples.

Model files are joblib (pickle) files: load only files you trained yourself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import AllegianceError
from ..models import EVENT_TYPES

#: Version of the saved model format; ``TypeModel.load`` refuses other versions.
FORMAT_VERSION = 1
#: The label of sentences that code no event.
NONE = "NONE"
LABELS: tuple[str, ...] = (NONE, *EVENT_TYPES)

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»”)\]]*\s+(?=[\"'«“(\[]?[A-ZÀ-ÖØ-Þ0-9])|\n\s*")


class TypeModelError(AllegianceError):
    """A type model cannot be trained, read or written."""


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (a simple punctuation splitter)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if text[start:m.start()].strip():
            spans.append(_strip(text, start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append(_strip(text, start, len(text)))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    chunk = text[start:end]
    return start + len(chunk) - len(chunk.lstrip()), start + len(chunk.rstrip())


def record_examples(text: str, events: Iterable[Any]) -> list[tuple[str, str]]:
    """``(sentence, label)`` examples of one gold text (``events``: its ``GoldEvent`` list)."""
    spans = split_sentences(text)
    events = list(events)
    out: dict[tuple[str, str], None] = {}
    covered: set[tuple[int, int]] = set()
    for event in events:
        if event.evidence_span is None:
            out[(" ".join(text.split()), event.types[0])] = None
            continue
        s, e = event.evidence_span
        hit = [sp for sp in spans if sp[0] < e and sp[1] > s] or [(s, e)]
        covered.update(hit)
        sentence = text[hit[0][0]:hit[-1][1]]
        out[(" ".join(sentence.split()), event.types[0])] = None
    if all(ev.evidence_span is not None for ev in events):
        for sp in spans:
            if sp not in covered:
                out[(" ".join(text[sp[0]:sp[1]].split()), NONE)] = None
    return list(out)


def gold_examples(records: Iterable[Any]) -> tuple[list[str], list[str]]:
    """Sentences and labels of the scored gold ``records`` (``GoldRecord``)."""
    texts: list[str] = []
    labels: list[str] = []
    for record in records:
        if not record.scored:
            continue
        for sentence, label in record_examples(record.text, record.events):
            texts.append(sentence)
            labels.append(label)
    return texts, labels


def _pipeline() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.naive_bayes import ComplementNB
    from sklearn.pipeline import Pipeline

    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True,
                            token_pattern=r"(?u)\b\w[\w'-]*\b")
    return Pipeline([("words", words), ("classifier", ComplementNB(alpha=0.3))])


@dataclass
class TypeModel:
    """A trained sentence classifier; ``labels`` are its classes (NONE and PLOVER types)."""

    pipeline: Any
    labels: tuple[str, ...]
    version: int = FORMAT_VERSION

    def predict(self, sentences: Sequence[str]) -> list[tuple[str, float]]:
        """The most probable label of each sentence and its probability."""
        if not sentences:
            return []
        if len(self.labels) == 1:
            return [(self.labels[0], 1.0) for _ in sentences]
        probs = self.pipeline.predict_proba([" ".join(s.split()) for s in sentences])
        classes = list(self.pipeline.classes_)
        out = []
        for row in probs:
            best = int(row.argmax())
            out.append((str(classes[best]), float(row[best])))
        return out

    def save(self, path: str | Path) -> None:
        import joblib
        import sklearn

        data = {"format": FORMAT_VERSION, "labels": list(self.labels),
                "sklearn": sklearn.__version__, "pipeline": self.pipeline}  # fmt: skip
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            joblib.dump(data, path, compress=3)
        except OSError as exc:
            raise TypeModelError(f"cannot write type model {path}: {exc}") from exc

    @classmethod
    def load(cls, path: str | Path) -> TypeModel:
        import joblib

        try:
            data = joblib.load(path)
        except FileNotFoundError as exc:
            raise TypeModelError(f"type model not found: {path}") from exc
        except Exception as exc:  # a corrupt or foreign file
            raise TypeModelError(f"cannot read type model {path}: {exc}") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
            found = data.get("format") if isinstance(data, dict) else None
            raise TypeModelError(f"{path}: not a type model of format {FORMAT_VERSION} "
                                 f"(found {found!r}); train it again")  # fmt: skip
        return cls(data["pipeline"], tuple(data["labels"]), FORMAT_VERSION)


def train(sentences: Sequence[str], labels: Sequence[str]) -> TypeModel:
    """Fit a model on ``sentences`` labelled NONE or a PLOVER type."""
    if len(sentences) != len(labels):
        raise TypeModelError("sentences and labels differ in length")
    unknown = set(labels) - set(LABELS)
    if unknown:
        raise TypeModelError(f"unknown label(s): {', '.join(sorted(unknown))}")
    classes = tuple(sorted(set(labels), key=LABELS.index))
    if not classes:
        raise TypeModelError("no training examples")
    pipe = _pipeline()
    if len(classes) > 1:
        pipe.fit([" ".join(s.split()) for s in sentences], list(labels))
    return TypeModel(pipe, classes)


def train_records(records: Iterable[Any]) -> TypeModel:
    """Fit a model on the examples of gold ``records`` (see ``gold_examples``)."""
    texts, labels = gold_examples(records)
    return train(texts, labels)
