"""kit.io.decode: bytes -> normalised text, or a reason why not."""

from __future__ import annotations

import codecs
import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kit.io.decode import DecodeProblem, decode_bytes, normalize_text

WESTERN = "Le café “chic” d’été coûte 5 € — naïve façade, Straße."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (WESTERN.encode("utf-8"), WESTERN),
        (codecs.BOM_UTF8 + WESTERN.encode("utf-8"), WESTERN),
        (WESTERN.encode("utf-16"), WESTERN),  # with BOM, native order
        (codecs.BOM_UTF16_BE + WESTERN.encode("utf-16-be"), WESTERN),
        (codecs.BOM_UTF16_LE + WESTERN.encode("utf-16-le"), WESTERN),
        (WESTERN.encode("utf-32"), WESTERN),
        (WESTERN.encode("cp1252"), WESTERN),
        ("Le café “chic” d’été".encode("cp1252"), "Le café “chic” d’été"),
        ("naïve façade, Grüße aus München".encode("latin-1"), "naïve façade, Grüße aus München"),
        ("café".encode("latin-1"), "café"),
    ],
)
def test_decodes_common_encodings(data: bytes, expected: str) -> None:
    assert decode_bytes(data) == expected


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Zażółć gęślą jaźń – to jest polski tekst o prasie.", "cp1250"),
        ("Привет, мир! Это тестовый текст на русском языке о новостях.", "cp1251"),
        ("Ελληνικά κείμενο δοκιμής για την αποκωδικοποίηση ειδήσεων", "cp1253"),
    ],
)
def test_other_legacy_encodings_are_not_forced_into_cp1252(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)) == text


def test_newlines_and_nfc() -> None:
    decomposed = "Cafe\u0301 one\r\ntwo\rthree\n"
    assert decode_bytes(decomposed.encode("utf-8")) == "Café one\ntwo\nthree\n"
    assert normalize_text("\ufeffx\r\n") == "x\n"


def test_curly_quotes_and_apostrophes_kept() -> None:
    text = "He said: “It’s ‘fine’.” And 'straight' \"quotes\"."
    assert decode_bytes(text.encode("utf-8")) == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary"),
        (b"\xff\xd8\xff\xe0" + bytes(range(256)), "binary"),
        (b"%PDF-1.7\n...", "binary"),
        (b"abc\x00\x00\x00\x01\x02def\x00" * 20, "binary"),
        (bytes(range(32)) * 10, "binary"),
    ],
)
def test_refuses_non_text(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeProblem) as info:
        decode_bytes(data)
    assert info.value.reason == reason
    assert info.value.detail


def test_bomless_utf16_is_read() -> None:
    assert decode_bytes("plain words, more words".encode("utf-16-le")) == "plain words, more words"


def test_emoji_and_scripts_survive() -> None:
    text = "Emoji 😀🇺🇳, 北京, عربى, हिन्दी"
    assert decode_bytes(text.encode("utf-8")) == unicodedata.normalize("NFC", text)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_text_or_a_reason(data: bytes) -> None:
    try:
        text = decode_bytes(data)
    except DecodeProblem as err:
        assert err.reason in {"empty", "binary", "undecodable"}
        return
    assert isinstance(text, str)
    assert "\r" not in text
    assert unicodedata.is_normalized("NFC", text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_utf8_text_round_trips(text: str) -> None:
    # a text with a NUL after every other character is byte for byte BOM-less UTF-16
    # ("0\x00" is the UTF-16 of "0"): decoding it as UTF-16 is the documented choice
    assume(text.count("\x00") * 2 < len(text))
    data = text.encode("utf-8", "surrogatepass")
    try:
        got = decode_bytes(data)
    except DecodeProblem as err:  # blank, or mostly control characters
        assert err.reason in {"empty", "binary", "undecodable"}
        return
    assert got == normalize_text(text)
