"""The learned tagger's inputs (word-piece windows, the piece each token reads, hashed features) and the shipped
graph run as the package runs it."""

from __future__ import annotations

import numpy
import pytest

from counterclaim.extract import parse_input
from counterclaim.extract.learned_model import CLS, MODEL_DIR, SEP, Windows, _threads, article_inputs, load_tagger
from counterclaim.nlp import load_pipeline

needs_model = pytest.mark.skipif(not (MODEL_DIR / "model.onnx").is_file(), reason="no trained attribution model")

REPORT = ("The port authority said on Tuesday that two cargo ships had docked at the northern quay.\n\n"
          "\u201cWe expect more vessels next week,\u201d a spokeswoman told reporters, adding that the grain corridor "
          "\u201cremains open\u201d despite what she called unverified reports of mines.")


@pytest.fixture(scope="module")
def tokenizer():
    return load_tagger().tokenizer


def parsed(text: str):
    return load_pipeline()(parse_input(text))


@needs_model
def test_every_token_reads_its_own_first_word_piece(tokenizer):
    doc = parsed(REPORT)
    inputs = article_inputs(doc, tokenizer, frozenset({"say", "tell"}), rows=50)
    flat = inputs["ids"].reshape(-1)
    for token, at in zip(doc, inputs["at"]):
        if token.is_space:
            assert at == -1
            continue
        pieces = tokenizer.encode([token.text], is_pretokenized=True, add_special_tokens=False).ids
        assert flat[at] == pieces[0], token.text
    assert inputs["features"].shape[0] == len(doc)
    assert inputs["features"].min() >= 0 and inputs["features"].max() < 50


@needs_model
def test_a_long_article_is_read_in_overlapping_windows_each_token_near_its_windows_centre(tokenizer):
    sentence = "The mayor of the river town said the ferry would run again from the first of the month. "
    doc = parsed(sentence * 40)  # ~720 word pieces
    windows = Windows(size=60, stride=40)
    inputs = article_inputs(doc, tokenizer, frozenset({"say"}), rows=100, windows=windows)
    ids, at = inputs["ids"], inputs["at"]
    pieces = tokenizer.encode([t.text for t in doc], is_pretokenized=True, add_special_tokens=False).ids
    assert len(ids) == -(-(len(pieces) - windows.size) // windows.stride) + 1
    assert ids.shape[1] == windows.size + 2  # no padding: the windows need no attention mask
    assert (ids[:, 0] == CLS).all() and (ids[:, -1] == SEP).all()
    assert list(ids[0, 1:-1]) == pieces[:windows.size] and list(ids[-1, 1:-1]) == pieces[-windows.size:]
    row, column = numpy.divmod(at[at >= 0], ids.shape[1])
    assert (column >= 1).all() and (column <= windows.size).all()
    # away from the article's two ends, a token sits at most stride/2 pieces from its window's centre
    middle = (row > 0) & (row < len(ids) - 1)
    assert middle.any() and (numpy.abs(column[middle] - 1 - windows.size / 2) <= windows.stride / 2).all()
    assert (numpy.diff(row) >= 0).all()  # tokens move through the windows in order


@needs_model
def test_an_article_shorter_than_a_window_is_one_window_of_its_length(tokenizer):
    doc = parsed("The minister said the talks would resume.")
    inputs = article_inputs(doc, tokenizer, frozenset({"say"}), rows=10)
    assert inputs["ids"].shape == (1, len(doc) + 2)  # one piece per word here, plus [CLS] and [SEP]
    assert list(inputs["at"]) == list(range(1, len(doc) + 1))


def test_windows_must_overlap():
    with pytest.raises(ValueError):
        Windows(size=100, stride=100)
    with pytest.raises(ValueError):
        Windows(size=100, stride=0)


def test_threads_follow_omp_num_threads(monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    assert _threads() == 1
    monkeypatch.setenv("OMP_NUM_THREADS", "many")
    assert _threads() == 0
    monkeypatch.delenv("OMP_NUM_THREADS")
    assert _threads() == 0


@needs_model
def test_the_shipped_graph_gives_a_distribution_per_token_and_marks_the_reported_speech():
    tagger = load_tagger()
    doc = parsed(REPORT)
    probs = tagger.scores([doc])[0]
    assert probs.shape == (len(doc), len(tagger.labels))
    assert numpy.allclose(probs.sum(axis=1), 1.0, atol=1e-4)
    best = [tagger.labels[i] for i in probs.argmax(axis=1)]
    said = next(t.i for t in doc if t.text == "said")
    docked = next(t.i for t in doc if t.text == "docked")
    assert best[said].endswith("-C") and best[docked].endswith("-Q")
    assert tagger.scores([parsed("")])[0].shape == (0, len(tagger.labels))


def test_features_hash_each_parse_string_by_its_column_whatever_the_lookup_table_holds(monkeypatch):
    from spacy.strings import get_string_id

    from counterclaim.extract import learned_features
    from counterclaim.extract.learned_features import LEXICAL, doc_features, parse_columns

    doc = parsed(REPORT)
    cues = frozenset({"say", "tell", "call"})
    expected = numpy.array([[get_string_id(f"{k}={v}") for k, v in enumerate(row)] for row in parse_columns(doc, cues)],
                           dtype="uint64")
    assert (doc_features(doc, cues)[:, len(LEXICAL):] == expected).all()
    # a table that fills up starts again, and still gives the same ids
    monkeypatch.setattr(learned_features, "HASHED_MAX", 5)
    assert (doc_features(doc, cues)[:, len(LEXICAL):] == expected).all()
    assert all(len(table) <= max(5, len(doc)) for table in learned_features._HASHED)
    assert doc_features(parsed(""), cues).shape == (0, len(LEXICAL) + learned_features.N_PARSE)


def test_training_script_answers_help_and_rescores_without_the_training_extra():
    # --rescore needs only what the package runs (ONNX Runtime); PyTorch is imported for training alone
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "train" / "train_attribution.py"
    done = subprocess.run([sys.executable, "-c", f"import runpy, sys; sys.argv = [{str(script)!r}, '--help']; "
                           f"runpy.run_path({str(script)!r}, run_name='__main__')"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "--read-stride" in done.stdout and "--rescore" in done.stdout
