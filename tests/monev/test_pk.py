"""The Perjanjian Kinerja as a signable document, signed only through a confirm step."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kinerja.core.models import CatatanAudit
from kinerja.monev import pk as pk_mod
from kinerja.monev.models import PerjanjianKinerja
from kinerja.monev.selectors import muat_evaluasi
from kinerja.renstra.models import Anggaran, PlanNode, Target
from kinerja.wilayah.nip import normal_nip
from tests.renstra.pembuat import RencanaKecil

pytestmark = pytest.mark.django_db
T = PlanNode.Tingkat


def _user(nama):
    return get_user_model().objects.get(username=nama)


# The document names the Wali Kota's office but not the person: the signing form asks for the name.
TEKEN = {"konfirmasi": "1", "tempat": "Blitar", "nama_pihak_kedua": "Santoso"}
NIP_CAMAT = "19730304 199311 1 002"  # source document, line 1911


def _url(sampel, tahun=2022):
    return reverse("monev:pk", args=[sampel.versi.pk, tahun])


def test_one_click_signs_nothing_it_leads_to_the_confirm_step(client, sampel):
    client.force_login(_user("camat"))
    r = client.post(_url(sampel))
    assert r.status_code == 302 and r["Location"].endswith("?tandatangan=1#konfirmasi-teken")
    assert not PerjanjianKinerja.objects.exists()
    halaman = client.get(r["Location"]).content.decode()
    assert 'id="konfirmasi-teken"' in halaman and 'name="konfirmasi" value="1"' in halaman
    assert "Pihak Pertama: PURWANTO, AP" in halaman and 'value="Blitar"' in halaman


def test_the_confirm_step_warns_when_the_year_is_past(client, sampel, monkeypatch):
    from kinerja.monev import views_laporan

    client.force_login(_user("camat"))
    monkeypatch.setattr(views_laporan.timezone, "localdate", lambda: dt.date(2023, 1, 5))
    halaman = client.get(_url(sampel, 2022) + "?tandatangan=1").content.decode()
    assert "Tahun 2022 sudah lewat." in halaman
    halaman = client.get(_url(sampel, 2023) + "?tandatangan=1").content.decode()
    assert "sudah lewat" not in halaman and 'id="konfirmasi-teken"' in halaman


def test_signing_needs_a_place_and_keeps_what_was_typed(client, sampel):
    client.force_login(_user("camat"))
    r = client.post(_url(sampel), {"konfirmasi": "1", "tempat": "   ", "nama_pihak_kedua": "Santoso"})
    assert r.status_code == 200 and "Tulis tempat penandatanganan" in r.content.decode()
    assert 'value="Santoso"' in r.content.decode()
    assert not PerjanjianKinerja.objects.exists()
    r = client.post(
        _url(sampel), {"konfirmasi": "1", "tempat": "Kota  Blitar", "nama_pihak_kedua": "Santoso"}
    )
    assert r.status_code == 302
    pk = PerjanjianKinerja.objects.get()
    assert pk.tempat == "Kota Blitar" and pk.ditandatangani_oleh.username == "camat"
    a = CatatanAudit.objects.get(aksi="pk.tandatangan")
    assert a.perubahan["tempat"] == [None, "Kota Blitar"]


def test_only_the_pds_head_signs(sampel):
    ev = muat_evaluasi(sampel.versi, 2022, 4)
    with pytest.raises(PermissionDenied):
        pk_mod.tandatangani(
            pengguna=_user("perencana"),
            versi=sampel.versi,
            tahun=2022,
            isi=pk_mod.isi_pk(ev),
            tempat="Blitar",
            nama_pihak_kedua="Santoso",
        )
    pk_mod.tandatangani(
        pengguna=_user("camat"),
        versi=sampel.versi,
        tahun=2022,
        isi=pk_mod.isi_pk(ev),
        tempat="Blitar",
        nama_pihak_kedua="Santoso",
    )
    with pytest.raises(ValidationError, match="sudah ditandatangani"):
        pk_mod.tandatangani(
            pengguna=_user("camat"),
            versi=sampel.versi,
            tahun=2022,
            isi=pk_mod.isi_pk(ev),
            tempat="Blitar",
            nama_pihak_kedua="Santoso",
        )


def test_signing_for_a_past_year_is_recorded_as_such(sampel):
    ev = muat_evaluasi(sampel.versi, 2022, 4)
    pk_mod.tandatangani(
        pengguna=_user("camat"),
        versi=sampel.versi,
        tahun=2022,
        isi=pk_mod.isi_pk(ev),
        tempat="Blitar",
        nama_pihak_kedua="Santoso",
        pada=dt.date(2023, 2, 1),
    )
    assert CatatanAudit.objects.get(aksi="pk.tandatangan").alasan == (
        "Ditandatangani untuk tahun yang sudah lewat (2022)."
    )


def test_the_printed_document_has_the_parties_place_date_and_signature_blocks(client, sampel):
    client.force_login(_user("camat"))
    halaman = client.get(_url(sampel)).content.decode()
    assert "PERJANJIAN KINERJA TAHUN 2022" in halaman and "RANCANGAN — BELUM DITANDATANGANI" in halaman
    assert halaman.count("PIHAK PERTAMA,") == 2 and halaman.count("PIHAK KEDUA,") == 2  # document and annex
    assert "halaman-pk" in halaman and "monev.css" in halaman
    client.post(_url(sampel), TEKEN)
    teken = PerjanjianKinerja.objects.get()
    halaman = client.get(_url(sampel)).content.decode()
    tanggal = teken.ditandatangani_pada.astimezone(dt.timezone(dt.timedelta(hours=7)))
    bulan = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember"][tanggal.month - 1]  # fmt: skip
    assert f"Blitar, {tanggal.day} {bulan} {tanggal.year}" in halaman
    assert "RANCANGAN" not in halaman and "PURWANTO, AP" in halaman and "Wali Kota Blitar" in halaman
    assert halaman.count(f"NIP. {NIP_CAMAT}") == 2 and halaman.count("Santoso") >= 3
    assert "menjadi tanggung jawab kami" in halaman and "akan melakukan supervisi yang diperlukan" in halaman


def test_after_signing_the_document_shows_the_signed_targets(client, sampel):
    client.force_login(_user("camat"))
    client.post(_url(sampel), TEKEN)
    t = Target.objects.get(
        indikator__node__versi=sampel.versi,
        indikator__ukuran="pelayanan-sesuai-standar",
        lokasi=None,
        tahun=2022,
    )
    t.teks = "99%"
    t.save()
    halaman = client.get(_url(sampel)).content.decode()
    lampiran = halaman[halaman.index("LAMPIRAN PERJANJIAN KINERJA") :]
    assert "97%" in lampiran and "99%" not in lampiran
    assert "target saat ditandatangani 97%, sekarang 99%" in halaman


def test_the_sample_knows_the_camats_nip_and_the_draft_shows_it(client, sampel):
    assert sampel.versi.pd.pimpinan_nip == NIP_CAMAT
    client.force_login(_user("perencana"))
    halaman = client.get(_url(sampel)).content.decode()
    assert f"NIP. {NIP_CAMAT}" in halaman


def test_signing_refuses_an_empty_second_party_and_a_bad_nip_and_saves_nothing(client, sampel):
    client.force_login(_user("camat"))
    halaman = client.get(_url(sampel) + "?tandatangan=1").content.decode()
    assert 'name="nama_pihak_kedua" id="nama_pihak_kedua" value=""' in halaman
    assert "Data pemda belum menyebut nama kepala daerah" in halaman
    r = client.post(_url(sampel), {"konfirmasi": "1", "tempat": "Blitar", "nama_pihak_kedua": "  "})
    assert r.status_code == 200
    assert "Tulis nama Pihak Kedua (Wali Kota Blitar)" in r.content.decode()
    r = client.post(_url(sampel), {**TEKEN, "nip_pihak_pertama": "1973-03"})
    assert "NIP Pihak Pertama &#x27;1973-03&#x27; tidak sah" in r.content.decode()
    assert 'value="1973-03"' in r.content.decode()  # what was typed is shown again
    assert not PerjanjianKinerja.objects.exists()
    r = client.post(_url(sampel), {**TEKEN, "nip_pihak_kedua": "19700101.199001.1.001"})
    pk = PerjanjianKinerja.objects.get()
    assert (pk.nama_pihak_kedua, pk.nip_pihak_kedua, pk.nip_pihak_pertama) == (
        "Santoso",
        "19700101 199001 1 001",
        NIP_CAMAT,
    )


def _ekspor_json(tmp_path) -> dict:
    call_command("export", "PK", "--year", "2022", "--format", "json", "-o", str(tmp_path / "pk.json"))
    return json.loads((tmp_path / "pk.json").read_text())


def test_the_export_is_the_signed_snapshot_after_the_plan_changes(client, sampel, tmp_path):
    rancangan = _ekspor_json(tmp_path)
    assert rancangan["status"] == "rancangan" and rancangan["tanggal"] == ""
    client.force_login(_user("camat"))
    client.post(_url(sampel), TEKEN)
    teken = PerjanjianKinerja.objects.get()
    # The plan changes after signing: a target and a sub kegiatan's appropriated budget.
    t = Target.objects.get(
        indikator__node__versi=sampel.versi,
        indikator__ukuran="pelayanan-sesuai-standar",
        lokasi=None,
        tahun=2022,
    )
    t.teks = "99%"
    t.save()
    apbd = Anggaran.objects.filter(node__versi=sampel.versi, tahun=2022).order_by("pk").first()
    apbd.jumlah += 1_000_000
    apbd.save()
    data = _ekspor_json(tmp_path)
    assert {"pernyataan", "pihak_pertama", "pihak_kedua", "tempat", "tanggal", "sasaran", "program"} <= set(
        data
    )
    for pihak in ("pihak_pertama", "pihak_kedua"):
        assert {"nama", "jabatan", "nip"} <= set(data[pihak])
    assert data["status"] == "ditandatangani"
    assert data["pihak_pertama"] == {
        "nama": "PURWANTO, AP",
        "jabatan": "Camat Sananwetan",
        "nip": NIP_CAMAT,
        "pangkat": "Pembina Tk. I",
    }
    assert data["pihak_kedua"] == {"nama": "Santoso", "jabatan": "Wali Kota Blitar", "nip": ""}
    assert data["tempat"] == "Blitar"
    assert data["tanggal"] == timezone.localtime(teken.ditandatangani_pada).date().isoformat()
    assert any("tanggung jawab kami" in p for p in data["pernyataan"])
    assert any("supervisi" in p and "penghargaan dan sanksi" in p for p in data["pernyataan"])
    # As signed: 97% (Tabel 4.1.1 line 905), not the 99% typed afterwards; the anggaran as signed.
    assert [s["target"] for s in data["sasaran"]] == ["97%", "75%", "A (85)"]
    assert data == {
        **teken.isi,
        "laporan": "PK",
        "status": "ditandatangani",
        "keadaan": pk_mod.keadaan(teken),
    }
    halaman = client.get(_url(sampel)).content.decode()
    assert "sekarang Rp" in halaman  # the changed anggaran is listed among the differences
    # The XLSX carries the statement, the parties and the signatures too, from the same snapshot.
    r = client.get(reverse("monev:unduh_laporan", args=[sampel.versi.pk, 2022, "PK", "xlsx"]))
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        isi = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
    for teks in ("menjadi tanggung jawab kami", "PURWANTO, AP", NIP_CAMAT, "Santoso", "Blitar, "):
        assert teks in isi, teks
    assert ">97%<" in isi and "99%" not in isi


def test_an_agreement_signed_in_the_first_shape_still_renders(client, sampel, tmp_path):
    PerjanjianKinerja.objects.create(
        pd=sampel.versi.pd,
        versi=sampel.versi,
        tahun=2022,
        ditandatangani_pada=timezone.make_aware(dt.datetime(2022, 1, 10, 9)),
        tempat="Blitar",
        nama_pihak_pertama="PURWANTO, AP",
        jabatan_pihak_pertama="Camat Sananwetan",
        nama_pihak_kedua="",
        jabatan_pihak_kedua="Wali Kota Blitar",
        isi={
            "sasaran": [
                {
                    "tingkat": "Tujuan",
                    "sasaran": "Tujuan lama",
                    "indikator": "IKM",
                    "satuan": "Indeks",
                    "target": "84",
                }
            ],
            "program": [{"kode": "7.01.01", "program": "Program lama", "anggaran": "1500000"}],
            "total": "1500000",
        },
    )
    client.force_login(_user("perencana"))
    r = client.get(_url(sampel))
    halaman = r.content.decode()
    assert r.status_code == 200 and "Tujuan: Tujuan lama" in halaman and "1.500.000" in halaman
    assert "Blitar, 10 Januari 2022" in halaman and "menjadi tanggung jawab kami" in halaman
    data = _ekspor_json(tmp_path)
    assert data["tanggal"] == "2022-01-10" and data["pihak_pertama"]["nama"] == "PURWANTO, AP"
    assert data["program"][0]["anggaran"] == "1500000" and data["pernyataan"] == pk_mod.PERNYATAAN


def test_annex_one_has_no_tujuan_and_each_measure_once_annex_two_the_apbd_in_force():
    rk = RencanaKecil("Ukuran")
    n = rk.rantai()
    rk.target(rk.ind(n["tujuan"], "Nilai SAKIP tujuan", "Indeks", ukuran="sakip"), 2022, "A")
    rk.target(rk.ind(n["sasaran"], "Nilai SAKIP sasaran", "Indeks", ukuran="sakip"), 2022, "A (85)")
    sasaran2 = rk.node(T.SASARAN, "Meningkatnya tata kelola", n["tujuan"])
    rk.target(rk.ind(sasaran2, "Nilai SAKIP lagi", "Indeks", ukuran="sakip"), 2022, "A (86)")
    rk.target(rk.ind(sasaran2, "Persentase dokumen tepat waktu", "%"), 2022, "90%")
    # Two programs: one with APBD (murni, then a perubahan for one of its cells), one with pagu only.
    sub2 = rk.node(T.SUB_KEGIATAN, "Sub kedua", n["kegiatan"], "7.01.02.2.01.0002")
    rk.pagu(n["sub"], 2022, 5_000_000)
    rk.pagu(sub2, 2022, 2_000_000)
    program2 = rk.node(T.PROGRAM, "Program pendukung", sasaran2, "7.01.01")
    keg2 = rk.node(T.KEGIATAN, "Perencanaan", program2, "7.01.01.2.01")
    sub3 = rk.node(T.SUB_KEGIATAN, "Penyusunan dokumen", keg2, "7.01.01.2.01.0001")
    rk.pagu(sub3, 2022, 3_000_000)
    Anggaran.objects.create(node=n["sub"], tahun=2022, tahap="murni", jumlah=4_000_000)
    Anggaran.objects.create(node=sub2, tahun=2022, tahap="murni", jumlah=1_500_000)
    Anggaran.objects.create(node=sub2, tahun=2022, tahap="perubahan", jumlah=1_750_000)
    ev = muat_evaluasi(rk.versi, 2022, 4)
    isi = pk_mod.isi_pk(ev)
    assert [(s["sasaran"], s["indikator"]) for s in isi.sasaran] == [
        ("Meningkatnya kualitas pelayanan", "Nilai SAKIP sasaran"),
        ("Meningkatnya tata kelola", "Persentase dokumen tepat waktu"),
    ]
    # 4.000.000 murni + 1.750.000 perubahan (replacing 1.500.000) = 5.750.000; the other: pagu 3.000.000.
    assert [(p["kode"], Decimal(p["anggaran"]), p["sumber_anggaran"]) for p in isi.program] == [
        ("7.01.02", Decimal("5750000"), "APBD perubahan 2022 dan APBD murni 2022"),
        ("7.01.01", Decimal("3000000"), "pagu indikatif Renstra"),
    ]
    assert isi.total == Decimal("8750000")
    _, program = pk_mod.tabel_pk(ev, isi)
    assert any("pagu indikatif Renstra" in c for c in program.catatan)


def test_both_annex_tables_have_the_forms_columns_and_only_the_declared_additions(sampel):
    daftar = json.loads(
        (Path(__file__).parent.parent / "data" / "kolom_renja_tc23.json").read_text(encoding="utf-8")
    )["pk_lampiran"]
    ev = muat_evaluasi(sampel.versi, 2022, 4)
    tabel = pk_mod.tabel_pk(ev, pk_mod.isi_pk(ev))
    for t, kunci in zip(tabel, ("sasaran", "program"), strict=True):
        kepala = [k.teks for k in t.kepala[0]]
        bentuk = daftar[kunci]["kolom"]
        sebutan = [{k["judul"], *k.get("juga", [])} for k in bentuk]
        # The form's columns in the form's order; whatever else is printed is a declared addition.
        dari_bentuk = [teks for teks in kepala if any(teks in s for s in sebutan)]
        assert len(dari_bentuk) == len(bentuk), (kunci, kepala)
        assert all(teks in s for teks, s in zip(dari_bentuk, sebutan, strict=True)), (kunci, kepala)
        assert [teks for teks in kepala if teks not in dari_bentuk] == daftar[kunci]["tambahan"]
        assert [k.teks for k in t.kepala[1]] == [str(i) for i in range(1, len(kepala) + 1)]


def test_a_nip_is_eighteen_digits_written_in_four_groups():
    assert normal_nip("197303041993111002") == NIP_CAMAT
    assert normal_nip(" 19730304-199311-1-002 ") == NIP_CAMAT
    assert normal_nip("") == ""
    for salah in ("1973030419931110", "19730304 199311 1 00x"):
        with pytest.raises(ValidationError, match="18 angka"):
            normal_nip(salah)
    with pytest.raises(ValidationError, match="Tulis NIP"):
        normal_nip(" ", wajib=True)


def test_the_admin_refuses_a_bad_nip_for_the_pd_head(sampel):
    from django.forms.models import model_to_dict

    from kinerja.wilayah.admin import PerangkatDaerahForm

    pd = sampel.versi.pd
    data = {k: v for k, v in model_to_dict(pd).items() if v is not None}
    form = PerangkatDaerahForm(data={**data, "pimpinan_nip": "12345"}, instance=pd)
    assert not form.is_valid() and "18 angka" in form.errors["pimpinan_nip"][0]
    form = PerangkatDaerahForm(data={**data, "pimpinan_nip": "197303041993111002"}, instance=pd)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["pimpinan_nip"] == NIP_CAMAT


def test_annex_two_labels_demonstration_apbd():
    rk = RencanaKecil("Demo")
    n = rk.rantai()
    rk.pagu(n["sub"], 2022, 5_000_000)
    Anggaran.objects.create(node=n["sub"], tahun=2022, tahap="murni", jumlah=4_500_000, demo=True)
    isi = pk_mod.isi_pk(muat_evaluasi(rk.versi, 2022, 4))
    assert [(Decimal(p["anggaran"]), p["sumber_anggaran"]) for p in isi.program] == [
        (Decimal("4500000"), "APBD murni 2022 (Data demonstrasi)")
    ]
    assert any("bukan APBD sungguhan" in c for c in isi.catatan)
