"""Faster CPU inference for the attribution tagger: thinc's numpy ops with two kernels replaced.

Why: profiled on the 2-core AMD EPYC dev VM, an average PolNeAR dev article (1,150 tokens) took 0.13 s in the
tagger, more than half of what the spaCy parse costs. Two kernels made most of it:

* blis's sgemm, behind thinc's ``ops.gemm``, runs the window layers' products (1,150 x 480 by 480 x 288) in 9.1 ms
  where numpy's ``matmul`` (OpenBLAS) takes 1.9 ms (3.1 ms on one thread);
* thinc's LSTM kernel steps through the sequence with one blis product per step and direction (46 ms per
  article for the two bidirectional layers); doing the input products for the whole sequence at once and
  stepping both directions together in numpy takes 27 ms.

Training (``train/train_attribution.py``) runs on these ops too; it always did its products with ``matmul``, and
its LSTM steps keep thinc's kernel, which keeps the gates for the backward pass, so ``make train-attribution``
rebuilds the same weights. The outputs agree with thinc's kernels to float32 rounding (``tests/test_learned_ops.py``).
"""

from __future__ import annotations

import numpy
from thinc.api import NumpyOps


class MatmulOps(NumpyOps):
    name = "numpy-matmul"

    def gemm(self, x, y, out=None, trans1=False, trans2=False):  # type: ignore[override]
        product = numpy.matmul(x.T if trans1 else x, y.T if trans2 else y, out=out)
        return product if out is None else out

    def lstm_forward_inference(self, params, H0, C0, X, size_at_t):  # type: ignore[override]
        """One sequence (every step has batch size 1: the tagger scores one article at a time) takes the fast
        path; batches of several keep thinc's kernel."""
        if X.shape[0] and numpy.all(numpy.asarray(size_at_t) == 1):
            # thinc's kernels read the H0 argument as the initial cell state and C0 as the initial output
            return lstm_one_sequence(params, h_init=C0, c_init=H0, X=numpy.ascontiguousarray(X, dtype="f"))
        return super().lstm_forward_inference(params, H0, C0, X, size_at_t)


def _layer_weights(params: numpy.ndarray, n_out: int, n_in: int, at: int):
    """One layer-direction's weights in thinc's packing: Wx (4 gate blocks [forget, input, output, cell] of
    n_out rows by n_in), bx, Wh (4 blocks by n_out), bh; returns Wx, Wh, the summed bias and the next offset."""
    sizes = (4 * n_out * n_in, 4 * n_out, 4 * n_out * n_out, 4 * n_out)
    parts = []
    for size in sizes:
        parts.append(params[at:at + size])
        at += size
    wx, bx, wh, bh = parts
    return wx.reshape(4 * n_out, n_in), wh.reshape(4 * n_out, n_out), bx + bh, at


def lstm_one_sequence(params: numpy.ndarray, h_init: numpy.ndarray, c_init: numpy.ndarray,
                      X: numpy.ndarray) -> numpy.ndarray:
    """A (bidirectional, stacked) thinc LSTM over one sequence whose rows are its time steps.

    Sigmoid gates use sigmoid(x) = (1 + tanh(x / 2)) / 2, with the halving folded into the weights, so each step
    is one product and one tanh over all four gates of both directions."""
    depth, dirs, n_out = h_init.shape
    n_steps = X.shape[0]
    at = 0
    for layer in range(depth):
        gates_x, recurrent = [], []
        for direction in range(dirs):
            wx, wh, bias, at = _layer_weights(params, n_out, X.shape[1], at)
            gx = X @ wx.T + bias
            gx[:, :3 * n_out] *= 0.5
            gates_x.append(gx if direction == 0 else gx[::-1])
            wh_t = wh.T.copy()
            wh_t[:, :3 * n_out] *= 0.5
            recurrent.append(wh_t)
        gx_steps = numpy.stack(gates_x, axis=1)  # (steps, dirs, 4 n_out): step t of every direction
        wh_all = numpy.stack(recurrent)  # (dirs, n_out, 4 n_out)
        h = h_init[layer].copy()
        c = c_init[layer].copy()
        Y = numpy.empty((n_steps, dirs, n_out), dtype="f")
        for t in range(n_steps):
            g = numpy.tanh(gx_steps[t] + numpy.matmul(h[:, None, :], wh_all)[:, 0])
            s = g[:, :3 * n_out] * 0.5 + 0.5
            c = s[:, :n_out] * c + s[:, n_out:2 * n_out] * g[:, 3 * n_out:]
            h = numpy.tanh(c) * s[:, 2 * n_out:]
            Y[t] = h
        if dirs == 2:
            Y[:, 1] = Y[::-1, 1].copy()
        X = Y.reshape(n_steps, dirs * n_out)
    return X
