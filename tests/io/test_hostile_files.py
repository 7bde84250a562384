"""kit.load on hostile inputs: symlink loops, FIFOs, sockets, devices, bad names, mixed encodings.

Every input is a row or a load-report entry with its reason; nothing hangs or crashes.
"""

from __future__ import annotations

import os
import signal
import socket
import warnings
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

import kit
from kit.io.export import to_arrow
from kit.run.pipeline import split_analysable

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file types")


@pytest.fixture(autouse=True)
def _bounded() -> Iterator[None]:
    """Fail instead of hanging (a FIFO that is opened for reading blocks forever)."""
    old = signal.signal(signal.SIGALRM, lambda *_: pytest.fail("kit.load hung"))
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def quiet_load(*args, **kwargs) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return kit.load(*args, **kwargs)


def entries(docs: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """path -> (reason, status) of every load-report entry."""
    rep = kit.load_report(docs)
    return {r.path: (r.reason, r.status) for r in rep.itertuples()}


def test_symlink_loop_is_reported_and_the_rest_loads(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("A fine text.", encoding="utf-8")
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    docs = quiet_load(tmp_path)
    assert docs["doc_id"].tolist() == ["ok"]
    assert entries(docs) == {
        "a.txt": ("symlink_loop", "skipped"),
        "b.txt": ("symlink_loop", "skipped"),
    }
    assert "back to itself" in kit.load_report(docs)["detail"][0]
    # given directly, or through a glob, the loop is reported too
    assert entries(quiet_load(tmp_path / "a.txt")) == {
        (tmp_path / "a.txt").as_posix(): ("symlink_loop", "skipped")
    }
    assert set(entries(quiet_load(str(tmp_path / "*.txt")))) == {"a.txt", "b.txt"}


def test_fifo_socket_and_devices_are_never_read(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("A fine text.", encoding="utf-8")
    os.mkfifo(tmp_path / "x.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "null.txt").symlink_to("/dev/null")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(str(tmp_path / "s.txt"))
    except OSError:  # path too long for a socket address
        pytest.skip("cannot bind a socket here")
    try:
        docs = quiet_load(tmp_path)
    finally:
        sock.close()
    assert docs["doc_id"].tolist() == ["ok"]
    rep = kit.load_report(docs).set_index("path")
    assert set(rep.index) == {"x.txt", "zero.txt", "null.txt", "s.txt"}
    assert (rep["reason"] == "not_a_file").all()
    assert "named pipe (FIFO)" in rep.loc["x.txt", "detail"]
    assert "character device" in rep.loc["zero.txt", "detail"]
    assert "socket" in rep.loc["s.txt", "detail"]
    # a FIFO or device named directly is reported as well, not read
    assert entries(quiet_load("/dev/zero")) == {"/dev/zero": ("not_a_file", "skipped")}
    assert entries(quiet_load(str(tmp_path / "x.txt")))[(tmp_path / "x.txt").as_posix()][0] == (
        "not_a_file"
    )


def test_max_bytes_counts_bytes_read_not_the_size(tmp_path: Path) -> None:
    status = Path("/proc/self/status")
    if not status.exists() or status.stat().st_size != 0:
        pytest.skip("needs a /proc file whose size reads as 0")
    (tmp_path / "ok.txt").write_text("A fine text.", encoding="utf-8")
    (tmp_path / "proc.txt").symlink_to(status)
    docs = quiet_load(tmp_path, max_bytes=100)
    assert docs["doc_id"].tolist() == ["ok"]
    rep = kit.load_report(docs)
    assert rep[["path", "reason"]].values.tolist() == [["proc.txt", "too_large"]]
    assert "max_bytes=100" in rep["detail"][0]


def test_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("A fine text.", encoding="utf-8")
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw, "wb") as fh:
        fh.write(b"The mayor said the bridge would reopen.")
    docs = quiet_load(tmp_path)
    assert len(docs) == 2
    assert "caf\ufffd.txt" in docs["path"].tolist()
    assert entries(docs) == {"caf\ufffd.txt": ("undecodable_name", "note")}
    assert to_arrow(docs).num_rows == 2  # Arrow (and so Parquet, DuckDB) takes the table
    assert to_arrow(kit.load_report(docs)).num_rows == 1


def test_dataframe_text_with_a_lone_surrogate_is_repaired_with_a_note() -> None:
    frame = pd.DataFrame(
        {
            "text": pd.Series(["Bad \ud800 text.", "Fine text."], dtype=object),
            "note": pd.Series(["x\udce9", "y"], dtype=object),
        }
    )
    docs = quiet_load(frame)
    assert docs["text"].tolist() == ["Bad \ufffd text.", "Fine text."]
    assert docs["note"].tolist() == ["x\ufffd", "y"]
    rep = kit.load_report(docs)
    assert rep["reason"].tolist() == ["invalid_unicode"]
    assert "row 1" in rep["detail"][0] and "U+FFFD" in rep["detail"][0]
    assert to_arrow(docs).num_rows == 2
    # handed straight to kit.analyze (no kit.load): repaired one for one, with a warning
    raw = pd.DataFrame({"doc_id": ["a"], "text": pd.Series(["Bad \ud800 text."], dtype=object)})
    with pytest.warns(UserWarning, match="invalid Unicode"):
        good, _ = split_analysable(raw)
    assert good["text"].tolist() == ["Bad \ufffd text."]


def test_json_with_lone_surrogate_escapes(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "x\\ud800y"}\n{"text": "fine"}\n')
    (tmp_path / "b.json").write_text('[{"text": "p\\udce9q", "title": "t\\ud800"}]')
    docs = quiet_load(tmp_path)
    assert sorted(docs["text"]) == ["fine", "p\ufffdq", "x\ufffdy"]
    assert entries(docs) == {
        "a.jsonl": ("invalid_unicode", "note"),
        "b.json": ("invalid_unicode", "note"),
    }


def test_csv_mixing_utf8_and_cp1252_rows(tmp_path: Path) -> None:
    data = (
        "id,text\n1,Naïve café owners said so.\n".encode()
        + "2,Le café “chic” – résumé.\n".encode("cp1252")
        + "3,Zürich officials agreed.\n".encode()
    )
    (tmp_path / "mixed.csv").write_bytes(data)
    docs = quiet_load(tmp_path / "mixed.csv")
    assert docs["text"].tolist() == [
        "Naïve café owners said so.",
        "Le café “chic” – résumé.",
        "Zürich officials agreed.",
    ]
    rep = kit.load_report(docs)
    assert rep["reason"].tolist() == ["mixed_encoding"]
    assert "line 3" in rep["detail"][0] and "cp1252" in rep["detail"][0]


def test_text_cells_that_are_numbers_or_lists_say_so(tmp_path: Path) -> None:
    (tmp_path / "t.jsonl").write_text(
        '{"text": 5}\n{"text": 2.5}\n{"text": ["a", "b"]}\n{"text": {"k": 1}}\n'
        '{"text": null}\n{"text": "A real text."}\n'
    )
    docs = quiet_load(tmp_path)
    assert docs["text"].tolist() == ["A real text."]
    rep = kit.load_report(docs)
    assert rep["reason"].tolist() == ["not_text", "not_text", "not_text", "not_text", "empty"]
    assert rep["detail"].tolist() == [
        "line 1: the text cell is not text (int)",
        "line 2: the text cell is not text (float)",
        "line 3: the text cell is not text (list)",
        "line 4: the text cell is not text (dict)",
        "line 5: the text is missing",
    ]
    reasons = split_analysable(
        pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [3, None, "ok"]}, dtype=object)
    )[1]["reason"].tolist()
    assert reasons == ["the text is not text (int)", "the text is missing"]


def test_a_fifo_metadata_or_ignore_file_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("A fine text.", encoding="utf-8")
    os.mkfifo(tmp_path / "metadata.csv")
    os.mkfifo(tmp_path / ".kitignore")
    docs = quiet_load(tmp_path)
    assert docs["doc_id"].tolist() == ["ok"]
    rep = kit.load_report(docs)
    assert set(rep["reason"]) == {"not_a_file", "metadata_unusable"}
    assert (rep["status"] == "note").all()
