"""The tagger's inference kernels (``learned_ops``) give thinc's answers: products, the LSTM over one sequence, and
the shipped tagger's label probabilities on an invented report."""

from __future__ import annotations

import numpy
import pytest
from thinc.api import LSTM, NumpyOps

from counterclaim.extract import parse_input
from counterclaim.extract.learned import MODEL_DIR, load_tagger
from counterclaim.extract.learned_ops import MatmulOps
from counterclaim.nlp import load_pipeline

REPORT = ("The provincial governor said on Tuesday that two bridges over the river had been destroyed overnight. "
          "Rebel commanders denied this, telling a local radio station that \"not a single bridge has fallen\". "
          "The claims could not be independently verified.")


@pytest.mark.parametrize("trans1,trans2", [(False, False), (True, False), (False, True), (True, True)])
def test_gemm_matches_thincs(trans1, trans2):
    rng = numpy.random.default_rng(1)
    x = rng.standard_normal((7, 5) if not trans1 else (5, 7), dtype=numpy.float32)
    y = rng.standard_normal((5, 3) if not trans2 else (3, 5), dtype=numpy.float32)
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert numpy.allclose(MatmulOps().gemm(x, y, trans1=trans1, trans2=trans2), expected, atol=1e-5)
    out = numpy.zeros_like(expected)
    assert MatmulOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2) is out
    assert numpy.allclose(out, expected, atol=1e-5)


@pytest.mark.parametrize("bi,depth", [(True, 2), (False, 1), (True, 1)])
def test_lstm_over_one_sequence_matches_thincs_kernel(bi, depth):
    rng = numpy.random.default_rng(2)
    model = LSTM(8, 6, bi=bi, depth=depth)
    model.initialize()
    params = rng.standard_normal(model.get_param("LSTM").shape, dtype=numpy.float32) * 0.5
    # distinct initial states, so swapping the cell and output inits would show
    h0, c0 = (rng.standard_normal(model.get_param("HC0").shape[1:], dtype=numpy.float32) for _ in range(2))
    X = rng.standard_normal((23, 6), dtype=numpy.float32)
    steps = numpy.ones(23, dtype="int32")
    expected = NumpyOps().lstm_forward_inference(params, h0, c0, X, steps)
    assert numpy.allclose(MatmulOps().lstm_forward_inference(params, h0, c0, X, steps), expected, atol=1e-5)


def test_lstm_over_a_batch_keeps_thincs_kernel():
    rng = numpy.random.default_rng(3)
    model = LSTM(4, 4, bi=True, depth=1)
    model.initialize()
    params = rng.standard_normal(model.get_param("LSTM").shape, dtype=numpy.float32)
    h0 = c0 = numpy.zeros(model.get_param("HC0").shape[1:], dtype=numpy.float32)
    X = rng.standard_normal((5, 4), dtype=numpy.float32)
    steps = numpy.array([2, 2, 1], dtype="int32")  # two sequences, of 3 and 2 steps
    expected = NumpyOps().lstm_forward_inference(params, h0, c0, X, steps)
    assert numpy.allclose(MatmulOps().lstm_forward_inference(params, h0, c0, X, steps), expected)


@pytest.mark.skipif(not (MODEL_DIR / "config.cfg").is_file(), reason="no trained attribution model")
def test_shipped_tagger_scores_as_with_thincs_ops():
    tagger = load_tagger()
    assert all(isinstance(layer.ops, MatmulOps) for layer in tagger.model.walk())
    doc = load_pipeline()(parse_input(REPORT))
    fast = tagger.scores([doc])[0]
    reference = NumpyOps()
    for layer in tagger.model.walk():
        layer.ops = reference
    try:
        slow = tagger.scores([doc])[0]
    finally:
        for layer in tagger.model.walk():
            layer.ops = MatmulOps()
    assert fast.shape == (len(doc), len(tagger.labels))
    assert numpy.abs(fast - slow).max() < 1e-4
    assert (fast.argmax(axis=1) == slow.argmax(axis=1)).all()
