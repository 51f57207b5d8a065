"""The public survey endpoints cannot rewrite verified results: separate tokens, server dates,
limits in the shared cache, checked kiosk JSON, traceability and quarantine."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import uuid
from fractions import Fraction

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kinerja.core import batas
from kinerja.core.audit import CatatanAudit
from kinerja.core.pelaku import SISTEM
from kinerja.monev.models import Laporan
from kinerja.skm import hitungan, ikm, services
from kinerja.skm.models import Hitungan, Kios, Respons
from kinerja.wilayah.models import Unit
from tests.hitung_tangan import setengah_ke_atas

pytestmark = pytest.mark.django_db

SEMUA_1 = {u: 1 for u in ikm.UNSUR}


@pytest.fixture
def kios(versi_sampel):
    return Kios.objects.select_related("unit").get(unit__pd=versi_sampel.pd, unit__nama_pendek="Gedog")


@pytest.fixture
def satu_jendela(monkeypatch):
    """Every counted event falls in the same window of the shared-cache counters."""
    monkeypatch.setattr(batas, "_kini", lambda: 9_000_000.0)


def _kirim_kios(client, token, *, waktu=None, jawaban=None, meta=None, **lain):
    data = {
        "id": str(uuid.uuid4()),
        "jawaban": jawaban or {u: 3 for u in ikm.UNSUR},
        "waktu": (waktu or timezone.now() - dt.timedelta(hours=1)).isoformat(),
        **lain,
    }
    return client.post(
        reverse("skm:kirim", args=[token]), json.dumps(data), content_type="application/json", **(meta or {})
    )


def _ikm_tw4_2022(unit):
    h = services.hasil_ikm(
        unit_ids=[unit.pk], mulai=dt.date(2022, 10, 1), akhir=dt.date(2022, 12, 31), pengguna=SISTEM
    )
    return h.responden, h.ikm


def _ikm_tangan(unit_ids, mulai, akhir):
    """IKM by the definition, from the stored answers not in quarantine."""
    a = timezone.make_aware(dt.datetime.combine(mulai, dt.time()))
    b = timezone.make_aware(dt.datetime.combine(akhir + dt.timedelta(days=1), dt.time()))
    baris = list(
        Respons.objects.filter(
            unit_id__in=unit_ids, waktu__gte=a, waktu__lt=b, karantina__isnull=True
        ).values(*[f"u{i}" for i in range(1, 10)])
    )
    tepat = sum(
        Fraction(sum(x[f"u{i}"] for x in baris if x[f"u{i}"]), sum(1 for x in baris if x[f"u{i}"])) / 9 * 25
        for i in range(1, 10)
    )
    return setengah_ke_atas(tepat)


# --- 1. separate tokens ---------------------------------------------------------------------------


def test_every_kiosk_has_two_different_secrets(kios):
    assert kios.token and kios.token_ponsel and kios.token != kios.token_ponsel
    baru = Kios.objects.create(unit=kios.unit, nama="Kios kedua")
    assert baru.token_ponsel and baru.token_ponsel not in (kios.token_ponsel, baru.token)


def test_the_phone_token_is_refused_by_the_kiosk_api_and_page(client, kios):
    sebelum = Respons.objects.count()
    r = _kirim_kios(client, kios.token_ponsel, waktu=timezone.now() - dt.timedelta(days=700), jawaban=SEMUA_1)
    assert r.status_code == 404
    assert client.get(reverse("skm:kios", args=[kios.token_ponsel])).status_code == 404
    assert Respons.objects.count() == sebelum


def test_the_kiosk_token_does_not_open_the_phone_form_or_its_qr_code(client, kios):
    assert client.get(reverse("skm:isi", args=[kios.token])).status_code == 404
    assert client.post(reverse("skm:isi", args=[kios.token]), {"id": str(uuid.uuid4())}).status_code == 404
    assert client.get(reverse("skm:qr", args=[kios.token])).status_code == 404
    assert client.get(reverse("skm:qr", args=[kios.token_ponsel])).status_code == 200
    assert client.get(reverse("skm:kios", args=[kios.token])).status_code == 200


def test_the_results_page_prints_the_phone_token_for_the_qr_code(masuk, versi_sampel, kios):
    teks = masuk("operator-gedog").get(reverse("skm:hasil", args=[versi_sampel.pd_id])).content.decode()
    assert reverse("skm:qr", args=[kios.token_ponsel]) in teks
    assert reverse("skm:isi", args=[kios.token_ponsel]) in teks
    assert reverse("skm:isi", args=[kios.token]) not in teks


# --- 2. the server dates answers ------------------------------------------------------------------


def test_the_phone_form_always_uses_the_servers_time(client, kios):
    sebelum = timezone.now()
    id_ = str(uuid.uuid4())
    r = client.post(
        reverse("skm:isi", args=[kios.token_ponsel]),
        {"id": id_, **{u: "1" for u in ikm.UNSUR}, "waktu": "2022-11-15T10:00:00+07:00"},
    )
    assert "Terima kasih" in r.content.decode()
    disimpan = Respons.objects.get(id_klien=id_)
    assert disimpan.waktu >= sebelum and disimpan.diterima >= sebelum
    assert disimpan.sumber == "ponsel" and disimpan.kios == kios


def test_a_kiosk_answer_within_72_hours_keeps_its_own_time(client, kios):
    waktu = (timezone.now() - dt.timedelta(hours=70)).replace(microsecond=0)
    if services._triwulan(waktu) != services._triwulan(timezone.now()):
        pytest.skip("70 hours ago is in the previous quarter today")
    r = _kirim_kios(client, kios.token, waktu=waktu)
    assert r.status_code == 201
    assert Respons.objects.get(id_klien=r.json()["id"]).waktu == waktu


def test_the_reported_attack_backdated_answers_leave_a_verified_quarter_alone(client, kios):
    """34 all-"1" answers dated in Q4 2022 moved its verified IKM; now each is refused with a 400."""
    Laporan.objects.update_or_create(
        unit=kios.unit, tahun=2022, triwulan=4, defaults={"status": Laporan.Status.DIVERIFIKASI}
    )
    sebelum = _ikm_tw4_2022(kios.unit)
    harap = _ikm_tangan([kios.unit.pk], dt.date(2022, 10, 1), dt.date(2022, 12, 31))
    assert sebelum[1] == harap
    waktu = timezone.make_aware(dt.datetime(2022, 11, 15, 10, 0))
    for token in (kios.token_ponsel, kios.token):
        for _ in range(3):
            r = _kirim_kios(client, token, waktu=waktu, jawaban=SEMUA_1)
            assert r.status_code in (400, 404)
            if r.status_code == 400:
                assert "72 jam" in r.json()["galat"] and "tidak disimpan" in r.json()["galat"]
    assert _ikm_tw4_2022(kios.unit) == sebelum


def test_a_longer_offline_window_still_stops_at_a_verified_quarter(client, kios, settings):
    settings.KINERJA_KIOS_MUNDUR_JAM = 24 * 365 * 10
    Laporan.objects.update_or_create(
        unit=kios.unit, tahun=2022, triwulan=4, defaults={"status": Laporan.Status.DIVERIFIKASI}
    )
    sebelum = _ikm_tw4_2022(kios.unit)
    waktu = timezone.make_aware(dt.datetime(2022, 11, 15, 10, 0))
    r = _kirim_kios(client, kios.token, waktu=waktu, jawaban=SEMUA_1)
    assert r.status_code == 400
    assert "triwulan 4 2022" in r.json()["galat"] and "diverifikasi" in r.json()["galat"]
    assert _ikm_tw4_2022(kios.unit) == sebelum
    # A quarter whose report is still a draft takes the answer, under its own date.
    Laporan.objects.filter(unit=kios.unit, tahun=2022, triwulan=4).update(status=Laporan.Status.DRAFT)
    Laporan.objects.filter(unit__pd=kios.unit.pd, tahun=2022, triwulan=4).update(status=Laporan.Status.DRAFT)
    r = _kirim_kios(client, kios.token, waktu=waktu, jawaban=SEMUA_1)
    assert r.status_code == 201
    assert Respons.objects.get(id_klien=r.json()["id"]).waktu == waktu


def test_a_deactivated_kiosk_is_refused_at_once_and_stores_nothing(client, kios):
    jumlah = Respons.objects.count()
    Kios.objects.filter(pk=kios.pk).update(aktif=False)
    r = _kirim_kios(client, kios.token)
    assert r.status_code == 404
    assert "tidak berlaku" in r.content.decode()
    for salah in (kios.token + "x", kios.token_ponsel, "' OR '1'='1"):
        assert _kirim_kios(client, salah).status_code == 404
    assert Respons.objects.count() == jumlah
    # Switched on again, the same kiosk's queue is taken.
    Kios.objects.filter(pk=kios.pk).update(aktif=True)
    assert _kirim_kios(client, kios.token).status_code == 201
    assert Respons.objects.count() == jumlah + 1


def test_the_office_report_closes_a_kelurahan_quarter_and_another_kelurahan_report_does_not(
    client, kios, settings
):
    """The PD's office reports the PD-wide IKM: its submitted report closes every unit's quarter; the
    report of another kelurahan closes only its own."""
    settings.KINERJA_KIOS_MUNDUR_JAM = 24 * 365 * 10
    waktu = timezone.make_aware(dt.datetime(2022, 8, 15, 10, 0))
    unit = kios.unit
    kantor = Unit.objects.get(pd_id=unit.pd_id, jenis=Unit.Jenis.KANTOR, induk__isnull=True)
    lain = Unit.objects.filter(pd_id=unit.pd_id, jenis=unit.jenis).exclude(pk=unit.pk).first()
    Laporan.objects.filter(unit__pd=unit.pd, tahun__in=(2022, 2023), triwulan=3).delete()
    Laporan.objects.create(unit=lain, tahun=2022, triwulan=3, status=Laporan.Status.DIVERIFIKASI)
    Laporan.objects.create(unit=unit, tahun=2022, triwulan=3, status=Laporan.Status.DIKEMBALIKAN)
    assert _kirim_kios(client, kios.token, waktu=waktu).status_code == 201
    Laporan.objects.create(unit=kantor, tahun=2022, triwulan=3, status=Laporan.Status.DIAJUKAN)
    r = _kirim_kios(client, kios.token, waktu=waktu)
    assert r.status_code == 400 and "triwulan 3 2022" in r.json()["galat"]
    # The same quarter of another year is still open.
    assert _kirim_kios(client, kios.token, waktu=waktu.replace(year=2023)).status_code == 201


# --- 3. limits in the shared cache ----------------------------------------------------------------


def test_a_busy_kiosk_can_flush_an_offline_queue_of_200_within_a_minute(kios, satu_jendela):
    kios.refresh_from_db()
    assert kios.batas_per_menit >= 200
    for _ in range(200):
        services.cek_batas(kios=kios, sumber="kios", alamat_hash="a" * 64)
    # Its own per-minute limit still holds.
    for _ in range(kios.batas_per_menit - 200):
        services.cek_batas(kios=kios, sumber="kios", alamat_hash="a" * 64)
    with pytest.raises(services.TerlaluSering):
        services.cek_batas(kios=kios, sumber="kios", alamat_hash="a" * 64)


def test_a_kiosk_limit_over_an_hour_stops_a_sustained_flood(kios, monkeypatch):
    """A real kiosk sends ~180 an hour; 10 a minute for a whole hour (600) reaches the hourly limit."""
    jam = 9_000_000 // 3600 * 3600
    kini = [jam]
    monkeypatch.setattr(batas, "_kini", lambda: kini[0])
    for menit in range(60):
        kini[0] = jam + menit * 60 + 1
        for _ in range(10):
            services.cek_batas(kios=kios, sumber="kios")
    with pytest.raises(services.TerlaluSering):
        services.cek_batas(kios=kios, sumber="kios")


def test_the_phone_form_is_limited_per_address_with_an_indonesian_429(client, kios, satu_jendela):
    url = reverse("skm:isi", args=[kios.token_ponsel])
    kode = []
    for _ in range(services.PONSEL_ALAMAT[0][0] + 1):
        r = client.post(url, {"id": str(uuid.uuid4()), **{u: "4" for u in ikm.UNSUR}})
        kode.append(r.status_code)
    assert kode == [200] * services.PONSEL_ALAMAT[0][0] + [429]
    assert "Terlalu banyak" in r.content.decode() and r["Retry-After"]


def test_a_limit_counts_again_from_one_in_the_next_window(monkeypatch):
    kini = [9_000_000.0 // 60 * 60]
    monkeypatch.setattr(batas, "_kini", lambda: kini[0])
    aturan = [("uji:jendela:menit", 2, 60), ("uji:jendela:jam", 1000, 3600)]
    assert [hitungan.lampaui(*aturan) for _ in range(3)] == [None, None, 60]
    kini[0] += 60
    assert [hitungan.lampaui(*aturan) for _ in range(3)] == [None, None, 60]


def test_on_postgresql_a_kiosk_post_counts_every_limit_in_one_statement(kios, satu_jendela):
    if connection.vendor != "postgresql":
        pytest.skip("the counter table is used on PostgreSQL; SQLite counts in its cache file")
    with CaptureQueriesContext(connection) as q:
        services.cek_batas(kios=kios, sumber="kios", alamat_hash="a" * 64)
    assert len(q) == 1 and "ON CONFLICT" in q[0]["sql"]
    assert Hitungan.objects.filter(jumlah=1).count() == 3
    with connection.cursor() as c:
        c.execute("SELECT relpersistence FROM pg_class WHERE relname = 'skm_hitungan'")
        assert c.fetchone()[0] == "u"  # UNLOGGED: a count waits for no disk flush


def test_on_postgresql_counters_of_ended_windows_are_swept(kios, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the counter table is used on PostgreSQL; SQLite counts in its cache file")
    kini = [9_000_000.0]
    monkeypatch.setattr(batas, "_kini", lambda: kini[0])
    monkeypatch.setattr(hitungan, "SAPU_SETIAP", 1)
    hitungan.lampaui(("uji:sapu:lama", 10, 60))
    kini[0] += 120
    hitungan.lampaui(("uji:sapu:baru", 10, 60))
    assert list(Hitungan.objects.values_list("kunci", flat=True)) == ["uji:sapu:baru"]


def test_the_kiosk_api_answers_429_when_over_its_limit(client, kios, satu_jendela):
    kios.batas_per_menit = 2
    kios.save()
    kode = [_kirim_kios(client, kios.token).status_code for _ in range(3)]
    assert kode == [201, 201, 429]


# --- 6. traceability and quarantine --------------------------------------------------------------


def test_a_response_records_its_channel_and_a_salted_hash_of_the_address(client, kios):
    r = _kirim_kios(client, kios.token, meta={"REMOTE_ADDR": "203.0.113.9"})
    disimpan = Respons.objects.get(id_klien=r.json()["id"])
    harap = hmac.new(settings.SECRET_KEY.encode(), b"alamat:203.0.113.9", hashlib.sha256).hexdigest()
    assert disimpan.alamat_hash == harap and "203.0.113.9" not in disimpan.alamat_hash
    assert disimpan.kios == kios and disimpan.sumber == "kios" and disimpan.diterima is not None


def test_quarantine_removes_a_burst_from_the_ikm_and_restore_brings_it_back(kios):
    hari = timezone.localdate()
    mulai, akhir = hari.replace(day=1), hari

    def nilai():
        return services.hasil_ikm(unit_ids=[kios.unit.pk], mulai=mulai, akhir=akhir, pengguna=SISTEM).ikm

    awal_mulai = timezone.now()
    services.simpan_respons(
        unit=kios.unit, id_klien=uuid.uuid4(), jawaban={u: 4 for u in ikm.UNSUR}, sumber="kertas"
    )
    sebelum = nilai()
    assert sebelum == _ikm_tangan([kios.unit.pk], mulai, akhir)
    jahat = "b" * 64
    _ledakan(kios, jahat, 6)
    dengan_ledakan = nilai()
    assert dengan_ledakan < sebelum
    selesai = timezone.now() + dt.timedelta(seconds=1)
    with pytest.raises(ValidationError):
        services.karantina(alasan="", kios=kios, mulai=awal_mulai, sampai=selesai, pengguna=SISTEM)
    n = services.karantina(
        alasan="ledakan isian", alamat_hash=jahat, mulai=awal_mulai, sampai=selesai, pengguna=SISTEM
    )
    assert n == 6
    assert nilai() == sebelum == _ikm_tangan([kios.unit.pk], mulai, akhir)
    assert CatatanAudit.objects.filter(aksi="skm.karantina", alasan="ledakan isian").exists()
    n = services.pulihkan(
        alasan="ternyata sah", alamat_hash=jahat, mulai=awal_mulai, sampai=selesai, pengguna=SISTEM
    )
    assert n == 6 and nilai() == dengan_ledakan
    assert CatatanAudit.objects.filter(aksi="skm.pulihkan").exists()


def _ledakan(kios, alamat_hash: str, n: int) -> None:
    """A burst of n all-"1" phone answers from one (hashed) address."""
    for _ in range(n):
        services.simpan_respons(
            unit=kios.unit,
            kios=kios,
            id_klien=uuid.uuid4(),
            jawaban=SEMUA_1,
            sumber="ponsel",
            alamat_hash=alamat_hash,
        )


def test_the_quarantine_command_marks_lists_and_restores(kios, capsys):
    from django.core.management import call_command

    jahat = "c" * 64
    _ledakan(kios, jahat, 3)
    call_command("karantina", "daftar", "--jam", "1", "--minimal", "3")
    keluar = capsys.readouterr().out
    assert jahat[:12] in keluar and kios.nama in keluar
    call_command("karantina", "tandai", "--alamat", jahat, "--jam", "1", "--alasan", "uji")
    assert Respons.objects.filter(alamat_hash=jahat, karantina__isnull=False).count() == 3
    call_command("karantina", "pulihkan", "--alamat", jahat, "--jam", "1", "--alasan", "uji")
    assert Respons.objects.filter(alamat_hash=jahat, karantina__isnull=False).count() == 0


# --- 7. malformed kiosk JSON and the kiosk page ------------------------------------------------------

JAWABAN_SAH = {u: 3 for u in ikm.UNSUR}


@pytest.mark.parametrize(
    "badan",
    [
        "bukan json",
        "[1, 2, 3]",
        '"teks"',
        "null",
        "42",
        json.dumps({"id": str(uuid.uuid4()), "jawaban": [3] * 9}),
        json.dumps({"id": str(uuid.uuid4()), "jawaban": "semua 3"}),
        json.dumps({"id": str(uuid.uuid4())}),
        json.dumps({"id": str(uuid.uuid4()), "jawaban": {**JAWABAN_SAH, "U1": "3"}}),
        json.dumps({"id": str(uuid.uuid4()), "jawaban": {**JAWABAN_SAH, "U1": 3.5}}),
        json.dumps({"id": str(uuid.uuid4()), "jawaban": {**JAWABAN_SAH, "U1": True}}),
        json.dumps({"id": str(uuid.uuid4()), "jawaban": {**JAWABAN_SAH, "U1": {"a": 1}}}),
        json.dumps({"id": 12345, "jawaban": JAWABAN_SAH}),
        json.dumps({"id": "bukan-uuid", "jawaban": JAWABAN_SAH}),
        json.dumps({"id": str(uuid.uuid4()), "jawaban": JAWABAN_SAH, "waktu": 1700000000}),
        json.dumps({"id": str(uuid.uuid4()), "jawaban": JAWABAN_SAH, "waktu": "kemarin sore"}),
        json.dumps({"id": str(uuid.uuid4()), "jawaban": JAWABAN_SAH, "waktu": "2026-13-45T99:00:00"}),
        json.dumps({"id": str(uuid.uuid4()), "jawaban": JAWABAN_SAH, "umur": "tua"}),
        json.dumps({"id": str(uuid.uuid4()), "jawaban": JAWABAN_SAH, "umur": [30]}),
        json.dumps({"id": str(uuid.uuid4()), "jawaban": JAWABAN_SAH, "umur": "9" * 40}),
        json.dumps({"id": str(uuid.uuid4()), "jawaban": JAWABAN_SAH, "layanan": {"id": 1}}),
        json.dumps({"id": str(uuid.uuid4()), "jawaban": JAWABAN_SAH, "jenis_kelamin": ["L"]}),
        json.dumps({"id": str(uuid.uuid4()), "jawaban": JAWABAN_SAH, "saran": 5}),
        json.dumps({"id": str(uuid.uuid4()), "jawaban": JAWABAN_SAH, "saran": "x" * 40_000}),
        "[" * 100_000,
        b"\xff\xfe\x00 bukan utf-8",
    ],
)
def test_malformed_kiosk_json_is_a_400_in_indonesian_never_a_500(client, kios, badan):
    sebelum = Respons.objects.count()
    r = client.post(reverse("skm:kirim", args=[kios.token]), badan, content_type="application/json")
    assert r.status_code == 400
    assert r["Content-Type"].startswith("application/json") and r.json()["galat"]
    assert Respons.objects.count() == sebelum


def test_a_kiosk_still_accepts_age_as_digits_and_a_service_id(client, kios):
    r = _kirim_kios(client, kios.token, umur="35", layanan=None, jenis_kelamin="P")
    assert r.status_code == 201
    assert Respons.objects.get(id_klien=r.json()["id"]).umur == 35


def test_a_unit_name_with_a_script_tag_cannot_break_out_of_the_kiosk_page(client, kios):
    unit = kios.unit
    unit.nama = 'Gedog</script><script>alert("x")</script>'
    unit.save()
    from kinerja.layanan.models import JenisLayanan

    JenisLayanan.objects.filter(unit=unit).update(nama="Surat </script><img src=x>")
    teks = client.get(reverse("skm:kios", args=[kios.token])).content.decode()
    assert "<script>alert" not in teks and "<img src=x>" not in teks
    assert teks.count("</script>") == teks.count("<script")  # only the page's own script elements
    awal = teks.index('<script id="data-kios" type="application/json">') + len(
        '<script id="data-kios" type="application/json">'
    )
    data = json.loads(teks[awal : teks.index("</script>", awal)])
    assert data["kirim"] == reverse("skm:kirim", args=[kios.token])
    assert "Surat </script><img src=x>" in [x["nama"] for x in data["layanan"]]


def test_quarantined_answers_also_leave_the_ikm_computed_for_indicators(kios):
    from kinerja.monev import otomatis

    tahun = timezone.localdate().year
    sebelum = otomatis._sumber_ikm([kios.unit.pk], tahun, tahun)
    mulai = timezone.now()
    for _ in range(4):
        services.simpan_respons(
            unit=kios.unit,
            kios=kios,
            id_klien=uuid.uuid4(),
            jawaban=SEMUA_1,
            sumber="ponsel",
            alamat_hash="d" * 64,
        )
    dengan = otomatis._sumber_ikm([kios.unit.pk], tahun, tahun)
    assert sum(v["n"] for v in dengan.values()) == sum(v["n"] for v in sebelum.values()) + 4
    services.karantina(
        alasan="uji", kios=kios, mulai=mulai, sampai=timezone.now() + dt.timedelta(seconds=1), pengguna=SISTEM
    )
    assert otomatis._sumber_ikm([kios.unit.pk], tahun, tahun) == sebelum
