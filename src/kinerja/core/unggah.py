"""Public uploads held to a hard size before anything touches the disk.

``BatasUnggah`` replaces Django's upload handlers on a public form: every file is collected in
memory up to ``batas_berkas`` bytes and at most ``batas_jumlah`` files are taken; a file over the
limit is dropped as its bytes arrive (the rest of the request is still read, so every typed field
is kept), and the reasons are left in ``request.unggah_ditolak`` for the form to show. The whole
request is refused before reading when its Content-Length is over the total (``terlalu_besar``).
"""

from __future__ import annotations

from io import BytesIO

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

MB = 1024 * 1024


def format_mb(n: int) -> str:
    return f"{n // MB} MB" if n % MB == 0 else f"{n // 1024} KB"


class BatasUnggah(FileUploadHandler):
    def __init__(self, request, *, batas_berkas: int, batas_jumlah: int):
        super().__init__(request)
        self.batas_berkas = batas_berkas
        self.batas_jumlah = batas_jumlah
        self.jumlah = 0
        self._isi: BytesIO | None = None
        request.unggah_ditolak = []

    def _tolak(self, pesan: str):
        self._isi = None
        self.request.unggah_ditolak.append(pesan)
        raise SkipFile

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self._isi = BytesIO()
        self.jumlah += 1
        if self.jumlah > self.batas_jumlah:
            self._tolak(
                f"Lampiran '{self.file_name}' tidak diterima: paling banyak {self.batas_jumlah} berkas."
            )

    def receive_data_chunk(self, raw_data, start):
        if self._isi is None:
            return None
        if start + len(raw_data) > self.batas_berkas:
            self._tolak(
                f"Lampiran '{self.file_name}' lebih dari {format_mb(self.batas_berkas)} dan tidak diterima."
            )
        self._isi.write(raw_data)
        return None

    def file_complete(self, file_size):
        if self._isi is None:
            return None
        isi, self._isi = self._isi, None
        isi.seek(0)
        return InMemoryUploadedFile(
            file=isi,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


def panjang_isi(request) -> int:
    """The declared Content-Length (0 when absent or unreadable)."""
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0
