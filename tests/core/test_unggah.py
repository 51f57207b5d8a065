"""The public upload handler keeps at most the limit of each file, in memory only."""

from __future__ import annotations

import pytest
from django.core.files.uploadhandler import SkipFile
from django.test import RequestFactory

from kinerja.core.unggah import BatasUnggah, panjang_isi

KB = 1024


def _penangan(**kw):
    request = RequestFactory().post("/")
    return request, BatasUnggah(request, **kw)


def test_a_file_over_the_limit_is_dropped_as_its_bytes_arrive():
    request, h = _penangan(batas_berkas=100 * KB, batas_jumlah=3)
    h.new_file("lampiran", "besar.jpg", "image/jpeg", None)
    diterima = 0
    with pytest.raises(SkipFile):
        for start in range(0, 1000 * KB, 64 * KB):
            h.receive_data_chunk(b"x" * (64 * KB), start)
            diterima += 64 * KB
    # Refused at the chunk that crossed 100 KB: 64 KB kept, the second chunk never stored.
    assert diterima == 64 * KB
    assert h.file_complete(diterima) is None
    assert request.unggah_ditolak == ["Lampiran 'besar.jpg' lebih dari 100 KB dan tidak diterima."]


def test_files_within_the_limit_stay_in_memory_and_a_fourth_is_refused():
    request, h = _penangan(batas_berkas=100 * KB, batas_jumlah=3)
    for i in range(3):
        h.new_file("lampiran", f"s{i}.pdf", "application/pdf", None)
        assert h.receive_data_chunk(b"%PDF" + b"y" * 10, 0) is None
        f = h.file_complete(14)
        assert f.name == f"s{i}.pdf" and f.size == 14 and f.read() == b"%PDF" + b"y" * 10
        assert not hasattr(f, "temporary_file_path")
    with pytest.raises(SkipFile):
        h.new_file("lampiran", "s3.pdf", "application/pdf", None)
    assert "paling banyak 3 berkas" in request.unggah_ditolak[0]


def test_the_declared_length_is_read_safely():
    f = RequestFactory()
    assert panjang_isi(f.post("/", data=b"abc", content_type="text/plain")) == 3
    r = f.post("/", data=b"", content_type="text/plain", CONTENT_LENGTH="banyak")
    assert panjang_isi(r) == 0
