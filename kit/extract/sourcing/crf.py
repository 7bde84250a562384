"""Best label paths of a python-crfsuite model, computed in NumPy for many sequences at once.

A linear-chain CRF scores a label path as the sum of the weights of each token's
attributes for its label plus the weights of each label transition. crfsuite's
``Tagger.tag`` does this one sequence at a time from lists of attribute strings;
:class:`LinearChain` holds the same weights as arrays, so that a caller can add up
per-token score rows it has computed once (for every window a token is in) and
decode all the sequences of a document in one pass. The weights are read exactly
(float64) from the model file; the labels and attribute names from crfsuite's dump.

>>> chain = LinearChain.load("kit/data/models/attribution/cue.crfsuite")  # doctest: +SKIP
>>> chain.tag([["w=said", "l=say"], ["w=the"]])                           # doctest: +SKIP
['B-CUE', 'O']
"""

from __future__ import annotations

import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# crfsuite's model file: a header of offsets, then a "FEAT" chunk of
# (type, source, destination, weight) records; type 0 is attribute -> label,
# type 1 is label -> label (the transitions)
_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CHUNK = struct.Struct("<4sII")
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])


@dataclass
class LinearChain:
    """The weights of one crfsuite linear-chain model.

    ``state`` has one row per attribute and one extra zero row (``unknown``) for
    attributes the model never saw; ``trans[a, b]`` is the weight of label ``a``
    followed by label ``b``.
    """

    labels: list[str]
    attributes: dict[str, int]
    state: np.ndarray
    trans: np.ndarray

    @property
    def unknown(self) -> int:
        """The row of attributes the model does not know (all zeros)."""
        return len(self.state) - 1

    @classmethod
    def load(cls, path: str | Path) -> LinearChain:
        """Read the model at ``path`` (labels and attribute names through crfsuite's dump)."""
        import pycrfsuite

        raw = Path(path).read_bytes()
        header = _HEADER.unpack_from(raw)
        n_labels, n_attrs, off_features = header[5], header[6], header[7]
        _tag, _size, n_features = _CHUNK.unpack_from(raw, off_features)
        feats = np.frombuffer(
            raw, dtype=_FEATURE, count=n_features, offset=off_features + _CHUNK.size
        )
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        with tempfile.TemporaryDirectory() as tmp:
            dump = Path(tmp) / "model.txt"
            tagger.dump(str(dump))
            text = dump.read_text(encoding="utf-8", errors="surrogateescape")
        labels = _numbered(_section(text, "LABELS"), n_labels)
        names = _numbered(_section(text, "ATTRIBUTES"), n_attrs)
        state = np.zeros((n_attrs + 1, n_labels))
        trans = np.zeros((n_labels, n_labels))
        is_state = feats["type"] == 0
        np.add.at(
            state, (feats["src"][is_state], feats["dst"][is_state]), feats["weight"][is_state]
        )
        is_trans = feats["type"] == 1
        np.add.at(
            trans, (feats["src"][is_trans], feats["dst"][is_trans]), feats["weight"][is_trans]
        )
        attributes = {name: k for k, name in enumerate(names)}
        return cls(labels=labels, attributes=attributes, state=state, trans=trans)

    def rows(self, names: list[str]) -> list[int]:
        """The ``state`` rows of attribute names (``unknown`` for names the model lacks)."""
        get, unknown = self.attributes.get, self.unknown
        return [get(name, unknown) for name in names]

    def scores(self, feats: list[list[str]]) -> np.ndarray:
        """Per token and label, the summed weights of the token's attributes."""
        flat: list[str] = []
        starts: list[int] = []
        for f in feats:
            starts.append(len(flat))
            flat.extend(f)
        return self.summed(self.rows(flat), starts, len(feats))

    def summed(self, rows: list[int], starts: list[int], n: int) -> np.ndarray:
        """Sums of ``state`` rows: token ``k`` adds ``rows[starts[k]:starts[k + 1]]``."""
        out = np.zeros((n, len(self.labels)))
        if not n or not rows:
            return out
        sums = np.add.reduceat(self.state[rows], starts[:n], axis=0)
        # reduceat gives a row, not zeros, where a token has no attributes
        empty = np.flatnonzero(np.diff(np.append(starts, len(rows))) == 0)
        sums[empty] = 0.0
        return sums

    def best_ids(self, seqs: list[np.ndarray]) -> list[np.ndarray]:
        """The best label path (label numbers) of each sequence of per-token scores
        (Viterbi over all sequences at once; ties go to the lower label number, as in
        crfsuite).

        The sequences are taken longest first, so that at each position the ones still
        running are a leading block of the batch (no masks).
        """
        if not seqs:
            return []
        n_labels = len(self.labels)
        lengths = np.array([len(s) for s in seqs])
        longest = int(lengths.max())
        if longest == 0:
            return [np.zeros(0, dtype=np.intp) for _ in seqs]
        order = np.argsort(-lengths, kind="stable")
        ranked = lengths[order]
        # running[t]: how many sequences (in ``order``) are longer than t
        running = np.searchsorted(-ranked, -np.arange(longest), side="left")
        batch = np.zeros((len(seqs), longest, n_labels))
        for k, j in enumerate(order.tolist()):
            batch[k, : lengths[j]] = seqs[j]
        back = np.zeros((len(seqs), longest, n_labels), dtype=np.intp)
        delta = batch[:, 0].copy()
        trans = self.trans[None]
        for t in range(1, longest):
            m = running[t]
            cand = delta[:m, :, None] + trans
            back[:m, t] = cand.argmax(axis=1)
            delta[:m] = cand.max(axis=1) + batch[:m, t]
        paths = np.zeros((len(seqs), longest), dtype=np.intp)
        cur = delta.argmax(axis=1)
        rows = np.arange(len(seqs))
        for t in range(longest - 1, -1, -1):
            paths[:, t] = cur  # (beyond a sequence's end: its last label, cut off below)
            if t:
                m = running[t]
                cur[:m] = back[rows[:m], t, cur[:m]]
        out: list[np.ndarray] = [np.zeros(0, dtype=np.intp)] * len(seqs)
        for k, j in enumerate(order.tolist()):
            out[j] = paths[k, : lengths[j]]
        return out

    def best_paths(self, seqs: list[np.ndarray]) -> list[list[str]]:
        """The best label path of each sequence of per-token scores, as label names."""
        names = self.labels
        return [[names[j] for j in ids.tolist()] for ids in self.best_ids(seqs)]

    def tag(self, feats: list[list[str]]) -> list[str]:
        """The best labels of one sequence of attribute lists (as ``Tagger.tag``)."""
        return self.best_paths([self.scores(feats)])[0]


def _section(text: str, name: str) -> str:
    """The body of one ``NAME = { ... }`` block of a crfsuite dump."""
    start = text.index(name + " = {\n") + len(name) + 5
    end = text.index("\n}\n", start)
    return text[start : end + 1]


def _numbered(body: str, count: int) -> list[str]:
    """The names of a dump block of ``"  %5d: name"`` lines (a name may hold newlines:
    a line that does not start with the next number continues the name before it)."""
    names: list[str] = []
    for line in body.split("\n")[:-1]:
        mark = f"  {len(names):5d}: "
        if len(names) < count and line.startswith(mark):
            names.append(line[len(mark) :])
        elif names:
            names[-1] += "\n" + line
    return names
