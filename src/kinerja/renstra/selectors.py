"""Reading a plan: one snapshot per version, fetched in a fixed number of queries.

Pages, exports and the checker all work on ``Rencana``: the tree, its indicators,
targets, baselines and pagu, with the sums of pagu over the tree computed once.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import compress, repeat
from operator import attrgetter, itemgetter
from typing import NamedTuple

from django.db.models.lookups import IntegerFieldOverflow
from django.db.models.query import get_related_populators

from kinerja.core import angka
from kinerja.core.replika import kursor_baca
from kinerja.renstra import aturan, revisi
from kinerja.renstra.models import (
    BarisCetak,
    Indikator,
    KinerjaPelayananTahun,
    KondisiAwal,
    PlanNode,
    RenstraVersi,
    Target,
    TautanIndikator,
)
from kinerja.wilayah.models import Unit

T = PlanNode.Tingkat
NOL = Decimal(0)


class NodeData:
    """A plan element as read for display and checking (the model's fields, no ORM)."""

    __slots__ = (
        "id",
        "pk",
        "versi_id",
        "tingkat",
        "induk_id",
        "urutan",
        "kode",
        "nama",
        "nomenklatur_id",
        "misi_id",
        "unit_kerja_id",
        "asal_id",
    )
    KOLOM = (
        "id",
        "versi_id",
        "tingkat",
        "induk_id",
        "urutan",
        "kode",
        "nama",
        "nomenklatur_id",
        "misi_id",
        "unit_kerja_id",
        "asal_id",
    )

    def __init__(self, baris: tuple):
        (self.id, self.versi_id, self.tingkat, self.induk_id, self.urutan, self.kode, self.nama,
         self.nomenklatur_id, self.misi_id, self.unit_kerja_id, self.asal_id) = baris  # fmt: skip
        self.pk = self.id

    def get_tingkat_display(self) -> str:
        return PlanNode.Tingkat(self.tingkat).label

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}".strip()


class IndikatorData:
    """An indicator as read for display and checking."""

    __slots__ = ("id", "pk", "node_id", "urutan", "nama", "definisi", "satuan", "arah", "jenis_nilai", "skala",
                 "agregasi_akhir", "agregasi_triwulan", "iku", "ikk", "spm", "rpjmd", "ukuran", "unit_kerja_id",
                 "asal_id", "sumber_data")  # fmt: skip
    KOLOM = ("id", "node_id", "urutan", "nama", "definisi", "satuan", "arah", "jenis_nilai", "skala", "agregasi_akhir",
             "agregasi_triwulan", "iku", "ikk", "spm", "rpjmd", "ukuran", "unit_kerja_id", "asal_id",
             "sumber_data")  # fmt: skip

    def __init__(self, baris: tuple):
        (self.id, self.node_id, self.urutan, self.nama, self.definisi, self.satuan, self.arah, self.jenis_nilai,
         self.skala, self.agregasi_akhir, self.agregasi_triwulan, self.iku, self.ikk, self.spm, self.rpjmd,
         self.ukuran, self.unit_kerja_id, self.asal_id, self.sumber_data) = baris  # fmt: skip
        self.pk = self.id
        # Read with raw SQL (see ``_sql_tetap``): SQLite hands booleans back as 0/1.
        self.iku, self.ikk, self.spm, self.rpjmd = (
            bool(self.iku),
            bool(self.ikk),
            bool(self.spm),
            bool(self.rpjmd),
        )

    def __str__(self) -> str:
        return self.nama


class NilaiData(NamedTuple):
    """A target or baseline as read for display: plain values, no model instance."""

    indikator_id: int | None
    lokasi_id: int | None
    tahun: int | None
    teks: str
    jenis: str
    nilai: Decimal | None
    label: str
    sumber_baris: int | None


_NILAI = attrgetter("nilai")
_JUMLAH = itemgetter(3)


class PaguData(NamedTuple):
    node_id: int
    lokasi_id: int | None
    tahun: int
    jumlah: Decimal
    sumber_baris: int | None


class _bersama:  # noqa: N801 - a decorator, named like ``cached_property``
    """``cached_property`` kept with the plan (``Rencana.turunan``): a kept plan is handed out as shallow
    copies (``muat_rencana``), which share that memo, so what one reader works out serves the next."""

    def __init__(self, fungsi):
        self.fungsi = fungsi
        self.nama = fungsi.__name__
        self.__doc__ = fungsi.__doc__

    def __get__(self, obj, jenis=None):
        if obj is None:
            return self
        return obj.turunan(self.nama, lambda: self.fungsi(obj))


@dataclass
class Rencana:
    versi: RenstraVersi
    unit: dict[int, Unit]
    lokasi: list[Unit]
    node: list[PlanNode]
    indikator: dict[int, list[Indikator]]
    target: dict[tuple[int, int | None, int], NilaiData]
    awal: dict[tuple[int, int | None], NilaiData]
    pagu: list[PaguData]
    anak: dict[int | None, list[PlanNode]] = field(default_factory=dict)
    node_id: dict[int, PlanNode] = field(default_factory=dict)
    _memo_pagu: dict = field(default_factory=dict)
    _memo_angka: dict = field(default_factory=dict)
    _memo_bersama: dict = field(default_factory=dict)  # ``turunan`` and the ``_bersama`` values

    def __post_init__(self) -> None:
        self.anak = defaultdict(list)
        for n in self.node:
            self.anak[n.induk_id].append(n)
            self.node_id[n.pk] = n

    @property
    def pd(self):
        return self.versi.pd

    def turunan(self, kunci, buat):
        """What ``buat()`` works out from this plan alone, once per plan: kept with it (``_bersama``), so
        every reader of the same revision shares it. The value is never to be changed by its readers."""
        memo = self._memo_bersama
        try:
            return memo[kunci]
        except KeyError:
            nilai = memo[kunci] = buat()
            return nilai

    # --- tree ---------------------------------------------------------------------

    def akar(self) -> list[PlanNode]:
        return self.anak[None]

    def leluhur(self, node: PlanNode) -> list[PlanNode]:
        """The node's ancestors, tujuan first."""
        hasil = []
        n = node
        while n.induk_id is not None:
            n = self.node_id[n.induk_id]
            hasil.append(n)
        return list(reversed(hasil))

    def keturunan(self, node: PlanNode) -> list[PlanNode]:
        hasil = []
        for a in self.anak[node.pk]:
            hasil.append(a)
            hasil.extend(self.keturunan(a))
        return hasil

    def unit_kerja(self, node: PlanNode) -> Unit | None:
        """The responsible unit: the node's own, else its nearest ancestor's."""
        n = node
        while n is not None:
            if n.unit_kerja_id:
                return self.unit.get(n.unit_kerja_id)
            n = self.node_id.get(n.induk_id) if n.induk_id else None
        return None

    # --- pagu: planned on sub kegiatan, summed upwards ------------------------------

    @_bersama
    def _pagu_sub(self) -> tuple[dict, dict]:
        """Pagu of each sub kegiatan per (lokasi, year) and per year, straight from the rows."""
        per_lokasi: dict[tuple[int, int | None, int], Decimal] = dict(
            zip(map(_KUNCI_TARGET, self.pagu), map(_JUMLAH, self.pagu), strict=True)
        )
        if len(per_lokasi) != len(self.pagu):  # rows not read from the database may repeat a key
            per_lokasi = {}
            for node_id, lokasi_id, tahun, jumlah, _ in self.pagu:
                kunci = (node_id, lokasi_id, tahun)
                per_lokasi[kunci] = per_lokasi.get(kunci, 0) + jumlah
        total: dict[tuple[int, int], Decimal] = {}
        ambil = total.get
        for node_id, _, tahun, jumlah, _ in self.pagu:
            k2 = (node_id, tahun)
            total[k2] = ambil(k2, 0) + jumlah
        return per_lokasi, total

    @property
    def pagu_lokasi(self) -> dict[tuple[int, int | None, int], Decimal]:
        """(sub kegiatan id, lokasi id, year) → its pagu: ``pagu_node`` of one lokasi, for tables
        that read it for hundreds of rows."""
        return self._pagu_sub[0]

    def pagu_node(self, node: PlanNode, tahun: int, lokasi_id: int | None | str = "semua") -> Decimal | None:
        """Pagu of a node in a year (all lokasi, or one); None when nothing is planned.

        Sub kegiatan read their own rows; every higher node is the sum of its children,
        computed on first use and remembered.
        """
        if node.tingkat == T.SUB_KEGIATAN:
            per_lokasi, total = self._pagu_sub
            if lokasi_id == "semua":
                return total.get((node.pk, tahun))
            return per_lokasi.get((node.pk, lokasi_id, tahun))
        kunci = (node.pk, lokasi_id, tahun)
        memo = self._memo_pagu
        if kunci in memo:
            return memo[kunci]
        hasil = None
        for anak in self.anak[node.pk]:
            v = self.pagu_node(anak, tahun, lokasi_id)
            if v is not None:
                hasil = v if hasil is None else hasil + v
        memo[kunci] = hasil
        return hasil

    def pagu_tahun(self, tahun: int, lokasi_id: int | None | str = "semua") -> Decimal:
        return sum((self.pagu_node(n, tahun, lokasi_id) or NOL for n in self.akar()), NOL)

    @_bersama
    def target_per_indikator(self) -> dict[int, dict[int | None, set[int]]]:
        """indikator id → lokasi id → the years it has a target for."""
        hasil: dict[int, dict[int | None, set[int]]] = defaultdict(lambda: defaultdict(set))
        for ind_id, lok, tahun in self.target:
            hasil[ind_id][lok].add(tahun)
        return hasil

    @_bersama
    def _lokasi_tahun(self) -> dict[int, dict[int | None, set[int]]]:
        """sub kegiatan id → lokasi id → years with a pagu or an indicator target."""
        hasil: dict[int, dict[int | None, set[int]]] = defaultdict(lambda: defaultdict(set))
        for p in self.pagu:
            hasil[p.node_id][p.lokasi_id].add(p.tahun)
        for node_id, daftar in self.indikator.items():
            for ind in daftar:
                for lok, tahun in self.target_per_indikator.get(ind.pk, {}).items():
                    hasil[node_id][lok] |= tahun
        return hasil

    @_bersama
    def _urut_lokasi(self) -> dict[int, int]:
        return {u.pk: i for i, u in enumerate(self.lokasi)}

    def lokasi_node(self, node: PlanNode, tahun: list[int]) -> list[int | None]:
        """The lokasi a sub kegiatan plans for in these years, in the PD's order."""
        urut = self._urut_lokasi
        tahun_set = set(tahun)
        ada = [lok for lok, th in self._lokasi_tahun.get(node.pk, {}).items() if th & tahun_set]
        return sorted(ada, key=lambda x: urut.get(x, 998) if x is not None else 999)

    def rencana_tahun(
        self, tahun: list[int]
    ) -> tuple[set[tuple[int, int | None]], dict[int, list[int | None]]]:
        """For these years: the (indicator id, lokasi id) pairs with a target, and the lokasi of every
        sub kegiatan in the PD's order (``lokasi_node`` of all nodes at once), read from the keys in C."""
        tahun_set = set(tahun)
        ada = tahun_set.__contains__
        kunci = list(self.target)
        ind_lok = set(map(_DUA, compress(kunci, map(ada, map(_KETIGA, kunci)))))
        kunci = list(self.pagu_lokasi)
        node_lok = set(map(_DUA, compress(kunci, map(ada, map(_KETIGA, kunci)))))
        node_ind = {i.pk: node_id for node_id, daftar in self.indikator.items() for i in daftar}
        node_lok.update([(node_ind[i], lok) for i, lok in ind_lok if i in node_ind])
        per_node: dict[int, list[int | None]] = defaultdict(list)
        for node_id, lok in node_lok:
            per_node[node_id].append(lok)
        urut = self._urut_lokasi
        for node_id, daftar in per_node.items():
            if all(x is None or x in urut for x in daftar):
                daftar.sort(key=lambda x: urut[x] if x is not None else 999)
            else:  # units outside the PD's lokasi list keep the order they were read in
                per_node[node_id] = self.lokasi_node(self.node_id[node_id], tahun)
        return ind_lok, per_node

    @_bersama
    def indikator_bertarget(self) -> set[int]:
        """Ids of the indicators with a target in any year."""
        return set(map(_PERTAMA, self.target))

    # --- targets ------------------------------------------------------------------

    def target_teks(self, ind: Indikator, lokasi_id: int | None, tahun: int) -> str:
        t = self.target.get((ind.pk, lokasi_id, tahun))
        return t.teks if t else ""

    def awal_teks(self, ind: Indikator, lokasi_id: int | None) -> str:
        a = self.awal.get((ind.pk, lokasi_id))
        return a.teks if a else ""

    def kondisi_akhir(self, ind: Indikator, lokasi_id: int | None, tahun: list[int]) -> NilaiData | None:
        """The end-of-period target by the indicator's own rule (sum, last, mean, max)."""
        return self.kondisi_akhir_dari(
            ind, lokasi_id, [self.target.get((ind.pk, lokasi_id, y)) for y in tahun]
        )

    # --- one measure across the period: linked indicators (``renstra.tautan``) --------

    @_bersama
    def indikator_id(self) -> dict[int, IndikatorData]:
        return {i.pk: i for daftar in self.indikator.values() for i in daftar}

    @_bersama
    def _tautan_baris(self) -> list[tuple[int, int, str]]:
        return list(
            TautanIndikator.objects.filter(versi_id=self.versi.pk).values_list("lama_id", "baru_id", "sumber")
        )

    @_bersama
    def tautan(self) -> dict[int, int]:
        """Confirmed links of this version: earlier indicator id → the indicator continuing it."""
        return {lama: baru for lama, baru, _ in self._tautan_baris}

    @_bersama
    def sumber_tautan(self) -> dict[int, str]:
        """Earlier indicator id → who made its link (a planner, a copy, the demonstration data)."""
        return {lama: sumber for lama, _, sumber in self._tautan_baris}

    @_bersama
    def _rantai(self) -> dict[int, tuple[int, ...]]:
        lanjut = self.tautan
        asal = {b: a for a, b in lanjut.items()}
        hasil: dict[int, tuple[int, ...]] = {}
        for ind_id in set(lanjut) | set(asal):
            awal = ind_id
            while awal in asal and asal[awal] != ind_id:
                awal = asal[awal]
            urut = [awal]
            while urut[-1] in lanjut and lanjut[urut[-1]] not in urut:
                urut.append(lanjut[urut[-1]])
            hasil[ind_id] = tuple(urut)
        return hasil

    def rantai(self, ind_id: int) -> tuple[int, ...]:
        """The indicators that are one measure with this one, earliest first (itself alone when unlinked)."""
        return self._rantai.get(ind_id, (ind_id,))

    def target_rantai(self, ind_id: int, lokasi_id: int | None, tahun: int) -> NilaiData | None:
        """The year's target of the measure: the indicator's own, else a linked indicator's."""
        t = self.target.get((ind_id, lokasi_id, tahun))
        if t is not None:
            return t
        for lain in self.rantai(ind_id):
            t = self.target.get((lain, lokasi_id, tahun))
            if t is not None:
                return t
        return None

    def akhir_periode(self, ind: Indikator, lokasi_id: int | None) -> NilaiData | None:
        """The Renstra's end-of-period target of the measure (E.81 column 5).

        The targets of the linked indicators over the years the version plans, by the rule of
        the indicator that reaches the period's last year; None when no indicator of the
        measure has a target for that year (the measure stops before the end of the period).
        Worked out once per indicator × lokasi of the plan (kept with it, see ``_bersama``).
        """
        memo = self._akhir_periode
        kunci = (ind.pk, lokasi_id)
        if kunci in memo:
            return memo[kunci]
        hasil = self._akhir_periode_hitung(ind, lokasi_id)
        if ind.pk in self.indikator_id:
            memo[kunci] = hasil
        return hasil

    @_bersama
    def _akhir_periode(self) -> dict[tuple[int, int | None], NilaiData | None]:
        return {}

    def _akhir_periode_hitung(self, ind: Indikator, lokasi_id: int | None) -> NilaiData | None:
        tahun = self.versi.tahun_rencana
        nilai = [self.target_rantai(ind.pk, lokasi_id, y) for y in tahun]
        if not nilai or nilai[-1] is None or nilai[-1].jenis == angka.KOSONG:
            return None
        pemilik = self.indikator_id.get(nilai[-1].indikator_id, ind)
        return self.kondisi_akhir_dari(pemilik, lokasi_id, nilai)

    def kondisi_akhir_dari(self, ind: Indikator, lokasi_id: int | None, nilai: list) -> NilaiData | None:
        """``kondisi_akhir`` of the targets already read (one per year, None where there is none)."""
        kosong = angka.KOSONG
        ada = [t if t is not None and t.jenis != kosong else None for t in nilai]
        hasil = aturan.kondisi_akhir(ada, ind.agregasi_akhir, angka=_NILAI)
        if hasil is None or isinstance(hasil, NilaiData):
            return hasil
        kunci = (type(hasil), str(hasil))  # 1 and 1.0 are written apart
        teks = self._memo_angka.get(kunci)
        if teks is None:
            teks = self._memo_angka[kunci] = angka.format_angka(hasil)
        return NilaiData(ind.pk, lokasi_id, None, teks, angka.ANGKA, hasil, "", None)

    def lokasi_label(self, lokasi_id: int | None) -> str:
        if lokasi_id is None:
            return ""
        return self.unit[lokasi_id].nama_pendek


def muat_rencana(versi: RenstraVersi | int) -> Rencana:
    """Everything a page, an export or the checker needs, in seven queries.

    Targets, baselines and pagu (thousands of rows) are read as plain tuples: building
    a model instance per row would cost more than the query itself.
    """
    if not isinstance(versi, RenstraVersi):
        versi = baca_versi(versi)
        if versi is None:
            raise RenstraVersi.DoesNotExist(
                f"{RenstraVersi._meta.object_name} matching query does not exist."
            )
    with kursor_baca(PlanNode) as c:
        kunci = _kunci_simpanan(c, versi.pk)
    if kunci is not None:
        r = _SIMPANAN.ambil(kunci)
        if r is not None:
            # Shared by every reader of this revision: each gets its own shell with its own version object.
            salinan = copy.copy(r)
            salinan.versi = versi
            return salinan
    unit = _unit_pd(versi.pd_id)
    lokasi = [u for u in unit.values() if u.adalah_lokasi]
    with kursor_baca(PlanNode) as c:
        c.execute(_sql_tetap("node", c.db.alias), [versi.pk])
        node = [NodeData(b) for b in c.fetchall()]
        c.execute(_sql_tetap("indikator", c.db.alias), [versi.pk])
        indikator: dict[int, list[IndikatorData]] = defaultdict(list)
        for b in c.fetchall():
            indikator[b[1]].append(IndikatorData(b))
    target, awal, pagu = _baca_baris(versi.pk)
    r = Rencana(
        versi=versi,
        unit=unit,
        lokasi=lokasi,
        node=node,
        indikator=indikator,
        target=target,
        awal=awal,
        pagu=pagu,
    )
    if kunci is None:
        return r
    _SIMPANAN.simpan(kunci, r)
    return copy.copy(r)


class _Simpanan:
    """The plans read in this process, by (database, version, revision); the least recently used go first."""

    def __init__(self):
        self._isi: OrderedDict[tuple, Rencana] = OrderedDict()
        self._kunci = threading.Lock()

    def ambil(self, kunci: tuple) -> Rencana | None:
        with self._kunci:
            r = self._isi.get(kunci)
            if r is not None:
                self._isi.move_to_end(kunci)
            return r

    def simpan(self, kunci: tuple, r: Rencana) -> None:
        from django.conf import settings

        with self._kunci:
            self._isi[kunci] = r
            while len(self._isi) > settings.KINERJA_SIMPANAN_RENCANA:
                self._isi.popitem(last=False)

    def lupakan(self) -> None:
        with self._kunci:
            self._isi.clear()


_SIMPANAN = _Simpanan()


def lupakan_rencana() -> None:
    """Forget every plan kept by this process (a benchmark's cold read)."""
    _SIMPANAN.lupakan()


def _kunci_simpanan(c, versi_id: int) -> tuple | None:
    """The key a version's plan is kept under on this cursor's database: None when it is not to be kept
    (keeping switched off, a revision trigger missing, or no revision for the version). One query, which
    also counts the triggers, so that a table rebuilt without them stops the keeping at once."""
    from django.conf import settings

    if settings.KINERJA_SIMPANAN_RENCANA <= 0:
        return None
    db = c.db
    sql = revisi.sql_kunci(db.vendor)
    if sql is None:
        return None
    c.execute(sql, [versi_id])
    nilai, lengkap = c.fetchone()
    return (db.alias, db.settings_dict["NAME"], versi_id, nilai) if lengkap and nilai is not None else None


# The SQL of the ORM queries of ``muat_rencana``, compiled once per database: only the version (or
# PD) id changes between calls, and compiling costs more than running them on a small plan.
_QUERY_TETAP = {
    "unit": lambda: Unit.objects.filter(pd_id=0).order_by("urutan", "nama"),
    "versi": lambda: RenstraVersi.objects.select_related("pd__pemda", "rpjmd").filter(pk=0),
    "node": lambda: PlanNode.objects.filter(versi_id=0).order_by("urutan", "id").values_list(*NodeData.KOLOM),
    "indikator": lambda: (
        Indikator.objects.filter(node__versi_id=0)
        .order_by("node_id", "urutan", "id")
        .values_list(*IndikatorData.KOLOM)
    ),
}
_SQL_TETAP: dict[tuple[str, str], str] = {}


def _unit_pd(pd_id: int) -> dict[int, Unit]:
    """The PD's units in their order, as model instances."""
    return {u.pk: u for u in _model_tetap("unit", pd_id)}


def baca_versi(versi_id: int) -> RenstraVersi | None:
    """The version with its PD, pemda and RPJMD (``select_related``), None when there is none."""
    hasil = _model_tetap("versi", versi_id)
    return hasil[0] if hasil else None


def _model_tetap(nama: str, nilai: int) -> list:
    """The model instances of the ``_QUERY_TETAP`` query ``nama`` for the value ``nilai``, built as the ORM
    builds them (converters, ``select_related``), with the SQL compiled once per database."""
    model = _MODEL_TETAP.get(nama) or _MODEL_TETAP.setdefault(nama, _QUERY_TETAP[nama]().model)
    with kursor_baca(model) as c:
        db = c.db
        sql = _sql_tetap(nama, db.alias)
        if _di_luar_rentang(_SUSUNAN_TETAP[(nama, db.alias)][0], nilai, db):
            return []  # as the ORM: an id beyond the column's integers matches nothing
        c.execute(sql, [nilai])
        baris = c.fetchall()
    buat, kolom, awal, akhir, isi_relasi, (compiler, konversi) = _susunan_tetap(nama, db)
    if konversi:
        baris = list(compiler.apply_converters(baris, konversi))
    hasil = []
    for b in baris:
        obj = buat(db.alias, kolom, b[awal:akhir])
        for r in isi_relasi:
            r.populate(b, obj)
        hasil.append(obj)
    return hasil


def _di_luar_rentang(query, nilai: int, db) -> bool:
    """Whether the ORM would find nothing for ``nilai`` without asking (``IntegerFieldOverflow``)."""
    lookup = query.where.children[0]
    if not isinstance(lookup, IntegerFieldOverflow):
        return False
    bawah, atas = db.ops.integer_field_range(lookup.lhs.output_field.get_internal_type())
    return (bawah is not None and nilai < bawah) or (atas is not None and nilai > atas)


def _susunan_tetap(nama: str, db) -> tuple:
    """How ``_model_tetap`` builds the rows of ``nama`` into instances on the connection ``db`` (as
    ``ModelIterable`` does), worked out once per thread and connection: the converters belong to
    the connection, which belongs to the thread."""
    per_nama = _SUSUNAN_KONEKSI.__dict__.setdefault(db.alias, {})
    hasil = per_nama.get(nama)
    if hasil is None or hasil[-1][0].connection is not db:
        query, select, klass_info = _SUSUNAN_TETAP[(nama, db.alias)]
        compiler = query.get_compiler(connection=db)
        konversi = compiler.get_converters([s[0] for s in select])
        awal, akhir = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        hasil = per_nama[nama] = (
            klass_info["model"].from_db,
            [f[0].target.attname for f in select[awal:akhir]],
            awal,
            akhir,
            get_related_populators(klass_info, select, db.alias),
            (compiler, konversi),
        )
    return hasil


# (name, alias) → the compiled query's Query, select and klass_info (see ``_sql_tetap``).
_SUSUNAN_TETAP: dict[tuple[str, str], tuple] = {}
_MODEL_TETAP: dict[str, type] = {}
# Per thread: alias → name → what ``_susunan_tetap`` worked out on the thread's connection.
_SUSUNAN_KONEKSI = threading.local()


def _sql_tetap(nama: str, alias: str) -> str:
    kunci = (nama, alias)
    sql = _SQL_TETAP.get(kunci)
    if sql is None:
        compiler = _QUERY_TETAP[nama]().query.get_compiler(using=alias)
        sql, param = compiler.as_sql()
        if list(param) != [0]:
            raise AssertionError(f"kueri {nama}: parameter tak terduga {param!r}")
        _SUSUNAN_TETAP[kunci] = (compiler.query, compiler.select, compiler.klass_info)
        sql = _SQL_TETAP[kunci] = sql
    return sql


def desimal(v):
    """SQLite hands back decimals as int or float, PostgreSQL as Decimal.  Whole numbers
    stay int (exact, and summed fast); fractions become Decimal from their written form."""
    return Decimal(repr(v)) if type(v) is float else v


_SQL_NILAI = """
    SELECT x.indikator_id, x.lokasi_id, x.tahun, x.teks, x.jenis, x.nilai, x.label, x.sumber_baris
    FROM {tabel} x
    JOIN renstra_indikator i ON x.indikator_id = i.id
    JOIN renstra_plannode n ON i.node_id = n.id
    WHERE n.versi_id = %s
"""
_SQL_PAGU = """
    SELECT p.node_id, p.lokasi_id, p.tahun, p.jumlah, p.sumber_baris
    FROM renstra_pagu p JOIN renstra_plannode n ON p.node_id = n.id
    WHERE n.versi_id = %s
"""


def _baca_baris(versi_id: int) -> tuple[dict, dict, list]:
    """Targets, baselines and pagu of a version, read straight into tuples.

    The rows are turned into tuples and keyed by loops in C (``map``/``zip``): a Python loop
    per row costs about as much as the query itself.
    """
    tabel_target = Target._meta.db_table
    tabel_awal = KondisiAwal._meta.db_table
    with kursor_baca(Target) as c:
        c.execute(_SQL_NILAI.format(tabel=tabel_target), [versi_id])
        baris = _tanpa_float(c.fetchall(), 5)
        target = dict(
            zip(map(_KUNCI_TARGET, baris), map(tuple.__new__, repeat(NilaiData), baris), strict=True)
        )
        c.execute(_SQL_NILAI.format(tabel=tabel_awal), [versi_id])
        baris = _tanpa_float(c.fetchall(), 5)
        awal = dict(zip(map(_KUNCI_AWAL, baris), map(tuple.__new__, repeat(NilaiData), baris), strict=True))
        c.execute(_SQL_PAGU, [versi_id])
        pagu = list(map(tuple.__new__, repeat(PaguData), _tanpa_float(c.fetchall(), 3)))
    return target, awal, pagu


_KUNCI_TARGET = itemgetter(0, 1, 2)
_PERTAMA, _DUA, _KETIGA = itemgetter(0), itemgetter(0, 1), itemgetter(2)
_KUNCI_AWAL = itemgetter(0, 1)


def _tanpa_float(baris: list[tuple], kolom: int) -> list[tuple]:
    """The rows with the float in ``kolom`` (SQLite's fractions) made a Decimal (see ``desimal``)."""
    ada = list(compress(range(len(baris)), map(isinstance, map(itemgetter(kolom), baris), repeat(float))))
    for i in ada:
        r = baris[i]
        baris[i] = (*r[:kolom], desimal(r[kolom]), *r[kolom + 1 :])
    return baris


def baris_cetak(versi: RenstraVersi, tabel: str | None = None) -> list[BarisCetak]:
    qs = BarisCetak.objects.filter(sumber__versi=versi).select_related("sumber")
    if tabel:
        qs = qs.filter(tabel=tabel)
    return list(qs.order_by("sumber_id", "tabel", "urutan"))


# --- for monev: rows of a version and where they were copied from ---------------------------

# The ids of a version's indicators / plan nodes, as a subquery with one parameter (the version id):
# monev filters its realisations by version with it, without naming renstra's tables itself.
SQL_ID_VERSI = {
    "indikator": "SELECT i.id FROM renstra_indikator i JOIN renstra_plannode n ON i.node_id = n.id "
    "WHERE n.versi_id = %s",
    "node": "SELECT n.id FROM renstra_plannode n WHERE n.versi_id = %s",
}
_SQL_ASAL = {
    "indikator": "SELECT i.id, i.asal_id FROM renstra_indikator i JOIN renstra_plannode n ON i.node_id = n.id "
    "WHERE n.versi_id = %s AND i.asal_id IS NOT NULL",
    "node": "SELECT n.id, n.asal_id FROM renstra_plannode n WHERE n.versi_id = %s AND n.asal_id IS NOT NULL",
}
_SQL_ASAL_LANJUT = {
    "indikator": "SELECT id, asal_id FROM renstra_indikator WHERE asal_id IS NOT NULL AND id IN ({})",
    "node": "SELECT id, asal_id FROM renstra_plannode WHERE asal_id IS NOT NULL AND id IN ({})",
}


def peta_asal(jenis: str, versi_id: int) -> dict[int, int]:
    """Earlier copies of a version's rows (``jenis``: "indikator" or "node"), followed through
    ``asal``: earlier id → this version's id."""
    peta: dict[int, int] = {}
    with kursor_baca(PlanNode) as c:
        c.execute(_SQL_ASAL[jenis], [versi_id])
        garis = dict(c.fetchall())
        akar_dari = {kini: kini for kini in garis}  # the row in this version each chain belongs to
        while garis:
            for kini, asal in garis.items():
                peta.setdefault(asal, akar_dari[kini])
            akar_dari = {asal: akar_dari[kini] for kini, asal in garis.items()}
            ids = list(garis.values())
            c.execute(_SQL_ASAL_LANJUT[jenis].format(",".join(["%s"] * len(ids))), ids)
            garis = {a: b for a, b in c.fetchall() if b not in peta}
    return peta


def target_per_asal(versi_id: int) -> dict[tuple, NilaiData]:
    """Targets of a copied version (a Renja) keyed by (the indicator they were copied from,
    lokasi id, year)."""
    hasil = {}
    with kursor_baca(Target) as c:
        c.execute(
            """
            SELECT i.asal_id, t.lokasi_id, t.tahun, t.teks, t.jenis, t.nilai, t.label, t.sumber_baris
            FROM renstra_target t JOIN renstra_indikator i ON t.indikator_id = i.id
            JOIN renstra_plannode n ON i.node_id = n.id
            WHERE n.versi_id = %s AND i.asal_id IS NOT NULL
            """,
            [versi_id],
        )
        for r in c.fetchall():
            hasil[(r[0], r[1], r[2])] = NilaiData(r[0], r[1], r[2], r[3], r[4], desimal(r[5]), r[6], r[7])
    return hasil


def target_kinerja_pelayanan(versi_id: int) -> dict[tuple[int, int], NilaiData]:
    """Targets the document's Tabel 2.3.1 (T-C.23) printed for years before the plan, per
    (indikator id, year), for the rows matched to an indicator of the version."""
    hasil = {}
    for ind_id, tahun, teks in KinerjaPelayananTahun.objects.filter(
        baris__versi_id=versi_id, baris__indikator__isnull=False
    ).values_list("baris__indikator_id", "tahun", "target"):
        n = angka.baca(teks)
        if n.kosong or n.jenis in (angka.NA, angka.TAK_TERBACA, angka.STRIP):
            continue
        hasil[(ind_id, tahun)] = NilaiData(ind_id, None, tahun, n.teks, n.jenis, n.angka, n.label or "", None)
    return hasil


def pagu_per_asal(versi_id: int, tahun: int) -> dict[tuple[int, int | None], Decimal]:
    """Pagu of a copied version (a Renja) in one year keyed by (the sub kegiatan it was copied from,
    lokasi id)."""
    hasil: dict[tuple[int, int | None], Decimal] = {}
    with kursor_baca(PlanNode) as c:
        c.execute(
            """
            SELECT n.asal_id, p.lokasi_id, p.jumlah
            FROM renstra_pagu p JOIN renstra_plannode n ON p.node_id = n.id
            WHERE n.versi_id = %s AND n.asal_id IS NOT NULL AND p.tahun = %s
            """,
            [versi_id, tahun],
        )
        for asal, lok, jumlah in c.fetchall():
            hasil[(asal, lok)] = Decimal(desimal(jumlah)) if jumlah is not None else None
    return hasil


def versi_utama(pd) -> RenstraVersi | None:
    """The version a PD works with: the newest enacted one, else the newest final, else the newest."""
    return pilih_versi_utama(
        list(
            pd.renstra_set.select_related("pd__pemda", "rpjmd")
            .exclude(jenis=RenstraVersi.Jenis.RENJA)
            .order_by("-id")
        )
    )


def pilih_versi_utama(semua: list[RenstraVersi]) -> RenstraVersi | None:
    """``versi_utama`` over versions already read (newest first), for pages that list many PDs."""
    for status in (RenstraVersi.Status.DITETAPKAN, RenstraVersi.Status.FINAL):
        for v in semua:
            if v.status == status:
                return v
    return semua[0] if semua else None
