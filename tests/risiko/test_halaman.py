"""Who may read and change the register, the form's errors, the workbook and quarterly monitoring."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kinerja.core.models import CatatanAudit, Peran
from kinerja.renstra.models import PlanNode
from kinerja.risiko.models import Pemantauan, Risiko
from kinerja.wilayah.models import PerangkatDaerah

pytestmark = pytest.mark.django_db
TAHUN = 2022


def _data(node, **lain) -> dict:
    d = {
        "node": node.pk,
        "pernyataan": "Pelayanan terhenti karena jaringan putus",
        "sebab": "Jaringan internet kantor tidak stabil",
        "uraian_dampak": "Antrean pelayanan menumpuk",
        "kemungkinan": "4",
        "dampak": "4",
        "pemilik": "Sekretaris Kecamatan",
        "pengendalian": "Modem cadangan",
    }
    d.update(lain)
    return d


@pytest.fixture
def sasaran(versi):
    return (
        PlanNode.objects.filter(versi=versi, tingkat=PlanNode.Tingkat.SASARAN)
        .order_by("urutan", "pk")
        .first()
    )


@pytest.mark.parametrize("nama", ["perencana", "camat"])
def test_perencana_dan_camat_mencatat_risiko(versi, sasaran, masuk, nama):
    c = masuk(nama)
    r = c.post(reverse("risiko:baru", args=[versi.pd_id, TAHUN]), _data(sasaran))
    x = Risiko.objects.get(pernyataan="Pelayanan terhenti karena jaringan putus")
    assert r.status_code == 302 and r["Location"] == reverse("risiko:rinci", args=[versi.pd_id, TAHUN, x.pk])
    assert (x.pd_id, x.tahun, x.node_id, x.kemungkinan, x.dampak) == (versi.pd_id, TAHUN, sasaran.pk, 4, 4)
    jejak = CatatanAudit.objects.get(aksi="risiko.buat", objek_id=str(x.pk))
    assert jejak.pengguna.username == nama
    halaman = c.get(reverse("risiko:rinci", args=[versi.pd_id, TAHUN, x.pk])).content.decode()
    assert "19 · Tinggi" in halaman  # cell (4, 4) of the matrix


@pytest.mark.parametrize("nama", ["operator-gedog", "lurah-gedog", "verifikator"])
def test_pembaca_tidak_mengubah(versi, sasaran, masuk, nama):
    c = masuk(nama)
    assert c.get(reverse("risiko:daftar", args=[versi.pd_id, TAHUN])).status_code == 200
    assert c.get(reverse("risiko:baru", args=[versi.pd_id, TAHUN])).status_code == 403
    sebelum = Risiko.objects.count()
    assert c.post(reverse("risiko:baru", args=[versi.pd_id, TAHUN]), _data(sasaran)).status_code == 403
    x = Risiko.objects.filter(pd=versi.pd).first()
    assert c.post(reverse("risiko:hapus", args=[versi.pd_id, TAHUN, x.pk])).status_code == 403
    assert Risiko.objects.count() == sebelum


def test_pd_lain_ditolak(versi, masuk):
    lain = PerangkatDaerah.objects.create(pemda=versi.pd.pemda, nama="Dinas Lain", slug="dinas-lain")
    u = get_user_model().objects.create_user("perencana-lain")
    Peran.objects.create(pengguna=u, jenis="perencana", pd=lain)
    c = masuk("perencana-lain")
    x = Risiko.objects.filter(pd=versi.pd).first()
    for url in (
        reverse("risiko:daftar", args=[versi.pd_id, TAHUN]),
        reverse("risiko:peta", args=[versi.pd_id, TAHUN]),
        reverse("risiko:unduh", args=[versi.pd_id, TAHUN]),
        reverse("risiko:rinci", args=[versi.pd_id, TAHUN, x.pk]),
    ):
        assert c.get(url).status_code == 403, url
    assert c.post(reverse("risiko:hapus", args=[versi.pd_id, TAHUN, x.pk])).status_code == 403
    assert Risiko.objects.filter(pk=x.pk).exists()


def test_alamat_salah(versi, masuk):
    c = masuk("perencana")
    x = Risiko.objects.filter(pd=versi.pd, tahun=TAHUN).first()
    assert c.get(reverse("risiko:daftar", args=[versi.pd_id, 1999])).status_code == 404
    assert c.get(reverse("risiko:rinci", args=[versi.pd_id, 2023, x.pk])).status_code == 404
    assert c.get(reverse("risiko:daftar", args=[999999, TAHUN])).status_code == 404


def test_formulir_kosong_dan_nilai_mustahil(versi, sasaran, masuk):
    c = masuk("perencana")
    sebelum = Risiko.objects.count()
    r = c.post(
        reverse("risiko:baru", args=[versi.pd_id, TAHUN]), {"pernyataan": "Ketikan saya", "kemungkinan": "9"}
    )
    assert r.status_code == 400
    html = r.content.decode()
    assert "ringkasan-galat" in html
    for pesan in ("Tulis sebab risiko.", "Pilih level kemungkinan 1 sampai 5.", "Pilih sasaran atau program"):
        assert pesan in html
    assert "Ketikan saya" in html  # nothing typed is lost
    # A kegiatan is not a place for a risk; another PD's indicator is refused.
    kegiatan = PlanNode.objects.filter(versi=versi, tingkat=PlanNode.Tingkat.KEGIATAN).first()
    r = c.post(reverse("risiko:baru", args=[versi.pd_id, TAHUN]), _data(kegiatan))
    assert r.status_code == 400
    assert Risiko.objects.count() == sebelum


def test_ubah_tanpa_perubahan_tidak_dicatat(versi, sasaran, masuk):
    c = masuk("perencana")
    c.post(reverse("risiko:baru", args=[versi.pd_id, TAHUN]), _data(sasaran))
    x = Risiko.objects.get(pernyataan="Pelayanan terhenti karena jaringan putus")
    jejak = CatatanAudit.objects.count()
    r = c.post(reverse("risiko:ubah", args=[versi.pd_id, TAHUN, x.pk]), _data(sasaran))
    assert r.status_code == 302 and CatatanAudit.objects.count() == jejak
    c.post(reverse("risiko:ubah", args=[versi.pd_id, TAHUN, x.pk]), _data(sasaran, dampak="2"))
    e = CatatanAudit.objects.get(aksi="risiko.ubah", objek_id=str(x.pk))
    assert e.perubahan["dampak"] == ["4", "2"]


def test_pemantauan_mengubah_level_kini(versi, sasaran, masuk):
    c = masuk("perencana")
    c.post(reverse("risiko:baru", args=[versi.pd_id, TAHUN]), _data(sasaran, kemungkinan="4", dampak="4"))
    x = Risiko.objects.get(pernyataan="Pelayanan terhenti karena jaringan putus")
    daftar = reverse("risiko:daftar", args=[versi.pd_id, TAHUN])

    def kini():
        reg = c.get(daftar).context["reg"]
        b = next(b for b in reg.semua if b.risiko.pk == x.pk)
        return b.kini.nilai, b.kini.pita.nama, b.triwulan_kini

    assert kini() == (19, "Tinggi", None)
    pantau = reverse("risiko:pantau", args=[versi.pd_id, TAHUN, x.pk])
    assert (
        c.post(
            pantau,
            {"triwulan": "1", "kemajuan": "Modem cadangan dipasang", "kemungkinan": "2", "dampak": "2"},
        ).status_code
        == 302
    )
    assert kini() == (7, "Rendah", 1)
    c.post(pantau, {"triwulan": "3", "kemajuan": "Jaringan kedua", "kemungkinan": "1", "dampak": "3"})
    assert kini() == (5, "Sangat Rendah", 3)
    # Correcting an earlier quarter keeps the latest quarter's level.
    c.post(pantau, {"triwulan": "1", "kemajuan": "Koreksi", "kemungkinan": "5", "dampak": "5"})
    assert kini() == (5, "Sangat Rendah", 3)
    assert Pemantauan.objects.filter(risiko=x).count() == 2
    assert CatatanAudit.objects.filter(aksi="risiko.pantau_ubah").count() == 1
    r = c.post(pantau, {"triwulan": "2", "kemajuan": "", "kemungkinan": "0", "dampak": "3"})
    assert r.status_code == 400 and "Tulis kemajuan pengendalian" in r.content.decode()


def test_rtp_dengan_tenggat(versi, sasaran, masuk):
    c = masuk("camat")
    c.post(reverse("risiko:baru", args=[versi.pd_id, TAHUN]), _data(sasaran))
    x = Risiko.objects.get(pernyataan="Pelayanan terhenti karena jaringan putus")
    url = reverse("risiko:rtp", args=[versi.pd_id, TAHUN, x.pk])
    r = c.post(
        url, {"uraian": "Pasang jaringan kedua", "penanggung_jawab": "Kasubbag Umum", "tenggat": "2022-09-30"}
    )
    assert r.status_code == 302
    t = x.rtp_set.get()
    assert (t.tenggat.isoformat(), t.status) == ("2022-09-30", "belum")
    r = c.post(
        url,
        {
            "rtp": t.pk,
            "uraian": t.uraian,
            "penanggung_jawab": t.penanggung_jawab,
            "tenggat": "2022-09-30",
            "status": "selesai",
        },
    )
    t.refresh_from_db()
    assert t.status == "selesai"
    r = c.post(url, {"uraian": "Tanpa tanggal", "penanggung_jawab": "X", "tenggat": "besok"})
    assert r.status_code == 400 and "Tanpa tanggal" in r.content.decode()


def test_unduhan_xlsx(versi, sasaran, masuk):
    c = masuk("perencana")
    c.post(
        reverse("risiko:baru", args=[versi.pd_id, TAHUN]),
        _data(sasaran, pernyataan='=HYPERLINK("x")', kemungkinan="1", dampak="5"),
    )
    r = c.get(reverse("risiko:unduh", args=[versi.pd_id, TAHUN]))
    assert r.status_code == 200 and "attachment" in r["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    ws = wb.active
    baris = [[c.value for c in row] for row in ws.iter_rows()]
    kepala_i = next(i for i, b in enumerate(baris) if b[0] == "No")
    kepala = baris[kepala_i]
    isi = [b for b in baris[kepala_i + 1 :] if b[0] is not None]
    assert len(isi) == Risiko.objects.filter(pd=versi.pd, tahun=TAHUN).count()
    kol = {k: i for i, k in enumerate(kepala)}
    mine = next(b for b in isi if str(b[kol["Pernyataan risiko"]]).endswith('HYPERLINK("x")'))
    assert mine[kol["Pernyataan risiko"]] == '\'=HYPERLINK("x")'  # kept as text, never a formula
    assert (mine[kol["Kemungkinan"]], mine[kol["Dampak (level)"]]) == (1, 5)
    assert (mine[kol["Level awal"]], mine[kol["Tingkat awal"]]) == (20, "Sangat Tinggi")
    assert mine[kol["Sasaran / program"]] == f"Sasaran {sasaran}"


def test_setiap_sasaran_tampil_kosong_atau_berisi(versi, masuk):
    html = masuk("camat").get(reverse("risiko:daftar", args=[versi.pd_id, TAHUN])).content.decode()
    for s in PlanNode.objects.filter(versi=versi, tingkat=PlanNode.Tingkat.SASARAN):
        assert f'id="unsur-{s.pk}"' in html
    # The demonstration gives every sasaran a risk in 2022; another year shows "Belum ada risiko".
    assert Risiko.objects.filter(pd=versi.pd, tahun=TAHUN, node__tingkat=2).values(
        "node"
    ).distinct().count() == (PlanNode.objects.filter(versi=versi, tingkat=PlanNode.Tingkat.SASARAN).count())
    lain = masuk("camat").get(reverse("risiko:daftar", args=[versi.pd_id, 2023])).content.decode()
    assert lain.count("Belum ada risiko.") == PlanNode.objects.filter(versi=versi, tingkat__in=(2, 3)).count()


def test_hapus_perlu_persetujuan(versi, masuk):
    c = masuk("perencana")
    x = Risiko.objects.filter(pd=versi.pd, tahun=TAHUN).first()
    url = reverse("risiko:hapus", args=[versi.pd_id, TAHUN, x.pk])
    r = c.post(url)
    assert r.status_code == 400 and "Centang persetujuan" in r.content.decode()
    assert Risiko.objects.filter(pk=x.pk).exists()
    assert c.post(url, {"yakin": "1"}).status_code == 302
    assert not Risiko.objects.filter(pk=x.pk).exists()
    assert CatatanAudit.objects.filter(aksi="risiko.hapus", objek_id=str(x.pk)).exists()
