"""Who acts when no person does: the system itself (commands, sample loading) or the public.

Services take their actor explicitly (``pengguna``); these stand in for a user where there is
none, so that a forgotten argument (``None``) is never mistaken for one. The scope questions
about an actor are answered in ``kinerja.wilayah.izin``; the audit trail records the name.
"""

from __future__ import annotations


class Sistem:
    """The system acting on its own (a command, sample loading): every scope, no user.

    Recorded in the audit trail with no user and its name (``nama_pelaku``). ``PUBLIK`` is
    the public (a complaint sent from the public form): named, but with no scope at all."""

    is_authenticated = False
    is_active = True
    is_superuser = False
    pk = None

    def __init__(self, nama: str = "sistem", *, semua: bool = True) -> None:
        self.nama = nama
        self.semua = semua

    def __repr__(self) -> str:
        return f"Sistem({self.nama!r})"

    def __str__(self) -> str:
        return self.nama


SISTEM = Sistem()
PUBLIK = Sistem("publik", semua=False)
