"""Service standards administered in the app: who may, versions kept and compared, the public switch,
stable addresses, deactivation instead of deletion, and forms that refuse absurd input in Indonesian."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kinerja.core.models import CatatanAudit
from kinerja.core.pelaku import SISTEM
from kinerja.layanan import services
from kinerja.layanan.models import JenisLayanan, Pelayanan, VersiLayanan
from kinerja.skm import services as skm
from kinerja.skm.models import Kios, Respons
from tests.kelola.bantu_layanan import admin_pd, pd_lain

pytestmark = pytest.mark.django_db

ISIAN = {
    "kode": "UJI-01",
    "nama": "Surat Keterangan Uji Coba",
    "slug": "",
    "kelompok": "Administrasi umum",
    "persyaratan": "Fotokopi KTP-el\r\nSurat pengantar RT/RW\r\n\r\n",
    "prosedur": "Pemohon datang ke loket\nPetugas memeriksa berkas\nLurah menandatangani",
    "jangka_waktu": "2",
    "satuan_waktu": "hari_kerja",
    "biaya": "Tidak dipungut biaya (gratis)",
    "produk": "Surat keterangan",
    "penanganan_pengaduan": "",
    "dasar_hukum": "Undang-Undang Nomor 25 Tahun 2009",
    "urutan": "20",
}


@pytest.fixture
def gedog(versi_sampel):
    return versi_sampel.pd.unit_set.get(nama_pendek="Gedog")


def _buat(client, pd, unit, **lain):
    return client.post(reverse("kelola:layanan_tambah", args=[pd.pk]), {**ISIAN, "unit": unit.pk, **lain})


def _ubah(client, j, **lain):
    nomor = j.versi_set.order_by("-nomor").values_list("nomor", flat=True).first() or 0
    isian = {**{k: getattr(j, k) for k in ISIAN}, "dasar_versi": nomor, **lain}
    return client.post(reverse("kelola:layanan_ubah", args=[j.unit.pd_id, j.pk]), isian)


# --- who may ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("akun", "baca", "tulis"),
    [
        ("admin-kota", True, True),  # the pemda's administrator: every PD of the pemda
        ("admin", True, True),  # the superuser
        ("admin-pd", True, True),  # an administrator of this PD
        ("perencana", True, False),  # reads the standards and their versions, changes nothing
        ("camat", True, False),
        ("verifikator", True, False),
        ("operator-gedog", False, False),
        ("lurah-gedog", False, False),
        ("admin-dinas", False, False),  # the administrator of another PD
    ],
)
def test_each_persona_reads_and_writes_only_within_its_scope(masuk, versi_sampel, gedog, akun, baca, tulis):
    pd = versi_sampel.pd
    admin_pd(pd)
    pd_lain(pd)
    c = masuk(akun)
    j = JenisLayanan.objects.filter(unit=gedog).order_by("pk").first()
    for url in (
        reverse("kelola:layanan", args=[pd.pk]),
        reverse("kelola:layanan_ubah", args=[pd.pk, j.pk]),
        reverse("kelola:layanan_versi", args=[pd.pk, j.pk]),
    ):
        r = c.get(url)
        assert r.status_code == (200 if baca else 403), (url, r.status_code)
        if not baca:
            assert "tidak berwenang" in r.content.decode() or "dibuka oleh" in r.content.decode()
    assert c.get(reverse("kelola:layanan_tambah", args=[pd.pk])).status_code == (200 if tulis else 403)
    sebelum = JenisLayanan.objects.count()
    r = _buat(c, pd, gedog)
    assert r.status_code == (302 if tulis else 403)
    assert JenisLayanan.objects.count() == sebelum + (1 if tulis else 0)
    r = c.post(reverse("kelola:layanan_status", args=[pd.pk, j.pk]), {"aksi": "sembunyikan"})
    j.refresh_from_db()
    assert r.status_code == (302 if tulis else 403) and j.publik is not tulis
    if baca and not tulis:
        assert (
            '<form method="post" novalidate class="isian-standar"'
            not in c.get(reverse("kelola:layanan_ubah", args=[pd.pk, j.pk])).content.decode()
        )


def test_the_administrator_of_another_pd_cannot_open_this_pds_standard_through_its_own_pd(
    masuk, versi_sampel, gedog
):
    """The standard's id under another PD's address is not found (no peeking through one's own PD)."""
    lain = pd_lain(versi_sampel.pd)
    c = masuk("admin-dinas")
    j = JenisLayanan.objects.filter(unit=gedog).first()
    assert c.get(reverse("kelola:layanan_ubah", args=[lain.pk, j.pk])).status_code == 404
    r = c.post(reverse("kelola:layanan_tambah", args=[lain.pk]), {**ISIAN, "unit": gedog.pk})
    assert r.status_code == 400 and "Pilih unit" in r.content.decode()
    assert not JenisLayanan.objects.filter(kode="UJI-01").exists()


# --- versions --------------------------------------------------------------------------------------


def test_create_then_edit_twice_keeps_every_content_as_a_numbered_version(masuk, versi_sampel, gedog):
    c = masuk("admin-kota")
    pd = versi_sampel.pd
    assert _buat(c, pd, gedog).status_code == 302
    j = JenisLayanan.objects.get(unit=gedog, kode="UJI-01")
    # The slug is made from the name; the requirement lines are trimmed, blank lines dropped.
    assert j.slug == "surat-keterangan-uji-coba"
    assert j.persyaratan == "Fotokopi KTP-el\nSurat pengantar RT/RW"
    r = _ubah(c, j, jangka_waktu="3", alasan="Perwali 7/2025: tiga hari kerja")
    assert r.status_code == 302
    j.refresh_from_db()
    r = _ubah(
        c,
        j,
        persyaratan="Fotokopi KTP-el\nFotokopi Kartu Keluarga",
        nama="Surat Keterangan Uji",
        alasan="Revisi",
    )
    assert r.status_code == 302
    versi = list(j.versi_set.order_by("nomor"))
    assert [v.nomor for v in versi] == [1, 2, 3]
    assert [v.isi["jangka_waktu"] for v in versi] == [2, 3, 3]
    assert versi[0].isi["persyaratan"] == "Fotokopi KTP-el\nSurat pengantar RT/RW"
    assert versi[2].isi["persyaratan"] == "Fotokopi KTP-el\nFotokopi Kartu Keluarga"
    assert [v.isi["nama"] for v in versi] == ["Surat Keterangan Uji Coba"] * 2 + ["Surat Keterangan Uji"]
    assert [v.alasan for v in versi] == ["Standar dibuat", "Perwali 7/2025: tiga hari kerja", "Revisi"]
    admin = get_user_model().objects.get(username="admin-kota")
    assert all(v.pengguna == admin for v in versi)
    # Renaming does not change the address.
    j.refresh_from_db()
    assert j.slug == "surat-keterangan-uji-coba" and j.nama == "Surat Keterangan Uji"
    # The comparison of 2 → 3 names the changed components and the lines removed and added.
    html = c.get(reverse("kelola:layanan_versi", args=[pd.pk, j.pk]) + "?dari=2&ke=3").content.decode()
    assert "2 komponen berbeda dari versi 2 ke versi 3" in html
    assert re.search(r"<del><span class=\"hanya-pembaca\">dihapus: </span>Surat pengantar RT/RW</del>", html)
    assert re.search(
        r"<ins><span class=\"hanya-pembaca\">ditambah: </span>Fotokopi Kartu Keluarga</ins>", html
    )
    # Every change in the audit trail, from → to.
    audit = CatatanAudit.objects.filter(objek_tipe="layanan.jenislayanan", objek_id=str(j.pk)).order_by(
        "waktu", "pk"
    )
    assert [a.aksi for a in audit] == ["layanan.buat", "layanan.ubah", "layanan.ubah"]
    assert audit[1].perubahan["jangka_waktu"] == [2, 3] and audit[1].perubahan["versi"] == [1, 2]
    assert audit[2].perubahan["nama"] == ["Surat Keterangan Uji Coba", "Surat Keterangan Uji"]


def test_saving_an_unchanged_form_adds_no_version(masuk, versi_sampel, gedog):
    c = masuk("admin-kota")
    _buat(c, versi_sampel.pd, gedog)
    j = JenisLayanan.objects.get(unit=gedog, kode="UJI-01")
    r = _ubah(c, j, alasan="tidak ada")
    assert r.status_code == 302
    assert j.versi_set.count() == 1
    assert "Tidak ada yang berubah" in c.get(r["Location"]).content.decode()


def test_a_standard_loaded_without_versions_keeps_its_text_as_version_1_at_its_first_change(
    masuk, versi_sampel, gedog
):
    j = JenisLayanan.objects.filter(unit=gedog).order_by("pk").first()
    j.versi_set.all().delete()
    lama = j.prosedur
    c = masuk("admin-kota")
    assert _ubah(c, j, prosedur="Satu langkah saja", alasan="Penyederhanaan").status_code == 302
    v1, v2 = j.versi_set.order_by("nomor")
    assert (v1.nomor, v1.isi["prosedur"], v1.pengguna) == (1, lama, None)
    assert (v2.nomor, v2.isi["prosedur"]) == (2, "Satu langkah saja")


def test_an_edit_needs_a_reason_and_is_refused_when_someone_else_saved_meanwhile(masuk, versi_sampel, gedog):
    c = masuk("admin-kota")
    _buat(c, versi_sampel.pd, gedog)
    j = JenisLayanan.objects.get(unit=gedog, kode="UJI-01")
    r = _ubah(c, j, jangka_waktu="4", alasan="")
    assert r.status_code == 400 and "Tulis alasan perubahan" in r.content.decode()
    services.simpan_standar(
        pengguna=SISTEM, unit=gedog, jenis=j, isian={**ISIAN, "jangka_waktu": "5"}, alasan="di tempat lain"
    )
    r = c.post(
        reverse("kelola:layanan_ubah", args=[j.unit.pd_id, j.pk]),
        {**ISIAN, "jangka_waktu": "4", "alasan": "ubah", "dasar_versi": "1"},
    )
    assert r.status_code == 400 and "baru saja disimpan orang lain (sekarang versi 2)" in r.content.decode()
    j.refresh_from_db()
    assert j.jangka_waktu == 5 and j.versi_set.count() == 2


def test_wrong_version_numbers_in_the_address_fall_back_with_a_message(masuk, versi_sampel, gedog):
    c = masuk("admin-kota")
    j = JenisLayanan.objects.filter(unit=gedog).first()
    for q in ("?dari=abc&ke=9", "?lihat=" + "9" * 60, "?ke=-1"):
        r = c.get(reverse("kelola:layanan_versi", args=[versi_sampel.pd_id, j.pk]) + q)
        assert r.status_code == 200 and "Nomor versi di alamat tidak ada" in r.content.decode()
    assert c.get(f"/kelola/layanan/{versi_sampel.pd_id}/{'9' * 60}/versi/").status_code == 404


# --- the form refuses absurd input, every problem at once, nothing typed lost ----------------------


def test_an_empty_form_lists_every_missing_component_and_stores_nothing(masuk, versi_sampel):
    c = masuk("admin-kota")
    sebelum = JenisLayanan.objects.count()
    r = c.post(reverse("kelola:layanan_tambah", args=[versi_sampel.pd_id]), {})
    html = r.content.decode()
    assert r.status_code == 400
    for pesan in (
        "Pilih unit yang memberikan layanan ini.",
        "Isi kode.",
        "Isi nama layanan.",
        "Isi persyaratan.",
        "Isi prosedur.",
        "Isi jangka waktu penyelesaian",
        "Isi biaya/tarif.",
        "Isi produk layanan.",
    ):
        assert pesan in html, pesan
    assert 'href="#isian-kode"' in html and 'aria-invalid="true"' in html
    assert JenisLayanan.objects.count() == sebelum


@pytest.mark.parametrize(
    ("medan", "nilai", "pesan"),
    [
        ("jangka_waktu", "dua", "Jangka waktu diisi bilangan bulat 1–365 hari kerja"),
        ("jangka_waktu", "9" * 60, "Jangka waktu diisi bilangan bulat 1–365 hari kerja"),
        ("jangka_waktu", "366", "Jangka waktu diisi bilangan bulat 1–365 hari kerja"),
        ("jangka_waktu", "0", "Jangka waktu diisi bilangan bulat 1–365 hari kerja"),
        ("urutan", "1000", "Urutan diisi bilangan bulat 0–999"),
        ("slug", "Surat KTP!", "Alamat (slug) hanya huruf kecil, angka dan tanda hubung"),
        ("nama", "N" * 201, "Nama layanan paling panjang 200 huruf (sekarang 201)"),
        ("persyaratan", "\n".join(["syarat"] * 41), "Persyaratan paling banyak 40 baris (sekarang 41)"),
        ("prosedur", "x" * 501, "Prosedur baris ke-1 lebih dari 500 huruf"),
        ("satuan_waktu", "tahun", "Pilih satuan jangka waktu."),
    ],
)
def test_absurd_values_are_refused_in_indonesian_and_the_typed_values_stay(
    masuk, versi_sampel, gedog, medan, nilai, pesan
):
    c = masuk("admin-kota")
    r = _buat(c, versi_sampel.pd, gedog, **{medan: nilai})
    html = r.content.decode()
    assert r.status_code == 400 and pesan in html
    # Nothing typed is lost: the other fields come back as typed.
    assert medan == "nama" or "Surat Keterangan Uji Coba" in html
    assert medan == "persyaratan" or "Surat pengantar RT/RW" in html
    assert not JenisLayanan.objects.filter(kode="UJI-01").exists()


def test_minutes_and_hours_have_their_own_bounds(masuk, versi_sampel, gedog):
    c = masuk("admin-kota")
    r = _buat(c, versi_sampel.pd, gedog, jangka_waktu="1441", satuan_waktu="menit")
    assert r.status_code == 400 and "1–1440 menit" in r.content.decode()
    assert _buat(c, versi_sampel.pd, gedog, jangka_waktu="1440", satuan_waktu="menit").status_code == 302


def test_code_and_slug_are_unique_within_the_unit_and_an_old_slug_stays_its_standards(
    masuk, versi_sampel, gedog
):
    c = masuk("admin-kota")
    pd = versi_sampel.pd
    _buat(c, pd, gedog)
    r = _buat(c, pd, gedog, nama="Lain")
    assert r.status_code == 400 and "Kode UJI-01 sudah dipakai" in r.content.decode()
    r = _buat(c, pd, gedog, kode="UJI-02", slug="surat-keterangan-uji-coba")
    assert r.status_code == 400 and "sudah dipakai “Surat Keterangan Uji Coba”" in r.content.decode()
    # Another unit may use the same code and slug.
    bendogerit = pd.unit_set.get(nama_pendek="Bendogerit")
    assert _buat(c, pd, bendogerit).status_code == 302
    # A slug given up by a rename stays that standard's old address.
    j = JenisLayanan.objects.get(unit=gedog, kode="UJI-01")
    assert _ubah(c, j, slug="uji-baru", alasan="alamat baru").status_code == 302
    r = _buat(c, pd, gedog, kode="UJI-03", slug="surat-keterangan-uji-coba")
    assert r.status_code == 400 and "dahulu dipakai" in r.content.decode()


# --- public switch, stable addresses, deactivation ---------------------------------------------------


def _katalog(client, pd) -> str:
    return client.get(reverse("publik:layanan", args=[pd.pemda.slug, pd.slug])).content.decode()


def test_a_hidden_standard_leaves_every_public_list_but_its_records_still_count(
    client, masuk, versi_sampel, gedog, django_capture_on_commit_callbacks
):
    pd = versi_sampel.pd
    j = JenisLayanan.objects.filter(unit=gedog, pelayanan_set__isnull=False).distinct().order_by("pk").first()
    kios = Kios.objects.filter(unit=gedog, aktif=True).first()
    standar = reverse("publik:layanan_standar", args=[pd.pemda.slug, pd.slug, gedog.pk, j.slug])
    assert f'href="{standar}"' in _katalog(client, pd) and client.get(standar).status_code == 200
    assert j.nama in client.get(reverse("skm:isi", args=[kios.token_ponsel])).content.decode()
    assert j.nama in client.get(reverse("skm:kios", args=[kios.token])).content.decode()
    assert standar in client.get("/sitemap.xml").content.decode()
    mulai, akhir = dt.date(2000, 1, 1), dt.date(2100, 1, 1)
    dicatat = Pelayanan.objects.filter(jenis=j).count()
    dijawab = Respons.objects.filter(jenis_layanan=j, karantina__isnull=True).count()
    assert dicatat and dijawab
    ikm_sebelum = skm.hasil_ikm(pengguna=SISTEM, unit_ids=[gedog.pk], mulai=mulai, akhir=akhir, jenis_id=j.pk)

    admin = masuk("admin-kota")
    with django_capture_on_commit_callbacks(execute=True):  # the public pages' data version moves on commit
        admin.post(reverse("kelola:layanan_status", args=[pd.pk, j.pk]), {"aksi": "sembunyikan"})
    admin.logout()

    assert f'href="{standar}"' not in _katalog(client, pd)
    assert client.get(standar).status_code == 404
    assert j.nama not in client.get(reverse("skm:isi", args=[kios.token_ponsel])).content.decode()
    assert j.nama not in client.get(reverse("skm:kios", args=[kios.token])).content.decode()
    assert standar not in client.get("/sitemap.xml").content.decode()
    # Its counter log and questionnaires stay, and are still counted.
    r = services.rekap(pengguna=SISTEM, unit_ids=[gedog.pk], mulai=mulai, akhir=akhir, jenis_id=j.pk)
    assert r.jumlah == dicatat
    h = skm.hasil_ikm(pengguna=SISTEM, unit_ids=[gedog.pk], mulai=mulai, akhir=akhir, jenis_id=j.pk)
    assert h.responden == dijawab and h.ikm == ikm_sebelum.ikm
    # Still given at the counter.
    operator = masuk("operator-gedog")
    assert (
        f'<option value="{j.pk}"'
        in operator.get(reverse("layanan:loket", args=[pd.pk, gedog.pk])).content.decode()
    )


def test_a_renamed_slug_keeps_the_old_public_address_working(client, masuk, versi_sampel, gedog):
    pd = versi_sampel.pd
    j = JenisLayanan.objects.filter(unit=gedog).order_by("pk").first()
    lama = j.slug
    c = masuk("admin-kota")
    assert _ubah(c, j, slug="alamat-baru-uji", alasan="alamat lebih pendek").status_code == 302
    c.logout()
    r = client.get(reverse("publik:layanan_standar", args=[pd.pemda.slug, pd.slug, gedog.pk, lama]))
    assert r.status_code == 301
    assert r["Location"] == reverse(
        "publik:layanan_standar", args=[pd.pemda.slug, pd.slug, gedog.pk, "alamat-baru-uji"]
    )
    assert client.get(r["Location"]).status_code == 200
    # The address printed before the portal existed leads there too.
    r = client.get(reverse("layanan:standar", args=[pd.pk, gedog.pk, lama]), follow=True)
    assert r.status_code == 200 and j.nama in r.content.decode()


def test_a_used_standard_is_deactivated_not_deleted_and_an_unused_one_may_be_deleted(
    masuk, versi_sampel, gedog
):
    pd = versi_sampel.pd
    c = masuk("admin-kota")
    j = JenisLayanan.objects.filter(unit=gedog, pelayanan_set__isnull=False).distinct().first()
    r = c.post(reverse("kelola:layanan_status", args=[pd.pk, j.pk]), {"aksi": "hapus"}, follow=True)
    assert "tidak dihapus agar catatannya tetap utuh" in r.content.decode()
    assert JenisLayanan.objects.filter(pk=j.pk).exists()
    c.post(reverse("kelola:layanan_status", args=[pd.pk, j.pk]), {"aksi": "nonaktifkan"})
    j.refresh_from_db()
    assert not j.aktif
    operator = masuk("operator-gedog")
    assert (
        f'<option value="{j.pk}"'
        not in operator.get(reverse("layanan:loket", args=[pd.pk, gedog.pk])).content.decode()
    )
    c = masuk("admin-kota")
    _buat(c, pd, gedog)
    baru = JenisLayanan.objects.get(unit=gedog, kode="UJI-01")
    c.post(reverse("kelola:layanan_status", args=[pd.pk, baru.pk]), {"aksi": "hapus"})
    assert not JenisLayanan.objects.filter(pk=baru.pk).exists()
    assert not VersiLayanan.objects.filter(jenis_id=baru.pk).exists()
    assert CatatanAudit.objects.filter(aksi="layanan.hapus", objek_id=str(baru.pk)).exists()
    assert (
        c.post(reverse("kelola:layanan_status", args=[pd.pk, j.pk]), {"aksi": "lenyapkan"}).status_code == 403
    )


def test_the_pds_service_menu_leads_its_administrator_to_the_standards(masuk, versi_sampel):
    html = masuk("admin-kota").get(reverse("layanan:rekap", args=[versi_sampel.pd_id])).content.decode()
    assert reverse("kelola:layanan", args=[versi_sampel.pd_id]) in html
    assert reverse("kelola:kios", args=[versi_sampel.pd_id]) in html
    gedog = versi_sampel.pd.unit_set.get(nama_pendek="Gedog")
    html = (
        masuk("operator-gedog")
        .get(reverse("layanan:loket", args=[versi_sampel.pd_id, gedog.pk]))
        .content.decode()
    )
    assert "/kelola/" not in html


def test_a_standard_named_only_by_survey_answers_is_not_deleted_either(versi_sampel, gedog):
    import uuid

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    j, _ = services.simpan_standar(pengguna=SISTEM, unit=gedog, isian=ISIAN)
    Respons.objects.create(
        unit=gedog, jenis_layanan=j, id_klien=uuid.uuid4(), waktu=timezone.now(), sumber="kertas", u1=4
    )
    assert services.pemakai_standar(pengguna=SISTEM, jenis_ids=[j.pk]) == {j.pk: {"survei": 1}}
    with pytest.raises(ValidationError, match=r"sudah dipakai \(1 survei\)"):
        services.hapus_standar(pengguna=SISTEM, jenis=j)
    assert JenisLayanan.objects.filter(pk=j.pk).exists()


def test_the_admin_home_lists_each_administered_pds_service_pages(versi_sampel):
    """The part the administration home includes (context: the PDs the user administers, ``izin``)."""
    from django.template.loader import render_to_string

    from kinerja.wilayah.izin import cakupan

    pd = versi_sampel.pd
    admin_pd(pd)
    for nama, kelola in (("admin-kota", True), ("admin-pd", True), ("perencana", False)):
        user = get_user_model().objects.get(username=nama)
        html = render_to_string(
            "kelola/_tautan_layanan.html",
            {"pd_kelola": [pd] if kelola else [], "izin": cakupan(user), "user": user},
        )
        for url in (
            reverse("kelola:layanan", args=[pd.pk]),
            reverse("kelola:kategori", args=[pd.pk]),
            reverse("kelola:kios", args=[pd.pk]),
            reverse("kelola:libur"),
        ):
            assert (url in html) is kelola, (nama, url)


def test_a_deactivated_unit_is_not_offered_and_gets_no_new_standard_but_keeps_its_own(
    masuk, versi_sampel, gedog
):
    """A deactivated kelurahan keeps its standards (listed, editable) but is given no new one: the
    form does not offer it and a crafted post is refused in words, with nothing saved."""
    c = masuk("admin-kota")
    pd = versi_sampel.pd
    punya = JenisLayanan.objects.filter(unit=gedog).count()
    assert punya > 0
    gedog.aktif = False
    gedog.save(update_fields=["aktif"])
    r = c.get(reverse("kelola:layanan_tambah", args=[pd.pk]))
    assert f'<option value="{gedog.pk}"' not in r.content.decode()
    r = _buat(c, pd, gedog)
    assert r.status_code == 400
    assert "Gedog sudah nonaktif: standar layanan baru tidak diberikan kepadanya." in r.content.decode()
    assert JenisLayanan.objects.filter(unit=gedog).count() == punya
    r = c.get(reverse("kelola:layanan", args=[pd.pk]) + f"?unit={gedog.pk}")
    assert r.status_code == 200 and JenisLayanan.objects.filter(unit=gedog).first().nama in r.content.decode()
