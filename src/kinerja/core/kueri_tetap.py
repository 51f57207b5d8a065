"""ORM queries compiled to SQL once per database, for the reads a report repeats for every PD (and the
reads of the busiest public addresses, such as a kiosk found by its token).

Compiling a query (``filter``, ``select_related``, ordering) costs Django more than running it on the
few rows a PD has: half a millisecond against a few hundredths on SQLite. A ``KueriTetap`` is made once
with a function that builds the query from whole-number values; the first call compiles it with
stand-in values, and every call after that runs the same SQL with its own values and builds the model
instances as the ORM would (field converters, ``select_related``). A value the compiled SQL cannot
carry as it is (not a whole number, or beyond a 32-bit column) is read through the ORM itself, so the
answer never differs from the query's. A parameter annotated ``str`` takes a text (compared as it is,
e.g. ``token=token``); a lookup that rewrites its text (``icontains``…) cannot be compiled this way and
is refused when first compiled.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable

from django.db.models import QuerySet
from django.db.models.query import get_related_populators

from kinerja.core.replika import kursor_baca

# Stand-ins for the values while compiling: distinct, within every integer column's range (a value
# outside it makes the ORM answer "nothing" without SQL), and unlike any year, quarter or constant.
_CONTOH = tuple(32_101 + i for i in range(8))
_CONTOH_TEKS = tuple(f"\x1fkueri-tetap-{i}\x1f" for i in range(8))
_BATAS = 2**31 - 1


def _teks(parameter: inspect.Parameter) -> bool:
    return parameter.annotation in (str, "str")


class KueriTetap:
    """``buat(*nilai)`` → a QuerySet of model instances; ``daftar(*nilai)`` → its instances."""

    def __init__(self, buat: Callable[..., QuerySet]):
        self.buat = buat
        parameter = list(inspect.signature(buat).parameters.values())
        self.n = len(parameter)
        if self.n > len(_CONTOH):
            raise ValueError(f"kueri tetap: paling banyak {len(_CONTOH)} nilai")
        self._jenis = tuple(str if _teks(p) else int for p in parameter)
        self._contoh = tuple(_CONTOH_TEKS[i] if j is str else _CONTOH[i] for i, j in enumerate(self._jenis))
        self._sql: dict[
            str, tuple
        ] = {}  # alias → (SQL, where each parameter comes from, query, select, klass_info)
        self._susunan = threading.local()  # per thread: alias → how rows become instances

    def daftar(self, *nilai: int | str) -> list:
        if len(nilai) != self.n:
            raise TypeError(f"kueri tetap: {self.n} nilai diperlukan, {len(nilai)} diberikan")
        if any(
            type(v) is not j or (j is int and not -_BATAS <= v <= _BATAS)
            for v, j in zip(nilai, self._jenis, strict=True)
        ):
            return list(self.buat(*nilai))
        with kursor_baca(self._model()) as c:
            db = c.db
            sql, asal, *_ = self._kompilasi(db.alias)
            c.execute(sql, [tetap if i is None else nilai[i] for i, tetap in asal])
            baris = c.fetchall()
        buat, kolom, awal, akhir, isi_relasi, compiler, konversi = self._cara(db)
        if konversi:
            baris = list(compiler.apply_converters(baris, konversi))
        hasil = []
        for b in baris:
            obj = buat(db.alias, kolom, b[awal:akhir])
            for r in isi_relasi:
                r.populate(b, obj)
            hasil.append(obj)
        return hasil

    def pertama(self, *nilai: int | str):
        hasil = self.daftar(*nilai)
        return hasil[0] if hasil else None

    def _model(self):
        model = self.__dict__.get("model")
        if model is None:
            model = self.model = self.buat(*self._contoh).model
        return model

    def _kompilasi(self, alias: str) -> tuple:
        hasil = self._sql.get(alias)
        if hasil is None:
            n, contoh = self.n, self._contoh
            compiler = self.buat(*contoh).query.get_compiler(using=alias)
            sql, param = compiler.as_sql()
            asal = [(contoh.index(p), None) if p in contoh else (None, p) for p in param]
            if sorted({i for i, _ in asal if i is not None}) != list(range(n)):
                raise AssertionError(f"kueri tetap: tidak setiap nilai menjadi parameter ({param!r})")
            hasil = self._sql[alias] = (sql, asal, compiler.query, compiler.select, compiler.klass_info)
        return hasil

    def _cara(self, db) -> tuple:
        """How rows become instances on the connection ``db`` (as ``ModelIterable`` does), worked out once
        per thread and connection: the converters belong to the connection, which belongs to the thread."""
        per_alias = self._susunan.__dict__
        hasil = per_alias.get(db.alias)
        if hasil is None or hasil[5].connection is not db:
            _, _, query, select, klass_info = self._sql[db.alias]
            compiler = query.get_compiler(connection=db)
            konversi = compiler.get_converters([s[0] for s in select])
            awal, akhir = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            hasil = per_alias[db.alias] = (
                klass_info["model"].from_db,
                [f[0].target.attname for f in select[awal:akhir]],
                awal,
                akhir,
                get_related_populators(klass_info, select, db.alias),
                compiler,
                konversi,
            )
        return hasil
