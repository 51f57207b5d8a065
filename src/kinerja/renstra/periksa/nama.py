"""Names and places: kelurahan, other kecamatan, RPJMD misi, wording and near-duplicate indicators."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator

from kinerja.core.teks import jarak_edit
from kinerja.renstra import nomenklatur as nmk
from kinerja.renstra.periksa.dasar import (
    GALAT,
    INFO,
    NASKAH,
    PERINGATAN,
    RENCANA,
    TABEL_CETAK,
    TC25,
    TC26,
    TC27,
    TC28,
    DataPeriksa,
    T,
    Temuan,
    _nama_node,
    aturan,
)
from kinerja.renstra.periksa.skema import KOLOM_LOKASI


def _teks_diperiksa(d: DataPeriksa) -> list[tuple[str, str, list[int], str]]:
    """(table, text, lines, where) for every printed or planned text (gathered once)."""
    if d._teks is None:
        hasil = []
        for b in d.cetak:
            for k, v in b.sel.items():
                if isinstance(v, str) and v and not _RE_BUKAN_TEKS.fullmatch(v):
                    hasil.append((b.tabel, v, b.semua_baris, k))
        for n in d.naskah:
            hasil.append(("naskah", n.teks, [n.sumber_baris] if n.sumber_baris else [], n.kunci))
        for n in d.rencana.node:
            hasil.append(("rencana", n.nama, [], "nama"))
        for daftar in d.rencana.indikator.values():
            for i in daftar:
                hasil.append(("rencana", i.nama, [], "indikator"))
        d._teks = hasil
    return d._teks


_RE_BUKAN_TEKS = re.compile(r"[\d.,%()\s'-]*")


_KATA = re.compile(r"[A-Za-z]+(?: [A-Za-z])?")


_RE_SESUDAH_KELURAHAN = re.compile(r"\bKel(?:urahan|\.)\s+([A-Za-z]+(?: [a-z](?![a-z]))?)", re.IGNORECASE)


def _kandidat_lokasi(d: DataPeriksa) -> Iterator[tuple[str, str, list[int]]]:
    """Texts that name a kelurahan: lokasi cells, column headers, and words after 'Kelurahan'."""
    for b in d.cetak:
        for k in KOLOM_LOKASI:
            v = b.sel.get(k)
            if v:
                yield b.tabel, re.sub(r"^(kelurahan|kel\.)\s+", "", v, flags=re.IGNORECASE), b.semua_baris
        for k, v in b.sel.items():
            if k not in KOLOM_LOKASI and isinstance(v, str):
                for m in _RE_SESUDAH_KELURAHAN.finditer(v):
                    yield b.tabel, m.group(1), b.semua_baris
    for n in d.naskah:
        baris = [n.sumber_baris] if n.sumber_baris else []
        if n.kunci.endswith("_kolom"):
            for bagian in n.teks.split("|"):
                yield "naskah", bagian.strip(), baris
        for m in _RE_SESUDAH_KELURAHAN.finditer(n.teks):
            yield "naskah", m.group(1), baris


@aturan(
    kode=("NAMA_KELURAHAN",), nama="Ejaan nama kelurahan", tingkat=(PERINGATAN,), tabel=(*TABEL_CETAK, NASKAH)
)
def cek_nama_kelurahan(d: DataPeriksa) -> Iterator[Temuan]:
    benar = {k.casefold(): k for k in d.kelurahan}
    if not benar:
        return
    temu: dict[tuple[str, str], dict] = {}
    ingat: dict[str, list[str]] = {}
    for tabel, teks, baris in _kandidat_lokasi(d):
        w = teks.strip()
        wk = w.replace(" ", "").casefold()
        if len(wk) < 4 or wk in benar or wk in ("kecamatan", "kantor"):
            continue
        cocok = ingat.get(wk)
        if cocok is None:
            cocok = ingat[wk] = [
                asli
                for kb, asli in benar.items()
                if wk[0] == kb[0] and abs(len(wk) - len(kb)) <= 2 and jarak_edit(wk, kb, 2) <= 2
            ]
        if len(cocok) == 1:
            t = temu.setdefault((w, cocok[0]), {"baris": set(), "tabel": set()})
            t["baris"] |= set(baris)
            t["tabel"].add(tabel)
    for (salah, benar_), t in sorted(temu.items()):
        yield Temuan(
            code="NAMA_KELURAHAN",
            severity=PERINGATAN,
            table=", ".join(sorted(t["tabel"])),
            row=f"'{salah}'",
            source_lines=sorted(t["baris"]),
            printed=salah,
            expected=benar_,
            message=f"'{salah}' bukan nama kelurahan di {d.rencana.pd.nama}; yang dimaksud kemungkinan Kelurahan {benar_}.",
        )


@aturan(
    kode=("KECAMATAN_LAIN",),
    nama="Kecamatan lain yang disebut",
    tingkat=(GALAT,),
    tabel=(*TABEL_CETAK, NASKAH, RENCANA),
)
def cek_kecamatan_lain(d: DataPeriksa) -> Iterator[Temuan]:
    """Another kecamatan of the pemda named in a kecamatan's document or plan: text copied from
    another kecamatan's Renstra. Only a kecamatan has other kecamatan (``d.kecamatan_lain`` is
    empty for a dinas, which serves them all), so the rule applies only to a kecamatan."""
    if not d.kecamatan_lain:
        return
    pola = {}
    for nama in d.kecamatan_lain:
        kata = re.findall(r"[A-Za-z0-9]+", nama)
        if kata:
            pola[r"\s*".join(re.escape(x) for x in kata).casefold()] = nama
    teks_semua = _teks_diperiksa(d)
    gabung = "\n".join(t[1] for t in teks_semua)
    kecil = gabung.lower()
    # cheap first: keep only the names whose first word occurs at all
    pola = {p: n for p, n in pola.items() if re.findall(r"[a-z0-9]+", n.lower())[0] in kecil}
    if not pola:
        return
    gabungan = re.compile(r"\b(" + "|".join(pola) + r")\b", re.IGNORECASE)
    # one pass over all texts joined, instead of one search per text
    awal, posisi = [], 0
    for _, teks, _, _ in teks_semua:
        awal.append(posisi)
        posisi += len(teks) + 1
    temu: dict[str, dict] = {}
    for m in gabungan.finditer(gabung):
        i = bisect_right(awal, m.start()) - 1
        t, teks, b, _ = teks_semua[i]
        mulai = m.start() - awal[i]
        nama = next(
            (n for n in d.kecamatan_lain if nmk.kunci_nama(n) == nmk.kunci_nama(m.group(1))),
            m.group(1),
        )
        x = temu.setdefault(
            nama,
            {
                "baris": set(),
                "tabel": set(),
                "contoh": teks[max(0, mulai - 40) : mulai + len(m.group(1)) + 20],
            },
        )
        x["baris"] |= set(b)
        x["tabel"].add(t)
    for nama, x in temu.items():
        yield Temuan(
            code="KECAMATAN_LAIN",
            severity=GALAT,
            table=", ".join(sorted(x["tabel"])),
            row=f"Kecamatan {nama}",
            source_lines=sorted(x["baris"]),
            printed=f"…{x['contoh'].strip()}…",
            expected=d.rencana.pd.nama,
            message=f"Dokumen {d.rencana.pd.nama} menyebut Kecamatan {nama}, kecamatan lain di {d.rencana.pd.pemda}: "
            "kemungkinan teks disalin dari rencana kecamatan lain.",
        )


_KATA_BILANGAN = {
    "satu": 1,
    "pertama": 1,
    "dua": 2,
    "kedua": 2,
    "tiga": 3,
    "ketiga": 3,
    "empat": 4,
    "keempat": 4,
    "lima": 5,
    "kelima": 5,
    "enam": 6,
    "keenam": 6,
    "tujuh": 7,
    "ketujuh": 7,
    "delapan": 8,
    "kedelapan": 8,
}


_RE_MISI = re.compile(r"misi[^.]{0,60}?\b(?:yang\s+)?ke[- ]?(\w+)", re.IGNORECASE)


@aturan(kode=("MISI_TIDAK_ADA",), nama="Misi RPJMD yang disebut", tingkat=(PERINGATAN,), tabel=(NASKAH,))
def cek_misi(d: DataPeriksa) -> Iterator[Temuan]:
    rpjmd = d.versi.rpjmd
    if rpjmd is None:
        return
    jumlah = rpjmd.misi_set.count()
    for n in d.naskah:
        for m in _RE_MISI.finditer(n.teks):
            kata = m.group(1).casefold()
            nomor = (
                int(kata) if kata.isdigit() else _KATA_BILANGAN.get(kata) or _KATA_BILANGAN.get("ke" + kata)
            )
            if nomor and nomor > jumlah:
                yield Temuan(
                    code="MISI_TIDAK_ADA",
                    severity=PERINGATAN,
                    table="naskah",
                    row=f"{n.kunci} · misi ke-{nomor}",
                    source_lines=[n.sumber_baris] if n.sumber_baris else [],
                    printed=m.group(0),
                    expected=f"misi 1–{jumlah}",
                    message=f"Naskah menyebut misi ke-{nomor}, padahal {rpjmd} hanya mempunyai {jumlah} misi "
                    "(kemungkinan kalimat dari RPJMD periode sebelumnya).",
                )


@aturan(
    kode=("NAMA_BEDA",),
    nama="Rumusan tujuan, sasaran, visi dan misi",
    tingkat=(INFO,),
    tabel=(TC25, TC26, TC27, TC28, NASKAH),
)
def cek_nama_beda(d: DataPeriksa) -> Iterator[Temuan]:
    """A tujuan or sasaran, or the visi/misi, printed with other wording than the plan's."""
    r = d.rencana
    ejaan: dict[tuple[int, str], set[int]] = defaultdict(set)
    tabel_ej: dict[tuple[int, str], set[str]] = defaultdict(set)
    for b in d.cetak:
        node = r.node_id.get(b.node_id) if b.node_id else None
        if node is None or node.tingkat > T.SASARAN:
            continue
        for k in ("nama", "tujuan", "sasaran", "kinerja_utama"):
            v = b.sel.get(k)
            if not v:
                continue
            target = node if (k == "nama" or k == node.get_tingkat_display().lower()) else None
            if k == "kinerja_utama":
                target = node
            if target is not None and nmk.kunci_nama(v) != nmk.kunci_nama(target.nama):
                ejaan[(target.pk, v)].add(b.baris)
                tabel_ej[(target.pk, v)].add(b.tabel)
    for (node_pk, teks), baris in ejaan.items():
        node = r.node_id[node_pk]
        yield Temuan(
            code="NAMA_BEDA",
            severity=INFO,
            table=", ".join(sorted(tabel_ej[(node_pk, teks)])),
            row=_nama_node(node),
            source_lines=sorted(baris),
            printed=teks,
            expected=node.nama,
            message=f"{node.get_tingkat_display()} ini tercetak sebagai '{teks}', di tempat lain '{node.nama}'.",
            node_id=node_pk,
        )
    rpjmd = d.versi.rpjmd
    if rpjmd is None:
        return
    semua_misi = list(rpjmd.misi_set.all())
    misi = {m.nomor: m.teks for m in semua_misi}
    nomor_id = {m.pk: m.nomor for m in semua_misi}
    nomor_misi = {nomor_id[n.misi_id] for n in r.akar() if n.misi_id in nomor_id}
    for n in d.naskah:
        jenis = re.fullmatch(r"(visi|misi)_\d+(?:_\d+)*", n.kunci)
        if not jenis:
            continue
        if jenis.group(1) == "visi" and nmk.kunci_nama(n.teks) != nmk.kunci_nama(rpjmd.visi):
            acuan = rpjmd.visi
        elif jenis.group(1) == "misi" and len(nomor_misi) == 1:
            acuan = misi.get(next(iter(nomor_misi)), "")
            if nmk.kunci_nama(n.teks) == nmk.kunci_nama(acuan):
                continue
        else:
            continue
        yield Temuan(
            code="NAMA_BEDA",
            severity=INFO,
            table="naskah",
            row=n.kunci,
            source_lines=[n.sumber_baris] if n.sumber_baris else [],
            printed=n.teks,
            expected=acuan,
            message=f"Rumusan ini berbeda dengan rumusan RPJMD: '{acuan}'.",
        )


@aturan(
    kode=("INDIKATOR_MIRIP",),
    nama="Indikator yang hanya berbeda ejaan",
    tingkat=(PERINGATAN,),
    tabel=(RENCANA,),
)
def cek_indikator_mirip(d: DataPeriksa) -> Iterator[Temuan]:
    r = d.rencana
    for node_id, daftar in r.indikator.items():
        kunci = [(i, nmk.kunci_nama(i.nama).replace(" ", "")) for i in daftar]
        dilaporkan = set()
        for a in range(len(kunci)):
            kelompok = [kunci[a][0]]
            for b in range(a + 1, len(kunci)):
                ka, kb = kunci[a][1], kunci[b][1]
                if kunci[b][0].pk in dilaporkan:
                    continue
                if ka == kb or (
                    abs(len(ka) - len(kb)) <= 3 and min(len(ka), len(kb)) > 15 and jarak_edit(ka, kb) <= 3
                ):
                    kelompok.append(kunci[b][0])
            if len(kelompok) > 1 and kunci[a][0].pk not in dilaporkan:
                dilaporkan |= {i.pk for i in kelompok}
                baris = sorted(
                    {
                        t.sumber_baris
                        for i in kelompok
                        for (ii, _, _), t in r.target.items()
                        if ii == i.pk and t.sumber_baris
                    }
                )
                yield Temuan(
                    code="INDIKATOR_MIRIP",
                    severity=PERINGATAN,
                    table="rencana",
                    row=_nama_node(r.node_id[node_id]),
                    source_lines=baris,
                    printed=" / ".join(f"'{i.nama}'" for i in kelompok),
                    expected="satu indikator",
                    message=f"{len(kelompok)} indikator di unsur ini hanya berbeda ejaan; kemungkinan satu indikator yang sama "
                    "sehingga targetnya terpecah.",
                    node_id=node_id,
                )
