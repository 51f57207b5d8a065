"""The errors of a refused form, each tied to its field (WCAG 3.3.1 error identification, 4.1.3).

A form shows every error at once in a summary at its top (``templates/_ringkasan_galat.html``,
which takes the focus), each linked to its field; the field carries ``aria-invalid`` and
``aria-describedby`` pointing at its own message. Templates use the tags ``ringkasan_galat``,
``atribut_galat`` and ``pesan_galat`` of the ``kinerja`` library with a ``GalatFormulir``.

A field's element id is ``isian-<name>`` unless the form passes its own ids (``id_medan``), as
Django forms do (``id_username``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

NON_MEDAN = "__all__"


@dataclass(frozen=True)
class Galat:
    pesan: str
    medan: str = ""  # the field's name; empty for an error of the whole form
    id_isian: str = ""  # the id of the field's element (the link target)

    @property
    def id_pesan(self) -> str:
        return f"galat-{self.medan}" if self.medan else ""


class GalatFormulir:
    """An ordered list of errors; ``medan`` names a field of the form (empty: the whole form)."""

    def __init__(self, id_medan: dict[str, str] | None = None) -> None:
        self._galat: list[Galat] = []
        self._id_medan = dict(id_medan or {})

    def id_isian(self, medan: str) -> str:
        return self._id_medan.get(medan, f"isian-{medan}")

    def tambah(self, galat: ValidationError | str | list[str], medan: str = "") -> GalatFormulir:
        """Add one message, a list, or a ValidationError (a dict of them keeps its field names)."""
        if isinstance(galat, ValidationError) and hasattr(galat, "error_dict"):
            for nama, daftar in galat.message_dict.items():
                for pesan in daftar:
                    self.tambah(pesan, "" if nama == NON_MEDAN else nama)
            return self
        if isinstance(galat, ValidationError):
            pesan = galat.messages
        elif isinstance(galat, str):
            pesan = [galat]
        else:
            pesan = list(galat)
        for p in pesan:
            g = Galat(str(p), medan, self.id_isian(medan) if medan else "")
            if g not in self._galat:
                self._galat.append(g)
        return self

    @classmethod
    def dari_form(cls, form) -> GalatFormulir:
        """The errors of a Django form, its fields' ids as Django writes them (``id_<name>``)."""
        hasil = cls({nama: form[nama].id_for_label for nama in form.fields})
        for nama, daftar in form.errors.items():
            hasil.tambah(list(daftar), "" if nama == NON_MEDAN else nama)
        return hasil

    def untuk(self, medan: str) -> list[str]:
        return [g.pesan for g in self._galat if g.medan == medan]

    @property
    def pesan(self) -> list[str]:
        return [g.pesan for g in self._galat]

    def __iter__(self):
        return iter(self._galat)

    def __len__(self) -> int:
        return len(self._galat)

    def __bool__(self) -> bool:
        return bool(self._galat)
