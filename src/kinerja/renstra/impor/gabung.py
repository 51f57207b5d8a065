"""A workbook laid over the version it changes: the plan it would make, what it lacks.

The workbook covers some years (Tabel 6.2: 2023–2026, Tabel 6.1: one year) and only the
elements planned in them.  The new plan is the base version with the workbook's values
written over it; everything the workbook does not show stays as it is.  What the base
shows for those years but the workbook does not is not removed: it becomes a
``Kandidat`` the user may tick for removal.

The result is a ``Rencana`` in memory, so the page, the command and the tests compare it
with the base through the same ``bandingkan`` as any two saved versions.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from types import SimpleNamespace

from kinerja.core import angka
from kinerja.renstra import nomenklatur as nmk
from kinerja.renstra import services
from kinerja.renstra.impor.buku import BarisBuku, BukuKerja, NilaiSel
from kinerja.renstra.impor.kandidat import PencariKandidat
from kinerja.renstra.models import Indikator, Nomenklatur, PlanNode, RenstraVersi
from kinerja.renstra.selectors import IndikatorData, NilaiData, NodeData, PaguData, Rencana
from kinerja.renstra.tabel_dokumen import baris_rencana, nilai_target

T = PlanNode.Tingkat
A = Indikator.Agregasi
NOL = Decimal(0)


def kunci_node(n) -> tuple:
    if n.tingkat >= T.PROGRAM and n.kode:
        return (n.tingkat, n.kode)
    return (n.tingkat, nmk.kunci_nama(n.nama))


def rapi(teks: str) -> str:
    return " ".join((teks or "").split())


def teks_tepat(d: Decimal) -> str:
    """A number in Indonesian notation with every decimal it has (no rounding)."""
    d = d.normalize()
    if d == d.to_integral_value():
        return angka.format_angka(int(d))
    return angka.format_angka(d, -d.as_tuple().exponent)


def teks_nilai(sel: NilaiSel, lama: NilaiData | None = None, persen: bool = False) -> str:
    """The text a value is stored as; a number keeps the form of the value it replaces
    (97% stays a percentage, "5 dokumen" keeps its unit)."""
    if isinstance(sel.mentah, str):
        return rapi(sel.mentah)
    d = sel.mentah * 100 if sel.persen else sel.mentah
    teks = teks_tepat(d)
    if sel.persen or (lama is not None and lama.jenis == angka.PERSEN) or (lama is None and persen):
        return teks + "%"
    satuan = angka.baca(lama.teks).satuan if lama is not None and lama.jenis == angka.ANGKA else None
    return f"{teks} {satuan}" if satuan else teks


def _kunci_nilai(teks: str) -> tuple:
    n = angka.baca(teks)
    if n.angka is not None:
        return (n.jenis, n.angka, (n.label or "").casefold(), angka.kunci_satuan(n.satuan))
    return (n.jenis, rapi(n.teks).casefold())


def nilai_sama(sel: NilaiSel, lama: NilaiData | None, satuan: str) -> bool:
    """The cell holds what the exporter writes for the stored value (or the same value)."""
    if lama is None or not lama.teks.strip():
        return sel.kosong
    if sel.kosong:
        return False
    ekspor = nilai_target(lama, satuan)
    if isinstance(sel.mentah, Decimal) and not sel.persen and isinstance(ekspor, (int, Decimal)):
        return sel.mentah == ekspor
    return _kunci_nilai(teks_nilai(sel, lama)) == _kunci_nilai(lama.teks)


def _nilai_data(ind_id: int, lok, tahun, teks: str, nomor: int) -> NilaiData:
    n = services.nilai_target(teks)
    return NilaiData(ind_id, lok, tahun, n["teks"], n["jenis"], n["nilai"], n["label"], nomor)


def _data(jenis, dari=None, **nilai):
    """A NodeData / IndikatorData from field values (missing ones None), or ``dari`` with some changed."""
    if dari is not None:
        nilai = {**{k: getattr(dari, k) for k in jenis.KOLOM}, **nilai}
    return jenis(tuple(nilai.get(k) for k in jenis.KOLOM))


def _salinan(x, **ubah):
    """The base's element or indicator as it goes into the new plan: it remembers where it came from."""
    return _data(type(x), x, asal_id=x.pk, **ubah)


def rencana_kosong(versi: RenstraVersi) -> Rencana:
    """A plan with nothing in it: the base of a workbook that starts a new plan."""
    unit = {u.pk: u for u in versi.pd.unit_set.order_by("urutan", "nama")}
    return Rencana(versi, unit, [u for u in unit.values() if u.adalah_lokasi], [], {}, {}, {}, [])


class Gabung:
    """The base plan with the workbook written over it."""

    def __init__(self, dasar: Rencana, buku: BukuKerja):
        self.b, self.buku, self.tahun = dasar, buku, buku.tahun
        self.peringatan: list[str] = []
        self._cakupan()
        self._cocokkan_node()
        self._cocokkan_indikator()
        self._isi_nilai()
        self._urutkan()
        self._aturan_akhir()
        self.kandidat = PencariKandidat(self).cari()
        self._cek_pagu_induk()

    # --- what the base shows for these years --------------------------------------------

    def _cakupan(self) -> None:
        baris = baris_rencana(self.b, self.tahun) if self.b.node else []
        self.cakup_node = {x.node.pk for x in baris}
        self.cakup_baris = {(x.indikator.pk, x.lokasi_id) for x in baris if x.indikator is not None}
        self.cakup_pagu = {
            (x.node.pk, x.lokasi_id) for x in baris if x.node.tingkat == T.SUB_KEGIATAN and x.pertama_lokasi
        }

    # --- matching the workbook's elements and indicators with the base's -------------------

    def _cocokkan_node(self) -> None:
        """Element by element down the tree: by code below sasaran, by name above."""
        b = self.b
        self.w_ke_b: list[int | None] = []
        self.vpk: list[int] = []
        dipakai: set[int] = set()
        for i, w in enumerate(self.buku.node):
            cocok = None
            if w.induk is None or self.w_ke_b[w.induk] is not None:
                saudara = b.akar() if w.induk is None else b.anak[self.w_ke_b[w.induk]]
                kunci = kunci_node(w)
                cocok = next(
                    (
                        s.pk
                        for s in saudara
                        if s.pk not in dipakai and s.tingkat == w.tingkat and kunci_node(s) == kunci
                    ),
                    None,
                )
            if cocok is not None:
                dipakai.add(cocok)
            self.w_ke_b.append(cocok)
            self.vpk.append(cocok if cocok is not None else -(i + 1))
        self.node_cocok = dipakai
        nasional = self._nomenklatur()
        self.node_v: dict[int, NodeData] = {}
        for n in b.node:
            self.node_v[n.pk] = _salinan(n)
        for i, w in enumerate(self.buku.node):
            induk = self.vpk[w.induk] if w.induk is not None else None
            if self.w_ke_b[i] is None:
                kode_nas = nmk.kode_nasional(w.kode, self.buku.pd.kode_bidang) if w.kode else ""
                self.node_v[self.vpk[i]] = _data(
                    NodeData,
                    id=self.vpk[i],
                    tingkat=w.tingkat,
                    induk_id=induk,
                    urutan=0,
                    kode=w.kode,
                    nama=w.nama,
                    nomenklatur_id=nasional.get(kode_nas),
                    unit_kerja_id=w.unit_kerja_id,
                )
                continue
            lama = b.node_id[self.w_ke_b[i]]
            ubah = {}
            if rapi(lama.nama) != w.nama:
                ubah["nama"] = w.nama
            if w.unit_kerja_id and w.unit_kerja_id != lama.unit_kerja_id:
                ubah["unit_kerja_id"] = w.unit_kerja_id
            if ubah:
                self.node_v[lama.pk] = _salinan(lama, **ubah)

    def _nomenklatur(self) -> dict[str, int]:
        pd = self.buku.pd
        kode = [
            nmk.kode_nasional(w.kode, pd.kode_bidang)
            for i, w in enumerate(self.buku.node)
            if w.kode and self.w_ke_b[i] is None
        ]
        if not kode:
            return {}
        return dict(
            Nomenklatur.objects.filter(
                revisi=nmk.REVISI, jenis_pemda=pd.pemda.jenis_pemda, kode__in=kode
            ).values_list("kode", "id")
        )

    def _cocokkan_indikator(self) -> None:
        """Indicators of a matched element by name; a new name is a new indicator."""
        self.baris_ind: dict[tuple[int, str], list[BarisBuku]] = defaultdict(list)
        for x in self.buku.baris:
            if x.indikator:
                self.baris_ind[(x.node, nmk.kunci_nama(x.indikator))].append(x)
        self.ind_v: dict[int, list[IndikatorData]] = {
            n.pk: [_salinan(i) for i in self.b.indikator.get(n.pk, [])] for n in self.b.node
        }
        self.ind_ke: dict[tuple[int, str], int] = {}  # workbook indicator → its pk in the new plan
        dipakai: set[int] = set()
        baru = 0
        for (i, kunci), daftar in self.baris_ind.items():
            pk_node = self.vpk[i]
            lama = next(
                (
                    j
                    for j in self.b.indikator.get(pk_node, [])
                    if j.pk not in dipakai and nmk.kunci_nama(j.nama) == kunci
                ),
                None,
            )
            if lama is not None:
                dipakai.add(lama.pk)
                self.ind_ke[(i, kunci)] = lama.pk
                self._ubah_indikator(lama, daftar)
                continue
            baru += 1
            x = daftar[0]
            jenis_nilai, aturan = services.aturan_bawaan(satuan=x.satuan)
            urutan = max((j.urutan for j in self.ind_v.setdefault(pk_node, [])), default=0) + 1
            self.ind_v[pk_node].append(
                _data(
                    IndikatorData,
                    id=-baru,
                    node_id=pk_node,
                    urutan=urutan,
                    nama=x.indikator,
                    definisi=x.formulasi,
                    satuan=x.satuan,
                    arah=Indikator.Arah.NAIK,
                    jenis_nilai=jenis_nilai,
                    skala="",
                    agregasi_akhir=aturan,
                    agregasi_triwulan=services.agregasi_triwulan_bawaan(aturan),
                    iku=False,
                    ikk=False,
                    spm=False,
                    rpjmd=False,
                    ukuran="",
                    sumber_data=Indikator.SumberData.MANUAL,
                )
            )
            self.ind_ke[(i, kunci)] = -baru
        self.ind_cocok = dipakai

    def _ubah_indikator(self, lama: IndikatorData, daftar: list[BarisBuku]) -> None:
        """Name, definition and unit as the workbook writes them; an emptied cell keeps the old text."""
        ubah = {}
        if rapi(lama.nama) != daftar[0].indikator:
            ubah["nama"] = daftar[0].indikator
        for kolom, bidang in (("formulasi", "definisi"), ("satuan", "satuan")):
            if kolom not in self.buku.kolom_ada:
                continue
            lain = {getattr(x, kolom) for x in daftar if getattr(x, kolom)} - {rapi(getattr(lama, bidang))}
            if lain:
                ubah[bidang] = next(getattr(x, kolom) for x in daftar if getattr(x, kolom) in lain)
                if len(lain) > 1:
                    self.peringatan.append(
                        f"Indikator '{lama.nama}': {kolom} berbeda antarbaris; dipakai yang pertama "
                        f"(baris {daftar[0].nomor})."
                    )
        if ubah:
            daftar_v = self.ind_v[lama.node_id]
            k = next(k for k, j in enumerate(daftar_v) if j.pk == lama.pk)
            daftar_v[k] = _salinan(lama, **ubah)

    # --- values ------------------------------------------------------------------------------

    def _isi_nilai(self) -> None:
        b = self.b
        self.target_v: dict = dict(b.target)
        self.awal_v: dict = dict(b.awal)
        self.pagu_v: dict = {(p.node_id, p.lokasi_id, p.tahun): p for p in b.pagu}
        persen_ind = {k[0] for k, t in b.target.items() if t.jenis == angka.PERSEN}
        satuan = {i.pk: i.satuan for daftar in b.indikator.values() for i in daftar}
        self.pagu_tulis: set = set()  # (node, lokasi, year) the workbook gives a pagu for
        tahun_awal = self.buku.tahun_awal or b.versi.tahun_kondisi_awal
        for (i, kunci), daftar in self.baris_ind.items():
            pk = self.ind_ke[(i, kunci)]
            for x in daftar:
                lok = x.lokasi_id
                sat = satuan.get(pk, x.satuan)  # compare with what the exporter wrote
                for y in self.tahun:
                    lama = b.target.get((pk, lok, y))
                    if not x.k[y].kosong and not nilai_sama(x.k[y], lama, sat):
                        teks = teks_nilai(x.k[y], lama, pk in persen_ind)
                        self.target_v[(pk, lok, y)] = _nilai_data(pk, lok, y, teks, x.nomor)
                lama = b.awal.get((pk, lok))
                if not x.data_awal.kosong and not nilai_sama(x.data_awal, lama, sat):
                    teks = teks_nilai(x.data_awal, lama, pk in persen_ind)
                    self.awal_v[(pk, lok)] = _nilai_data(
                        pk, lok, lama.tahun if lama else tahun_awal, teks, x.nomor
                    )
        for x in self.buku.baris:
            if self.buku.node[x.node].tingkat != T.SUB_KEGIATAN:
                continue
            pk = self.vpk[x.node]
            for y, v in x.rp.items():
                kunci = (pk, x.lokasi_id, y)
                lama = self.pagu_v.get(kunci)
                if v is None or kunci in self.pagu_tulis:
                    continue
                self.pagu_tulis.add(kunci)
                if lama is None or Decimal(lama.jumlah) != v:
                    self.pagu_v[kunci] = PaguData(pk, x.lokasi_id, y, v, x.nomor)

    def _urutkan(self) -> None:
        """New elements go after the element printed before them; everything is renumbered."""
        baru = [i for i, pk in enumerate(self.w_ke_b) if pk is None]
        urut = [n.pk for n in self.b.node]
        if not baru:
            return
        induk = {pk: n.induk_id for pk, n in self.node_v.items()}

        def di_bawah(pk, akar) -> bool:
            while pk is not None:
                if pk == akar:
                    return True
                pk = induk.get(pk)
            return False

        for i in baru:
            w = self.buku.node[i]
            sebelum = [
                j
                for j in range(i)
                if self.buku.node[j].induk == w.induk and self.buku.node[j].tingkat == w.tingkat
            ]
            if sebelum:
                akar = self.vpk[sebelum[-1]]
                posisi = max(k for k, pk in enumerate(urut) if di_bawah(pk, akar)) + 1
            elif w.induk is not None:
                posisi = urut.index(self.vpk[w.induk]) + 1
            else:
                posisi = 0
            urut.insert(posisi, self.vpk[i])
        self.node_v = {pk: _data(NodeData, self.node_v[pk], urutan=k + 1) for k, pk in enumerate(urut)}

    def _aturan_akhir(self) -> None:
        """A kondisi akhir the user changed tells which rule makes it (sum, last, mean, max)."""
        hitung = Rencana(self.b.versi, {}, [], [], {}, self.target_v, {}, [])
        for (i, kunci), daftar in self.baris_ind.items():
            pk = self.ind_ke[(i, kunci)]
            isi = [x for x in daftar if not x.akhir_k.kosong]
            if not isi:
                continue
            ind = next(j for j in self.ind_v[self.vpk[i]] if j.pk == pk)
            if pk > 0 and all(self._akhir_sama(self.b, pk, ind.agregasi_akhir, x) for x in isi):
                continue
            calon = [ind.agregasi_akhir, A.TERAKHIR, A.JUMLAH, A.RATA, A.MAKS]
            cocok = next((a for a in calon if all(self._akhir_sama(hitung, pk, a, x) for x in isi)), None)
            if cocok is None:
                if pk > 0:
                    self.peringatan.append(
                        f"Kondisi akhir indikator '{ind.nama}' (baris {isi[0].nomor}) tidak cocok dengan aturan "
                        "mana pun dan diabaikan: kondisi akhir dihitung dari target menurut aturan indikatornya."
                    )
                continue
            if cocok != ind.agregasi_akhir:
                daftar_v = self.ind_v[ind.node_id]
                ubah = {"agregasi_akhir": cocok}
                if pk < 0:
                    ubah["agregasi_triwulan"] = services.agregasi_triwulan_bawaan(cocok)
                daftar_v[daftar_v.index(ind)] = _data(IndikatorData, ind, **ubah)

    def _akhir_sama(self, r: Rencana, pk: int, aturan: str, x: BarisBuku) -> bool:
        akhir = r.kondisi_akhir(SimpleNamespace(pk=pk, agregasi_akhir=aturan), x.lokasi_id, self.tahun)
        ekspor = nilai_target(akhir, x.satuan)
        if isinstance(x.akhir_k.mentah, Decimal) and isinstance(ekspor, (int, Decimal)):
            return x.akhir_k.mentah == ekspor
        if ekspor in (None, ""):
            return False
        return _kunci_nilai(teks_nilai(x.akhir_k)) == _kunci_nilai(
            str(ekspor) if not isinstance(ekspor, str) else ekspor
        )

    def _cek_pagu_induk(self) -> None:
        """Program and kegiatan pagu are sums: a different number typed there is not used."""
        baru = self.rencana(set())
        for i, w in enumerate(self.buku.node):
            if w.tingkat == T.SUB_KEGIATAN:
                continue
            for y, v in w.rp.items():
                if v is None:
                    continue
                jumlah = baru.pagu_node(baru.node_id[self.vpk[i]], y) or NOL
                lama = self.b.pagu_node(self.b.node_id[self.w_ke_b[i]], y) if self.w_ke_b[i] else None
                if v != jumlah and v != (lama or NOL):
                    self.peringatan.append(
                        f"Baris {w.nomor}: pagu {T(w.tingkat).label.lower()} {w.kode or w.nama[:40]} tahun {y} "
                        f"tertulis Rp{angka.format_rupiah(v)}, padahal jumlah sub kegiatannya "
                        f"Rp{angka.format_rupiah(jumlah)}. Pagu program dan kegiatan dihitung dari sub kegiatan; "
                        "angka di buku kerja tidak dipakai."
                    )

    # --- the plan -----------------------------------------------------------------------------

    def rencana(self, hapus: set[str] | frozenset[str] = frozenset()) -> Rencana:
        """The new plan, with the ticked candidates removed."""
        buang_node, isi_node, buang_ind, isi_ind = set(), set(), set(), set()
        buang_t, buang_p, buang_a = set(), set(), set()
        for k in self.kandidat:
            if k.kunci not in hapus:
                continue
            jenis, *arg = k.aksi
            {
                "unsur": buang_node,
                "isi_unsur": isi_node,
                "indikator": buang_ind,
                "isi_indikator": isi_ind,
                "target": buang_t,
                "pagu": buang_p,
                "awal": buang_a,
            }[jenis].update(arg[0])
        anak = defaultdict(list)
        for n in self.node_v.values():
            anak[n.induk_id].append(n.pk)

        def pohon(akar: set[int]) -> set[int]:
            hasil, antre = set(akar), list(akar)
            while antre:
                for a in anak[antre.pop()]:
                    hasil.add(a)
                    antre.append(a)
            return hasil

        buang_node, isi_node = pohon(buang_node), pohon(isi_node)
        node = [n for n in self.node_v.values() if n.pk not in buang_node]
        indikator = {
            n.pk: [i for i in self.ind_v.get(n.pk, []) if i.pk not in buang_ind]
            for n in node
            if self.ind_v.get(n.pk)
        }
        ind_node = {i.pk: i.node_id for daftar in indikator.values() for i in daftar}
        th = set(self.tahun)
        target = {
            k: t
            for k, t in self.target_v.items()
            if k[0] in ind_node
            and k not in buang_t
            and not (k[2] in th and (k[0] in isi_ind or ind_node[k[0]] in isi_node))
        }
        awal = {k: a for k, a in self.awal_v.items() if k[0] in ind_node and k not in buang_a}
        ada = {n.pk for n in node}
        pagu = [
            p
            for k, p in self.pagu_v.items()
            if k[0] in ada and k not in buang_p and not (k[2] in th and k[0] in isi_node)
        ]
        v = self.b.versi
        maya = RenstraVersi(
            pd=v.pd,
            jenis=v.jenis,
            nama=f"{v.nama} + {self.buku.nama_berkas}",
            tahun_mulai=v.tahun_mulai,
            tahun_akhir=v.tahun_akhir,
            tahun_rencana_awal=v.tahun_rencana_awal,
            tahun_kondisi_awal=v.tahun_kondisi_awal,
        )
        return Rencana(maya, self.b.unit, self.b.lokasi, node, indikator, target, awal, pagu)
