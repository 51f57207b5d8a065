"""Service standards, the counter log, on-time and to-standard, and the plan indicators they feed."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from kinerja.core.pelaku import SISTEM
from kinerja.layanan import services
from kinerja.layanan.kalender import jumlah_hari_kerja, tambah_hari_kerja
from kinerja.layanan.models import JenisLayanan, Pelayanan
from tests.hitung_tangan import setengah_ke_atas

pytestmark = pytest.mark.django_db
LIBUR = {dt.date(2022, 5, 2), dt.date(2022, 5, 3)}  # Idul Fitri 2022


def test_working_days_skip_weekends_and_holidays():
    jumat, senin = dt.date(2022, 4, 29), dt.date(2022, 5, 2)
    assert jumlah_hari_kerja(jumat, jumat, LIBUR) == 1
    assert jumlah_hari_kerja(jumat, dt.date(2022, 5, 4), LIBUR) == 2  # Fri, (Sat Sun Mon Tue off), Wed
    assert tambah_hari_kerja(jumat, 2, LIBUR) == dt.date(2022, 5, 4)
    assert tambah_hari_kerja(dt.date(2022, 4, 30), 1, LIBUR) == dt.date(2022, 5, 4)  # received on Saturday
    assert jumlah_hari_kerja(senin, senin, LIBUR) == 1


def _jenis(versi_sampel, satuan, jangka, unit="Gedog"):
    u = versi_sampel.pd.unit_set.get(nama_pendek=unit)
    return JenisLayanan.objects.filter(unit=u).first(), u, satuan, jangka


def test_on_time_follows_the_standards_unit(versi_sampel):
    j = JenisLayanan(jangka_waktu=2, satuan_waktu="hari_kerja")
    terima = timezone.make_aware(dt.datetime(2022, 4, 29, 10))
    assert services.tepat_waktu(j, terima, timezone.make_aware(dt.datetime(2022, 5, 4, 14)), LIBUR)
    assert not services.tepat_waktu(j, terima, timezone.make_aware(dt.datetime(2022, 5, 5, 9)), LIBUR)
    m = JenisLayanan(jangka_waktu=30, satuan_waktu="menit")
    assert services.tepat_waktu(m, terima, terima + dt.timedelta(minutes=30))
    assert not services.tepat_waktu(m, terima, terima + dt.timedelta(minutes=31))


def test_an_operator_logs_a_service_in_one_post_and_sees_it_in_todays_list(client, versi_sampel):
    gedog = versi_sampel.pd.unit_set.get(nama_pendek="Gedog")
    j = JenisLayanan.objects.filter(unit=gedog).first()
    client.force_login(get_user_model().objects.get(username="operator-gedog"))
    url = reverse("layanan:loket", args=[versi_sampel.pd_id, gedog.pk])
    r = client.post(url, {"jenis": j.pk}, follow=True)
    teks = r.content.decode()
    p = Pelayanan.objects.filter(unit=gedog, demo=False).get()
    assert p.hasil == "selesai" and p.syarat_lengkap and p.tepat_waktu and p.sesuai_standar
    assert p.nomor in teks and j.nama in teks and "Hari ini: 1 pelayanan" in teks


def test_incomplete_requirements_processed_anyway_are_not_to_standard(versi_sampel):
    gedog = versi_sampel.pd.unit_set.get(nama_pendek="Gedog")
    j = JenisLayanan.objects.filter(unit=gedog).first()
    op = get_user_model().objects.get(username="operator-gedog")
    p = services.catat_pelayanan(pengguna=op, unit=gedog, jenis=j, syarat_lengkap=False, hasil="selesai")
    assert p.tepat_waktu and p.sesuai_standar is False
    q = services.catat_pelayanan(pengguna=op, unit=gedog, jenis=j, syarat_lengkap=False, hasil="ditolak")
    assert q.sesuai_standar is True and q.nomor != p.nomor


def test_only_the_units_operator_logs_its_services(versi_sampel):
    gedog = versi_sampel.pd.unit_set.get(nama_pendek="Gedog")
    j = JenisLayanan.objects.filter(unit=gedog).first()
    with pytest.raises(PermissionDenied):
        services.catat_pelayanan(
            pengguna=get_user_model().objects.get(username="operator-rembang"), unit=gedog, jenis=j
        )
    rembang = versi_sampel.pd.unit_set.get(nama_pendek="Rembang")
    with pytest.raises(ValidationError, match="bukan layanan"):
        services.catat_pelayanan(pengguna=SISTEM, unit=rembang, jenis=j)


def test_a_service_in_process_is_finished_later(versi_sampel):
    gedog = versi_sampel.pd.unit_set.get(nama_pendek="Gedog")
    j = JenisLayanan.objects.filter(unit=gedog, satuan_waktu="hari_kerja").first()
    p = services.catat_pelayanan(pengguna=SISTEM, unit=gedog, jenis=j, hasil="proses")
    assert p.selesai is None and p.tepat_waktu is None
    p = services.selesaikan(pengguna=SISTEM, pelayanan=p, hasil="selesai")
    assert p.tepat_waktu is True
    with pytest.raises(ValidationError, match="sudah berstatus"):
        services.selesaikan(pengguna=SISTEM, pelayanan=p, hasil="selesai")


def test_the_plan_indicators_show_the_service_logs_percentages(rencana_sampel, versi_sampel):
    from kinerja.monev.selectors import muat_evaluasi

    rekap = services.rekap(
        unit_ids=[u.pk for u in rencana_sampel.lokasi],
        mulai=dt.date(2022, 1, 1),
        akhir=dt.date(2022, 12, 31),
        pengguna=SISTEM,
    )
    ev = muat_evaluasi(rencana_sampel, 2022, 4)
    standar = next(b for b in ev.baris_indikator if b.ind.ukuran == "pelayanan-sesuai-standar")
    tepat = next(b for b in ev.baris_indikator if b.ind.ukuran == "layanan-tepat-waktu")
    # Counted independently: the log's own rows, percent as an exact fraction, rounded half up.
    selesai = Pelayanan.objects.filter(
        unit__pd=versi_sampel.pd, diterima__year=2022, hasil__in=["selesai", "ditolak"]
    )
    n = selesai.count()
    assert n == rekap.selesai
    assert standar.realisasi == setengah_ke_atas(
        Fraction(selesai.filter(sesuai_standar=True).count() * 100, n)
    )
    assert tepat.realisasi == setengah_ke_atas(Fraction(selesai.filter(tepat_waktu=True).count() * 100, n))
    assert standar.realisasi != tepat.realisasi


def test_a_computed_indicator_cannot_be_typed(versi_sampel):
    from kinerja.monev import services as monev
    from kinerja.renstra.models import Indikator

    ind = Indikator.objects.get(node__versi=versi_sampel, ukuran="ikm", node__tingkat=1)
    with pytest.raises(ValidationError, match="tidak dapat diisi tangan"):
        monev.simpan_realisasi(
            pengguna=SISTEM, indikator=ind, lokasi=None, tahun=2022, triwulan=4, teks="99", revisi=None
        )


def test_a_new_service_changes_the_computed_realisation_at_once(rencana_sampel, versi_sampel):
    from kinerja.monev.selectors import muat_evaluasi

    sebelum = next(
        b
        for b in muat_evaluasi(rencana_sampel, 2022, 4).baris_indikator
        if b.ind.ukuran == "layanan-tepat-waktu"
    )
    gedog = versi_sampel.pd.unit_set.get(nama_pendek="Gedog")
    j = JenisLayanan.objects.filter(unit=gedog, satuan_waktu="menit").first()
    terima = timezone.make_aware(dt.datetime(2022, 11, 1, 9))
    for _ in range(50):
        services.catat_pelayanan(
            pengguna=SISTEM,
            unit=gedog,
            jenis=j,
            hasil="selesai",
            diterima=terima,
            selesai=terima + dt.timedelta(days=3),
        )
    sesudah = next(
        b
        for b in muat_evaluasi(rencana_sampel, 2022, 4).baris_indikator
        if b.ind.ukuran == "layanan-tepat-waktu"
    )
    assert sesudah.realisasi < sebelum.realisasi


def test_the_public_standard_page_needs_no_login(client, versi_sampel):
    j = JenisLayanan.objects.filter(unit__pd=versi_sampel.pd).select_related("unit").first()
    # The old address leads to the portal's page of the same standard.
    r = client.get(reverse("layanan:standar", args=[versi_sampel.pd_id, j.unit_id, j.slug]), follow=True)
    assert r.redirect_chain[0][1] == 301
    assert r.status_code == 200 and "Persyaratan" in r.content.decode() and j.biaya in r.content.decode()
    assert client.get(reverse("layanan:katalog", args=[versi_sampel.pd_id])).status_code == 301


def _loket(client, versi_sampel, username="operator-gedog"):
    gedog = versi_sampel.pd.unit_set.get(nama_pendek="Gedog")
    client.force_login(get_user_model().objects.get(username=username))
    return gedog, reverse("layanan:loket", args=[versi_sampel.pd_id, gedog.pk])


def test_an_entry_still_in_process_is_completed_the_same_day_from_todays_list(client, versi_sampel):
    from kinerja.core.models import CatatanAudit

    gedog, url = _loket(client, versi_sampel)
    j = JenisLayanan.objects.filter(unit=gedog).first()
    j.jangka_waktu, j.satuan_waktu = 30, "menit"
    j.save()
    client.post(url, {"jenis": j.pk, "hasil": "proses"})
    p = Pelayanan.objects.get(unit=gedog, demo=False)
    assert p.hasil == "proses" and p.selesai is None
    html = client.get(url).content.decode()
    selesai_url = reverse("layanan:selesaikan", args=[versi_sampel.pd_id, gedog.pk, p.pk])
    assert f'action="{selesai_url}"' in html  # the action sits on today's row
    r = client.post(selesai_url, {"hasil": "selesai", "syarat_lengkap": "1"}, follow=True)
    p.refresh_from_db()
    assert p.hasil == "selesai" and p.selesai is not None and p.selesai >= p.diterima
    assert p.tepat_waktu and p.sesuai_standar  # received and finished within 30 minutes
    assert "tepat waktu, sesuai standar" in r.content.decode()
    assert f'action="{selesai_url}"' not in r.content.decode()  # nothing left to complete
    audit = CatatanAudit.objects.get(aksi="pelayanan.selesai", objek_id=str(p.pk))
    assert audit.perubahan["hasil"] == ["proses", "selesai"] and audit.pengguna.username == "operator-gedog"


def test_on_time_is_judged_from_the_completion_not_the_receipt(versi_sampel):
    gedog = versi_sampel.pd.unit_set.get(nama_pendek="Gedog")
    j = JenisLayanan.objects.filter(unit=gedog).first()
    j.jangka_waktu, j.satuan_waktu = 30, "menit"
    j.save()
    op = get_user_model().objects.get(username="operator-gedog")
    lama = services.catat_pelayanan(
        pengguna=op, unit=gedog, jenis=j, hasil="proses", diterima=timezone.now() - dt.timedelta(minutes=45)
    )
    # Recorded 45 minutes ago and completed now: beyond the 30-minute standard.
    lama = services.selesaikan(pengguna=op, pelayanan=lama, hasil="selesai")
    assert lama.tepat_waktu is False and lama.sesuai_standar is False
    # Refused with incomplete requirements within the time: to standard (the refusal is the outcome).
    baru = services.catat_pelayanan(pengguna=op, unit=gedog, jenis=j, hasil="proses")
    baru = services.selesaikan(pengguna=op, pelayanan=baru, hasil="ditolak", syarat_lengkap=False)
    assert baru.tepat_waktu is True and baru.sesuai_standar is True and baru.syarat_lengkap is False


def test_completing_needs_the_units_operator_and_a_final_outcome(client, versi_sampel):
    gedog, url = _loket(client, versi_sampel)
    j = JenisLayanan.objects.filter(unit=gedog).first()
    p = services.catat_pelayanan(pengguna=SISTEM, unit=gedog, jenis=j, hasil="proses")
    selesai_url = reverse("layanan:selesaikan", args=[versi_sampel.pd_id, gedog.pk, p.pk])
    r = client.post(selesai_url, {"hasil": "proses"}, follow=True)
    assert "Pilih hasil akhir pelayanan." in r.content.decode()
    client.force_login(get_user_model().objects.get(username="lurah-gedog"))
    assert client.post(selesai_url, {"hasil": "selesai"}).status_code == 403
    p.refresh_from_db()
    assert p.hasil == "proses" and p.selesai is None


def test_a_refused_counter_entry_lists_its_error_on_its_field_and_keeps_what_was_typed(client, versi_sampel):
    gedog, url = _loket(client, versi_sampel)
    sebelum = Pelayanan.objects.filter(unit=gedog).count()
    r = client.post(
        url, {"jenis": "", "syarat_lengkap": "0", "nama_pemohon": "Bu Sri", "catatan": "antre lama"}
    )
    html = r.content.decode()
    assert r.status_code == 400 and Pelayanan.objects.filter(unit=gedog).count() == sebelum
    assert 'id="ringkasan-galat" role="alert"' in html and 'href="#isian-jenis"' in html
    assert 'id="isian-jenis" required aria-invalid="true" aria-describedby="galat-jenis"' in html
    assert '<span class="galat-medan" id="galat-jenis">Pilih jenis layanan.</span>' in html
    assert 'value="Bu Sri"' in html and 'value="antre lama"' in html
    assert 'name="syarat_lengkap" value="0" checked' in html
    # A service of another kelurahan is refused the same way, and the chosen one stays chosen.
    lain = JenisLayanan.objects.exclude(unit=gedog).filter(unit__pd=gedog.pd).first()
    j = JenisLayanan.objects.filter(unit=gedog, aktif=True).first()
    assert client.post(url, {"jenis": lain.pk}).status_code == 400
    r = client.post(url, {"jenis": j.pk, "hasil": "entah"})
    assert r.status_code == 400 and "Hasil pelayanan tidak dikenal." in r.content.decode()
    assert f'<option value="{j.pk}" selected>' in r.content.decode()
    assert Pelayanan.objects.filter(unit=gedog).count() == sebelum
