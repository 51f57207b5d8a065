"""kinerja import: a Tabel 6.1/6.2 workbook becomes a new draft version = its base + its changes."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from kinerja.core import angka
from kinerja.core.pelaku import Sistem
from kinerja.renstra.beda import LABEL_JENIS
from kinerja.renstra.impor import ImporGagal, LembarGanda, Pratinjau, siapkan_impor, simpan_impor
from kinerja.renstra.models import RenstraVersi
from kinerja.renstra.opsi_perintah import Galat, pilih_pd
from kinerja.wilayah.models import PerangkatDaerah

# The command line acts as the system, named in the audit trail.
PELAKU = Sistem("kinerja import")


def _selisih(v) -> str:
    return ("+" if v > 0 else "") + angka.format_rupiah(v)


class Command(BaseCommand):
    help = (
        "Baca buku kerja XLSX bertata letak Tabel 6.2 atau 6.1 (seperti hasil 'kinerja export'), atau tabel "
        "satu tahun ala Renja, menjadi versi Renstra baru berstatus draf milik PD --pd (wajib; tidak pernah "
        "ditebak): versi dasarnya ditambah perubahan di buku kerja. Versi dasar = versi yang tercatat di buku "
        "kerja saat diekspor, atau --dari, atau versi berlaku PD (ditetapkan terbaru, lalu final terbaru, lalu "
        "draf terbaru) dengan tahun yang sama; tahun dan unsur yang tidak ada di buku kerja tetap. Tahun yang "
        "dicakup berkas dicetak, dan tahun rencana yang tidak ada di berkas disebut. Buku kerja yang menyebut "
        "PD lain (di sifat berkas, baris 'Perangkat Daerah'/'SKPD'/'OPD', atau judulnya) ditolak kecuali dengan "
        "--paksa-pd. Bila beberapa lembar tampak seperti tabel rencana, pilih dengan --lembar. Berkas .ods dan "
        ".xls belum dapat dibaca: simpan sebagai .xlsx. Perbedaannya selalu dicetak lebih dulu. Yang ada di "
        "versi dasar untuk tahun buku kerja tetapi tidak ada di buku kerja dihapus hanya dengan --hapus. Setiap "
        "baris diperiksa dulu; bila ada yang salah, semua kesalahan ditampilkan per lembar dan baris, dan tidak "
        "ada yang disimpan."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="berkas .xlsx")
        parser.add_argument("--pd", help="slug perangkat daerah tujuan impor (wajib)")
        parser.add_argument(
            "--paksa-pd",
            action="store_true",
            help="simpan juga bila buku kerja menyebut perangkat daerah lain (setelah Anda memeriksanya)",
        )
        parser.add_argument(
            "--lembar",
            default="",
            help="nama lembar yang diimpor, bila beberapa lembar tampak seperti tabel rencana",
        )
        parser.add_argument(
            "--dari",
            type=int,
            help="id versi dasar (bawaan: versi yang tercatat di buku kerja; bila tidak ada, versi berlaku PD "
            "dengan tahun yang sama: ditetapkan terbaru, lalu final terbaru, lalu draf terbaru)",
        )
        parser.add_argument("--nama", default="", help="nama versi baru")
        parser.add_argument(
            "--alasan",
            default="",
            help="alasan perubahan untuk jejak audit (bawaan: 'Impor buku kerja BERKAS lewat perintah kinerja import')",
        )
        parser.add_argument(
            "--pratinjau", action="store_true", help="cetak perbedaannya saja; tidak ada yang disimpan"
        )
        parser.add_argument(
            "--hapus",
            action="store_true",
            help="hapus juga yang ada di versi dasar untuk tahun buku kerja tetapi tidak ada di buku kerja "
            "(bawaan: dipertahankan)",
        )

    def handle(self, *args, **opsi):
        path = Path(opsi["berkas"])
        if not path.exists():
            raise Galat(f"Berkas '{path}' tidak ada.")
        if not opsi["pd"]:
            pilihan = ", ".join(PerangkatDaerah.objects.order_by("slug").values_list("slug", flat=True)[:30])
            raise Galat(
                f"Sebutkan perangkat daerah tujuan impor dengan --pd SLUG (tidak ditebak). Pilihan: {pilihan or '-'}"
            )
        pd = pilih_pd(opsi["pd"])
        dari = None
        if opsi["dari"]:
            dari = RenstraVersi.objects.select_related("pd__pemda", "rpjmd").filter(pk=opsi["dari"]).first()
            if dari is None:
                raise Galat(f"Versi {opsi['dari']} tidak ada.")
        try:
            p = siapkan_impor(path, pengguna=PELAKU, pd=pd, dari=dari, lembar=opsi["lembar"])
        except LembarGanda as e:
            raise Galat(
                f"{e.galat[0].pesan[0].upper()}{e.galat[0].pesan[1:]} dengan --lembar NAMA. Tidak ada yang disimpan."
            ) from e
        except ImporGagal as e:
            for g in e.galat:
                self.stderr.write(f"- {g}")
            raise Galat(f"Impor dibatalkan: {len(e.galat)} kesalahan, tidak ada yang disimpan.") from e
        self._cetak(p, hapus=opsi["hapus"])
        if opsi["pratinjau"]:
            self.stdout.write("Pratinjau saja: tidak ada yang disimpan.")
            return
        if p.buku.pd_beda and not opsi["paksa_pd"]:
            raise Galat(
                f"Tidak disimpan: {p.buku.pd_beda}. Periksa berkasnya; bila memang untuk {pd.nama}, ulangi dengan "
                "--paksa-pd."
            )
        alasan = opsi["alasan"] or f"Impor buku kerja {path.name} lewat perintah kinerja import"
        try:
            hasil = simpan_impor(
                pratinjau=p,
                pengguna=PELAKU,
                alasan=alasan,
                nama=opsi["nama"],
                hapus={k.kunci for k in p.kandidat} if opsi["hapus"] else set(),
                paksa_pd=opsi["paksa_pd"],
            )
        except ValidationError as e:
            raise Galat(" ".join(e.messages)) from e
        v = hasil.versi
        self.stdout.write(
            f"Versi baru #{v.pk} '{v.nama}' disimpan sebagai draf: {len(hasil.perbedaan)} perbedaan dari versi "
            f"dasarnya; {hasil.hitung['unsur']} unsur rencana, {hasil.hitung['indikator']} indikator, "
            f"{hasil.hitung['target']} target, {hasil.hitung['pagu']} pagu."
        )

    def _cetak(self, p: Pratinjau, *, hapus: bool) -> None:
        tulis = self.stdout.write
        for c in p.catatan:
            tulis(c)
        for w in p.peringatan:
            tulis(f"Peringatan: {w}")
        h = p.hitung()
        tulis(f"{h['ditambah']} ditambah, {h['diubah']} diubah, {len(p.kandidat)} tidak ada di buku kerja.")
        if p.tanpa_perbedaan:
            tulis("Tidak ada perbedaan: isi buku kerja sama dengan versi dasarnya.")
        for b in p.perbedaan:
            rinci = " · ".join(str(x) for x in (b.indikator, b.lokasi, b.tahun or "", b.kolom) if x)
            selisih = f" (selisih {_selisih(b.selisih)})" if b.selisih is not None else ""
            tulis(
                f"- {LABEL_JENIS[b.jenis]} {b.bagian}: {b.unsur}"
                + (f" · {rinci}" if rinci else "")
                + (f": {b.dari or '(kosong)'} → {b.ke or '(kosong)'}{selisih}" if b.dari or b.ke else "")
            )
        if p.dampak:
            tulis("Dampak pada pagu program, kegiatan dan perangkat daerah:")
            for d in p.dampak:
                tulis(
                    f"- {d.unsur}, {d.tahun}: Rp{angka.format_rupiah(d.dari)} → Rp{angka.format_rupiah(d.ke)} "
                    f"(selisih {_selisih(d.selisih)})"
                )
        if p.kandidat:
            nasib = "dihapus (--hapus)" if hapus else "dipertahankan; pakai --hapus untuk menghapusnya"
            tulis(f"Tidak ada di buku kerja ({nasib}):")
            for k in p.kandidat:
                rinci = " · ".join(x for x in (k.indikator, k.lokasi) if x)
                tulis(f"- {k.jenis}: {k.unsur}" + (f" · {rinci}" if rinci else "") + f" ({k.rincian})")
