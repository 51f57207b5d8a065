"""kinerja versi: the plan versions, with their status and where each was copied from."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand
from django.utils import timezone

from kinerja.renstra.models import RenstraVersi
from kinerja.renstra.opsi_perintah import pilih_pd


class Command(BaseCommand):
    help = (
        "Daftar versi Renstra (Renstra, Perubahan, Renja, hasil impor): nomor (id), nama, jenis, status, "
        "perangkat daerah, periode dan versi asalnya. Nomor versi dipakai oleh --versi, --dari dan kinerja beda."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pd", help="hanya perangkat daerah ini (slug)")
        parser.add_argument(
            "--json",
            action="store_true",
            help="tulis sebagai JSON: daftar objek dengan id, nama, jenis, status, pd, pemda, asal, "
            "tahun_mulai, tahun_akhir, dibuat",
        )

    def handle(self, *args, **opsi):
        qs = RenstraVersi.objects.select_related("pd__pemda").order_by("pd__pemda__nama", "pd__nama", "id")
        if opsi["pd"]:
            qs = qs.filter(pd=pilih_pd(opsi["pd"]))
        semua = list(qs)
        if opsi["json"]:
            data = [
                {
                    "id": v.pk,
                    "nama": v.nama,
                    "jenis": v.jenis,
                    "status": v.status,
                    "pd": v.pd.slug,
                    "pemda": v.pd.pemda.slug,
                    "asal": v.asal_id,
                    "tahun_mulai": v.tahun_mulai,
                    "tahun_akhir": v.tahun_akhir,
                    "dibuat": timezone.localtime(v.dibuat).isoformat(timespec="seconds"),
                }
                for v in semua
            ]
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1))
            return
        pd = None
        for v in semua:
            if v.pd_id != pd:
                pd = v.pd_id
                self.stdout.write(
                    self.style.MIGRATE_HEADING(f"{v.pd.nama} — {v.pd.pemda.nama} ({v.pd.slug})")
                )
            asal = f", dari #{v.asal_id}" if v.asal_id else ""
            self.stdout.write(
                f"#{v.pk}  {v.nama}  [{v.get_jenis_display()}, {v.get_status_display().lower()}, "
                f"{v.tahun_mulai}–{v.tahun_akhir}{asal}]"
            )
        if not semua:
            self.stdout.write("Belum ada versi Renstra.")
