"""Holidays and cuti bersama: who may change the one table every pemda shares, a pasted list checked
line by line, and working-day deadlines that follow the table."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.core.models import CatatanAudit
from kinerja.core.pelaku import SISTEM
from kinerja.data import baca_csv_sampel
from kinerja.layanan import services
from kinerja.layanan.models import HariLibur, JenisLayanan
from kinerja.pengaduan import services as aduan
from kinerja.pengaduan.models import Kategori, Pengaduan
from tests.kelola.bantu_layanan import admin_pd, pemda_kedua

pytestmark = pytest.mark.django_db

URL = "/kelola/libur/"
# A Monday with no holiday in the sample; the week after it is free too.
SENIN = dt.date(2031, 3, 3)


def _tambah(c, tanggal, nama="Libur uji", jenis="libur"):
    return c.post(URL, {"aksi": "tambah", "tanggal": tanggal, "nama": nama, "jenis": jenis})


@pytest.mark.parametrize(
    ("akun", "ubah"),
    [
        ("admin", True),  # the superuser: no scope limit
        ("admin-kota", True),  # the pemda's administrator, while its pemda is the server's only one
        ("admin-pd", False),  # a PD's administrator: the table is not its PD's
        ("perencana", False),
        ("verifikator", False),
        ("operator-gedog", False),
    ],
)
def test_everyone_signed_in_reads_the_holidays_and_only_an_unlimited_admin_changes_them(
    masuk, versi_sampel, akun, ubah
):
    admin_pd(versi_sampel.pd)
    c = masuk(akun)
    r = c.get(URL + "?tahun=2022")
    html = r.content.decode()
    assert r.status_code == 200
    assert "17-08-2022" in html and "Hari Kemerdekaan Republik Indonesia" in html
    assert ("Tempel daftar" in html) is ubah
    r = _tambah(c, "2031-03-04")
    assert r.status_code == (302 if ubah else 403)
    assert HariLibur.objects.filter(tanggal=dt.date(2031, 3, 4)).exists() is ubah
    x = HariLibur.objects.get(tanggal=dt.date(2022, 8, 17))
    r = c.post(reverse("kelola:libur_hapus", args=[x.pk]))
    assert r.status_code == (302 if ubah else 403)
    assert HariLibur.objects.filter(pk=x.pk).exists() is not ubah


def test_a_second_pemda_on_the_server_leaves_the_holidays_to_the_superuser(masuk, versi_sampel):
    pemda_kedua()
    c = masuk("admin-kota")
    html = c.get(URL).content.decode()
    assert "Satu daftar untuk semua pemda di server ini" in html and "Tempel daftar" not in html
    assert _tambah(c, "2031-03-04").status_code == 403
    assert _tambah(masuk("admin"), "2031-03-04").status_code == 302


def test_anonymous_visitors_are_sent_to_sign_in(client, versi_sampel):
    r = client.get(URL)
    assert r.status_code == 302 and "/masuk/" in r["Location"]


def test_the_sample_holidays_are_marked_by_kind_from_their_names(versi_sampel):
    baris = list(baca_csv_sampel("hari_libur.csv"))
    cuti = {
        dt.date.fromisoformat(r["tanggal"]) for r in baris if r["nama"].lower().startswith("cuti bersama")
    }
    assert len(cuti) == 15  # counted in the file: 4 in 2022, 11 in 2023
    assert set(HariLibur.objects.filter(jenis="cuti").values_list("tanggal", flat=True)) == cuti
    assert HariLibur.objects.filter(jenis="libur").count() == len(baris) - len(cuti)


def test_one_date_is_added_with_its_kind_and_refused_twice_or_absurd(masuk, versi_sampel):
    c = masuk("admin-kota")
    r = _tambah(c, "2031-03-04", "Cuti bersama uji", "cuti")
    assert r.status_code == 302 and r["Location"] == URL + "?tahun=2031"
    x = HariLibur.objects.get(tanggal=dt.date(2031, 3, 4))
    assert (x.nama, x.jenis) == ("Cuti bersama uji", "cuti")
    a = CatatanAudit.objects.get(aksi="libur.tambah", objek_id=str(x.pk))
    assert a.perubahan == {
        "tanggal": [None, "04-03-2031"],
        "nama": [None, "Cuti bersama uji"],
        "jenis": [None, "cuti"],
    }
    for tanggal, nama, jenis, pesan in (
        ("2031-03-04", "Lagi", "libur", "04-03-2031 sudah tercatat: Cuti bersama uji (cuti bersama)."),
        ("", "", "", "Isi tanggal hari libur."),
        ("31-02-2031", "Uji", "libur", "Tanggal 31-02-2031 tidak ada di kalender."),
        ("9" * 60, "Uji", "libur", "tidak terbaca"),
        ("01-01-2150", "Uji", "libur", "Tahun 2150 di luar rentang 2000–2100."),
        ("2031-05-05", "N" * 151, "libur", "Nama hari libur paling panjang 150 huruf (sekarang 151)."),
        ("2031-05-05", "Uji", "bolos", "Pilih jenis: libur nasional atau cuti bersama."),
    ):
        r = _tambah(c, tanggal, nama, jenis)
        assert r.status_code == 400 and pesan in r.content.decode(), (tanggal, nama, jenis)
        assert nama[:20] in r.content.decode()  # what was typed stays
    r = _tambah(c, "", "", "")
    html = r.content.decode()
    assert "Tulis nama hari libur" in html and "Pilih jenis" in html  # every problem at once
    assert HariLibur.objects.filter(tanggal__year=2031).count() == 1


def test_a_pasted_list_is_stored_whole_or_not_at_all(masuk, versi_sampel):
    c = masuk("admin-kota")
    teks = (
        "01-01-2031 Tahun Baru 2031 Masehi\n"
        "oops\n"
        "31/04/2031 Tanggal yang tidak ada\n"
        "17-08-2031 Hari Kemerdekaan Republik Indonesia\n"
        "17-08-2031 Dobel\n"
    )
    r = c.post(URL, {"aksi": "impor", "teks": teks, "jenis_impor": "otomatis"})
    html = r.content.decode()
    assert r.status_code == 400
    assert "Baris 2: awali dengan tanggal dd-mm-yyyy" in html
    assert "Baris 3: Tanggal 31-04-2031 tidak ada di kalender." in html
    assert "Baris 5: tanggal 17-08-2031 sudah ada di baris 4." in html
    assert "Tahun Baru 2031 Masehi" in html  # the pasted text stays
    assert not HariLibur.objects.filter(tanggal__year=2031).exists()


def test_a_pasted_list_adds_new_dates_renames_known_ones_and_reads_the_kind_from_the_name(
    masuk, versi_sampel
):
    c = masuk("admin-kota")
    teks = (
        "02-01-2031 Cuti bersama Tahun Baru\n"
        "2031-01-29, Tahun Baru Imlek 2582 Kongzili\n"
        "\n"
        "17-08-2022 Hari Kemerdekaan Republik Indonesia\n"  # recorded, unchanged
        "25-12-2022 Hari Raya Natal (Kelahiran Yesus Kristus)\n"  # recorded, renamed
    )
    r = c.post(URL, {"aksi": "impor", "teks": teks, "jenis_impor": "otomatis"}, follow=True)
    assert "Impor selesai: 2 tanggal baru, 1 diubah, 1 sudah sama." in r.content.decode()
    assert HariLibur.objects.get(tanggal=dt.date(2031, 1, 2)).jenis == "cuti"
    assert HariLibur.objects.get(tanggal=dt.date(2031, 1, 29)).jenis == "libur"
    natal = HariLibur.objects.get(tanggal=dt.date(2022, 12, 25))
    assert natal.nama == "Hari Raya Natal (Kelahiran Yesus Kristus)"
    a = CatatanAudit.objects.get(aksi="libur.impor", objek_id=str(natal.pk))
    assert a.perubahan == {"nama": ["Hari Raya Natal", "Hari Raya Natal (Kelahiran Yesus Kristus)"]}
    # A kind chosen for the whole list overrides the names.
    c.post(URL, {"aksi": "impor", "teks": "03-01-2031 Cuti bersama lain", "jenis_impor": "libur"})
    assert HariLibur.objects.get(tanggal=dt.date(2031, 1, 3)).jenis == "libur"


def test_a_wrong_year_in_the_address_shows_this_year_with_a_notice(masuk, versi_sampel):
    c = masuk("perencana")
    for tahun in ("abc", "9" * 60, "1800"):
        r = c.get(URL + f"?tahun={tahun}")
        assert r.status_code == 200
        assert f"ditampilkan tahun {timezone.localdate().year}" in r.content.decode()
    assert c.get("/kelola/libur/" + "9" * 60 + "/hapus/").status_code == 404


# --- the deadlines follow the table -------------------------------------------------------------------


def test_a_holiday_moves_a_complaints_deadline_and_received_complaints_keep_theirs(masuk, versi_sampel):
    pd = versi_sampel.pd
    kategori = Kategori.objects.create(pd=pd, nama="Uji tenggat", batas_hari=2, urutan=99)
    diterima = timezone.make_aware(dt.datetime.combine(SENIN, dt.time(9)))
    # Two working days counting the day received: Monday and Tuesday.
    assert aduan.batas_untuk(kategori, diterima) == SENIN + dt.timedelta(days=1)
    p, _ = aduan.terima(
        pd=pd,
        unit=pd.unit_set.get(nama_pendek="Gedog"),
        kategori=kategori,
        kanal="web",
        judul="Uji",
        isi="Uraian pengaduan untuk uji tenggat.",
        pengguna=SISTEM,
        diterima=diterima,
    )
    assert p.batas == dt.date(2031, 3, 4)
    assert _tambah(masuk("admin-kota"), "2031-03-04", "Libur uji").status_code == 302
    # Tuesday is no longer a working day: Monday and Wednesday.
    assert aduan.batas_untuk(kategori, diterima) == dt.date(2031, 3, 5)
    # The complaint received before keeps the deadline computed when it came in.
    assert Pengaduan.objects.get(pk=p.pk).batas == dt.date(2031, 3, 4)


def test_a_holiday_changes_whether_a_service_in_working_days_was_on_time(masuk, versi_sampel):
    j = JenisLayanan.objects.filter(satuan_waktu="hari_kerja", jangka_waktu=2).first()
    diterima = timezone.make_aware(dt.datetime.combine(SENIN, dt.time(9)))
    selesai = timezone.make_aware(dt.datetime.combine(SENIN + dt.timedelta(days=2), dt.time(10)))
    # Monday to Wednesday is three working days: over a two-day standard.
    assert services.tepat_waktu(j, diterima, selesai) is False
    masuk("admin-kota").post(URL, {"aksi": "impor", "teks": "04-03-2031 Libur uji", "jenis_impor": "libur"})
    # With Tuesday off, Monday and Wednesday are two: on time.
    assert services.tepat_waktu(j, diterima, selesai) is True
