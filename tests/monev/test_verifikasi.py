"""Official reports show only what was approved, and say so: a returned quarter never reaches the
Camat's E.81 unmarked, and "hanya yang terverifikasi" leaves unverified values out of every figure."""

from __future__ import annotations

import datetime as dt
import io
import json
import math
from decimal import Decimal
from fractions import Fraction

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kinerja.core.tabel import teks_sel
from kinerja.monev import alur
from kinerja.monev.laporan import tabel_e81
from kinerja.monev.lkjip import tabel_lkjip
from kinerja.monev.models import Laporan, Realisasi
from kinerja.monev.selectors import muat_evaluasi
from kinerja.renstra.models import Target
from kinerja.rtkeren.models import Alokasi, RealisasiRt

pytestmark = pytest.mark.django_db
S = Laporan.Status
TEKS_KEMBALI = "Catatan triwulan IV Klampok yang dikembalikan verifikator."


def _user(nama):
    return get_user_model().objects.get(username=nama)


def _bulat(f: Fraction) -> Decimal:
    """Half up to two decimals, by hand."""
    return Decimal(math.floor(f * 100 + Fraction(1, 2))) / 100


def _rt_serapan(unit, triwulan: int) -> int:
    """RTs of the unit whose 2022 spending up to the quarter's end is at least 75 % of their pagu."""
    akhir = dt.date(2022, 3 * triwulan, 30 if triwulan in (2, 3) else 31)
    n = 0
    for a in Alokasi.objects.filter(rt__unit=unit, tahun=2022):
        belanja = sum(
            x.jumlah
            for x in RealisasiRt.objects.filter(
                kegiatan__usulan__rembug__rt=a.rt, kegiatan__usulan__tahun=2022
            )
            if x.tanggal <= akhir
        )
        n += belanja * 4 >= a.pagu * 3
    return n


def _rata_tangan(sampel, unit: str, *, hanya: bool) -> Fraction:
    """Mean capaian of a unit's 2022 rows from the stored rows, leaving out unverified quarters if asked."""
    u = sampel.unit[unit]
    status = dict(Laporan.objects.filter(unit=u, tahun=2022).values_list("triwulan", "status"))
    capaian = []
    for t in Target.objects.filter(indikator__node__versi=sampel.versi, lokasi=u, tahun=2022).select_related(
        "indikator"
    ):
        ind = t.indikator
        assert ind.arah == "naik" and ind.agregasi_triwulan in ("jumlah", "terakhir")
        if ind.sumber_data == "rt_serapan":
            # computed from the RT Keren records: RTs that spent ≥ 75 % by the last quarter counted
            q = max(q for q in (1, 2, 3, 4) if not hanya or status.get(q) == S.DIVERIFIKASI)
            capaian.append(Fraction(_rt_serapan(u, q) * 100, int(t.nilai)))
            continue
        assert ind.sumber_data == "manual"
        nilai = {
            r.triwulan: Fraction(r.nilai)
            for r in Realisasi.objects.filter(indikator=ind, lokasi=u, tahun=2022, triwulan__in=[1, 2, 3, 4])
            if r.nilai is not None and (not hanya or status.get(r.triwulan) == S.DIVERIFIKASI)
        }
        if not nilai or t.nilai is None:
            continue
        real = sum(nilai.values()) if ind.agregasi_triwulan == "jumlah" else nilai[max(nilai)]
        target = Fraction(t.nilai)
        capaian.append(Fraction(100) if target == 0 else real / target * 100)
    return sum(capaian) / len(capaian)


@pytest.fixture
def dikembalikan(sampel):
    """Klampok's submitted fourth quarter, with an explanation in one row, returned by the verifier."""
    r = (
        Realisasi.objects.filter(lokasi=sampel.unit["Klampok"], tahun=2022, triwulan=4)
        .exclude(teks="")
        .first()
    )
    Realisasi.objects.filter(pk=r.pk).update(faktor_penghambat=TEKS_KEMBALI)
    alur.kembalikan(
        pengguna=_user("perencana"), laporan=sampel.laporan("Klampok", 4), catatan="Perbaiki angkanya."
    )
    return sampel


def test_a_returned_quarter_is_marked_on_the_camats_e81_page_workbook_and_json(client, dikembalikan):
    s = dikembalikan
    client.force_login(_user("camat"))
    dasar = reverse("monev:laporan", args=[s.versi.pk, 2022, "E.81"])
    terverifikasi = Laporan.objects.filter(
        unit__pd=s.versi.pd, tahun=2022, triwulan=4, status=S.DIVERIFIKASI
    ).count()
    assert terverifikasi == 5  # kantor, Bendogerit, Sananwetan, Karangtengah, Plosokerep
    halaman = client.get(dasar + "?triwulan=4&terverifikasi=0").content.decode()
    assert f"{terverifikasi} dari 8 unit terverifikasi untuk triwulan IV" in halaman
    assert "Status Verifikasi" in halaman and "TW IV Klampok: dikembalikan" in halaman
    assert TEKS_KEMBALI not in halaman

    xlsx = client.get(
        reverse("monev:unduh_laporan", args=[s.versi.pk, 2022, "E.81", "xlsx"]) + "?terverifikasi=0"
    )
    ws = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    sel = [[c.value for c in baris] for baris in ws.iter_rows()]
    kolom = next(i for baris in sel for i, v in enumerate(baris) if v == "Status Verifikasi")
    klampok = [b for b in sel if isinstance(b[3], str) and "— Klampok" in b[3]]
    assert len(klampok) == 42 and all("Klampok: dikembalikan" in b[kolom] for b in klampok)
    assert not any(TEKS_KEMBALI in str(v) for b in sel for v in b)

    data = json.loads(
        client.get(
            reverse("monev:unduh_laporan", args=[s.versi.pk, 2022, "E.81", "json"]) + "?terverifikasi=0"
        ).content
    )
    assert all("status_verifikasi" in b for b in data["baris"])
    baris_klampok = [b for b in data["baris"] if b["lokasi"] == "Klampok" and b["indikator"]]
    assert len(baris_klampok) == 42 and {b["status_verifikasi"] for b in baris_klampok} == {"dikembalikan"}
    assert data["verifikasi"]["unit_terverifikasi"] == 5 and data["verifikasi"]["unit_pelapor"] == 8
    kaki = data["faktor_pendorong"] + data["faktor_penghambat"] + data["tindak_lanjut"]
    assert kaki and TEKS_KEMBALI not in [f["teks"] for f in kaki]
    assert all(f["status_verifikasi"] != "dikembalikan" for f in kaki)


def test_hanya_yang_terverifikasi_leaves_the_returned_quarter_out_of_rows_and_averages(client, dikembalikan):
    s = dikembalikan
    klampok = s.unit["Klampok"].pk
    semua = muat_evaluasi(s.versi, 2022, 4)
    hanya = muat_evaluasi(s.versi, 2022, 4, hanya_terverifikasi=True)

    def rata_kaki(ev):
        # Klampok reports sub kegiatan rows only: its E.81 has one level in the footer.
        t = tabel_e81(ev, unit_id=klampok)
        rata = [
            b
            for b, k in zip(t.baris, t.kelas_baris, strict=True)
            if k == "kaki" and str(b[0].nilai).startswith("Rata-rata capaian kinerja")
        ]
        assert len(rata) == 1 and rata[0][0].nilai.startswith("Rata-rata capaian kinerja sub kegiatan")
        return rata[0][25].nilai

    tangan_semua = _rata_tangan(s, "Klampok", hanya=False)
    tangan_hanya = _rata_tangan(s, "Klampok", hanya=True)
    assert tangan_hanya != tangan_semua
    assert rata_kaki(semua) == _bulat(tangan_semua)
    assert rata_kaki(hanya) == _bulat(tangan_hanya)
    # Every Klampok row lost its fourth quarter; its earlier, verified quarters stay.
    baris = [b for b in hanya.baris_indikator if b.lokasi_id == klampok]
    assert baris and all(b.tw[3] is None and b.tw[2] is not None for b in baris)
    assert TEKS_KEMBALI not in json.dumps([t for _, t, _ in hanya.faktor("faktor_penghambat")])

    client.force_login(_user("camat"))
    data = json.loads(
        client.get(reverse("monev:unduh_laporan", args=[s.versi.pk, 2022, "E.81", "json"])).content
    )
    assert data["verifikasi"]["hanya_terverifikasi"] is True  # the Camat's download defaults to verified only
    rows = [b for b in data["baris"] if b["lokasi"] == "Klampok" and b["indikator"]]
    assert all(b["k"]["8_11_triwulan"][3] is None for b in rows)
    assert {b["status_verifikasi"] for b in rows} == {"dikembalikan"}  # still says what was left out
    sub = [
        Fraction(b.capaian.nilai)
        for b in hanya.baris_indikator
        if b.node.tingkat == 5 and b.capaian and b.capaian.nilai is not None
    ]
    tingkat = {x["tingkat"]: x for x in data["kaki"]["rata_rata_per_tingkat"]}
    assert tingkat["sub kegiatan"]["capaian_renja"]["rata_rata"] == float(_bulat(sum(sub) / len(sub)))


def test_submitted_explanations_are_marked_and_left_out_when_only_verified(dikembalikan):
    s = dikembalikan
    # Rembang resubmits its returned quarter: its texts are shown, marked as not verified yet.
    teks = "Musyawarah RT Rembang diulang dengan notulen."
    r = Realisasi.objects.filter(lokasi=s.unit["Rembang"], tahun=2022, triwulan=4).exclude(teks="").first()
    Realisasi.objects.filter(pk=r.pk).update(faktor_pendorong=teks)
    alur.ajukan(pengguna=_user("operator-rembang"), laporan=s.laporan("Rembang", 4))

    def pendorong(ev):
        t = tabel_e81(ev)
        return next(b for b in t.baris if b[0].nilai == "Faktor pendorong keberhasilan pencapaian")[4].nilai

    assert f"Rembang (diajukan, belum diverifikasi): {teks}" in pendorong(muat_evaluasi(s.versi, 2022, 4))
    hanya = pendorong(muat_evaluasi(s.versi, 2022, 4, hanya_terverifikasi=True))
    assert teks not in hanya and "Rembang" not in hanya and "belum diverifikasi" not in hanya


def test_the_switch_defaults_on_for_heads_and_off_for_verifiers(client, sampel):
    url = reverse("monev:laporan", args=[sampel.versi.pk, 2022, "E.81"]) + "?triwulan=4"
    for nama, nyala in (("camat", True), ("perencana", False), ("verifikator", False)):
        client.force_login(_user(nama))
        halaman = client.get(url).content.decode()
        assert ('id="hanya-terverifikasi" checked' in halaman) is nyala, nama
        assert ("hanya realisasi yang terverifikasi yang dihitung" in halaman) is nyala, nama
    client.force_login(_user("lurah-gedog"))
    r = client.get(url + f"&unit={sampel.unit['Gedog'].pk}")
    assert r.status_code == 200 and 'id="hanya-terverifikasi" checked' in r.content.decode()
    assert "Laporan triwulan IV Kelurahan Gedog: draf (belum terverifikasi)" in r.content.decode()
    client.force_login(_user("camat"))
    r = client.get(reverse("monev:unduh_laporan", args=[sampel.versi.pk, 2022, "E.81", "xlsx"]))
    assert "-terverifikasi.xlsx" in r["Content-Disposition"]


def test_the_documents_history_counts_as_verified(rencana_sampel):
    # Realisasi 2018–2021 from Tabel 2.3.1 as printed: 91%, 93%, 10%, 10% — kept with the switch on.
    t32 = tabel_lkjip(rencana_sampel, 2022, hanya_terverifikasi=True)[1]
    baris = next(b for b in t32.baris if b[1].nilai.startswith("Persentase pelayanan yang sesuai"))
    assert [teks_sel(baris[4 + 3 * k]).split(" [")[0] for k in range(4)] == ["91", "93", "10", "10"]


def test_computed_rows_follow_the_report_of_the_unit_that_reports_them(sampel):
    from kinerja.skm import ikm
    from kinerja.skm.models import Respons

    # The office reports the PD-wide rows, the IKM among them; return its fourth quarter.
    Laporan.objects.filter(pk=sampel.laporan("Kecamatan", 4).pk).update(status=S.DIKEMBALIKAN)
    ev = muat_evaluasi(sampel.versi, 2022, 4, hanya_terverifikasi=True)
    b = next(b for b in ev.baris_indikator if b.ind.ukuran == "ikm" and b.node.tingkat == 1)
    assert b.verifikasi.status == S.DIKEMBALIKAN and b.tw[3] is None
    # What is left is the IKM of 1 January to 30 September, from the questionnaires.
    awal, akhir = (timezone.make_aware(dt.datetime(2022, m, 1)) for m in (1, 10))
    jawaban = Respons.objects.filter(unit__pd=sampel.versi.pd, waktu__gte=awal, waktu__lt=akhir).values(
        *[f"u{i}" for i in range(1, 10)]
    )
    tangan = ikm.dari_jawaban({f"U{i}": r[f"u{i}"] for i in range(1, 10)} for r in jawaban)
    assert b.realisasi == tangan.ikm


def test_every_row_of_the_other_reports_carries_its_status_in_json(tmp_path):
    for kode in ("E.80", "LKJIP"):
        tujuan = tmp_path / f"{kode}.json"
        call_command(
            "export", kode, "--year", "2022", "--format", "json", "--terverifikasi", "-o", str(tujuan)
        )
        for tabel in json.loads(tujuan.read_text()):
            assert "terverifikasi" in tabel["subjudul"]
            assert tabel["baris"] and all("status_verifikasi" in b for b in tabel["baris"])
            kode_status = {b["status_verifikasi"] for b in tabel["baris"]} - {None}
            assert kode_status <= {"diverifikasi", "diajukan", "dikembalikan", "draf"}


def test_kinerja_capaian_marks_and_can_leave_out_unverified_rows(capsys, sampel):
    call_command("capaian", "--year", "2022", "--json")
    semua = json.loads(capsys.readouterr().out)
    rembang = [b for b in semua if b["lokasi"] == "Rembang"]
    assert rembang and {b["status_verifikasi"] for b in rembang} == {"dikembalikan"}
    assert all(b["belum_diverifikasi"][0]["triwulan"] == 4 for b in rembang)
    call_command("capaian", "--year", "2022", "--json", "--terverifikasi")
    hanya = json.loads(capsys.readouterr().out)
    assert all("4" not in b["realisasi_triwulan"] for b in hanya if b["lokasi"] == "Rembang")
    call_command("capaian", "--year", "2022")
    teks = capsys.readouterr().out
    assert "(dikembalikan)" in teks and "unit terverifikasi untuk triwulan IV." in teks


def test_the_pk_is_exported_verified_only_once_signed(client, sampel, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="belum ditandatangani"):
        call_command("export", "PK", "--year", "2022", "--terverifikasi", "-o", str(tmp_path / "pk.xlsx"))
    client.force_login(_user("camat"))
    client.post(
        reverse("monev:pk", args=[sampel.versi.pk, 2022]),
        {"konfirmasi": "1", "tempat": "Blitar", "nama_pihak_kedua": "Santoso"},
    )
    t = Target.objects.get(
        indikator__node__versi=sampel.versi,
        indikator__ukuran="pelayanan-sesuai-standar",
        lokasi=None,
        tahun=2022,
    )
    t.teks = "99%"
    t.save()
    call_command(
        "export",
        "PK",
        "--year",
        "2022",
        "--terverifikasi",
        "--format",
        "json",
        "-o",
        str(tmp_path / "pk.json"),
    )
    pk = json.loads((tmp_path / "pk.json").read_text())
    assert pk["status"] == "ditandatangani" and pk["keadaan"].endswith("isi seperti saat ditandatangani.")
    # The sasaran of the document (Tabel 4.1.1, lines 905–907) with their 2022 targets, as signed.
    assert [b["target"] for b in pk["sasaran"]] == ["97%", "75%", "A (85)"]


def test_a_text_repeated_after_a_returned_quarter_still_reaches_the_footer_from_a_verified_one():
    """The footer skips a value whose texts the unit has already given in full, but never on the strength
    of a returned quarter: the same texts in a verified quarter after it are still taken."""
    from types import SimpleNamespace

    from kinerja.monev import verifikasi as vf
    from kinerja.monev.selectors import Evaluasi

    kolom = ("faktor_pendorong", "faktor_penghambat")

    def nilai(q, pendorong, penghambat):
        return SimpleNamespace(
            lokasi_id=7, tahun=2022, triwulan=q, sumber="operator",
            faktor_pendorong=pendorong, faktor_penghambat=penghambat,
        )  # fmt: skip

    kembali, sah, lagi = (
        nilai(4, "Warga hadir.", " Hujan. "),
        nilai(3, "Warga hadir.", " Hujan. "),
        nilai(2, "Warga hadir.", " Hujan. "),
    )
    ev = SimpleNamespace(
        baris=[SimpleNamespace(unit_id=7, tw=[kembali]), SimpleNamespace(unit_id=7, tw=[sah, lagi, None])],
        status=vf.StatusLaporan({(7, 2022, 4): S.DIKEMBALIKAN, (7, 2022, 3): S.DIVERIFIKASI, (7, 2022, 2): S.DIVERIFIKASI}, None),
        r=SimpleNamespace(unit={7: SimpleNamespace(nama_pendek="Klampok")}),
    )  # fmt: skip
    hasil = Evaluasi.faktor_kolom(ev, kolom)
    assert hasil == {
        "faktor_pendorong": [("Klampok", "Warga hadir.", S.DIVERIFIKASI)],
        "faktor_penghambat": [("Klampok", "Hujan.", S.DIVERIFIKASI)],
    }
