"""Language identification: EN/FR recognised, other languages named, short text gives None."""

from __future__ import annotations

import pytest

from allegiance.ingest.langid import detect_language, normalise_lang


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The transitional authorities announced on Tuesday that they would leave the bloc.",
         "en"),
        ("Les autorités de transition ont annoncé mardi leur retrait de l'organisation.", "fr"),
        ("Die Militärregierung hat am Freitag den Abzug der europäischen Soldaten gefordert.",
         "de"),
        ("El gobierno de transición anunció el martes que abandonará la organización regional.",
         "es"),
        ("O governo de transição anunciou na terça-feira que vai deixar a organização.", "pt"),
        ("De overgangsregering heeft dinsdag aangekondigd dat zij de organisatie verlaat.", "nl"),
        ("أعلنت السلطات الانتقالية يوم الثلاثاء انسحابها من المنظمة الإقليمية", "ar"),
    ],
)
def test_detects_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "2024 - 12 / 03", "Bamako", "OK"])
def test_short_or_ambiguous_text_is_unknown(text: str) -> None:
    assert detect_language(text) is None


def test_long_text_uses_only_its_start() -> None:
    french = "Le gouvernement malien a annoncé un nouvel accord de coopération. " * 80
    english = "The government announced a new cooperation agreement with Russia. " * 80
    assert detect_language(french + english) == "fr"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("fr-FR", "fr"), ("EN", "en"), ("en_US", "en"), ("French", "fr"), ("fra", "fr"),
     ("deu", "de"), ("sw", "sw"), ("", None), (None, None), (42, None)],
)
def test_normalise_declared_language(value: object, expected: str | None) -> None:
    assert normalise_lang(value) == expected
