"""Inbox items of the risk register: treatment steps (RTP) near or past their deadline."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from kinerja.pengingat import jenis as J
from kinerja.pengingat.kotak import Butir, Konteks
from kinerja.risiko.models import RencanaTindak

HARI_DEKAT = 7  # a step comes near its deadline this many days before it


def _tahap(hari: dt.date, tenggat: dt.date) -> tuple[str, str, str] | None:
    """(stage, mark, sentence) of a step's deadline seen on ``hari``; None while it is further away."""
    sisa = (tenggat - hari).days
    if sisa < 0:
        return "lewat", "lewat tenggat", f"Tenggat {tenggat:%d-%m-%Y} sudah lewat {-sisa} hari."
    if sisa > HARI_DEKAT:
        return None
    if sisa == 0:
        return "dekat", "hari ini tenggat", f"Tenggat hari ini ({tenggat:%d-%m-%Y})."
    return "dekat", f"{sisa} hari lagi", f"Tenggat {tenggat:%d-%m-%Y}, {sisa} hari lagi."


def butir_rtp(k: Konteks, jenis: set[str]) -> list[Butir]:
    """Unfinished treatment steps of this year's and last year's risks of the PDs whose register the user
    keeps (planners and the PD head, as ``risiko.services.boleh_ubah``), due within ``HARI_DEKAT`` days or
    past. E-mailed once when near and once when past; a step given a new deadline is a new event. One query."""
    qs = (
        RencanaTindak.objects.filter(
            tenggat__lte=k.hari + dt.timedelta(days=HARI_DEKAT), risiko__tahun__gte=k.hari.year - 1
        )
        .exclude(status=RencanaTindak.Status.SELESAI)
        .select_related("risiko__pd")
        .order_by("tenggat", "pk")
    )
    if not k.c.semua:
        qs = qs.filter(risiko__pd_id__in=k.c.pd_rencana | k.c.pd_pk)
    hasil = []
    for t in qs:
        keadaan = _tahap(k.hari, t.tenggat)
        if keadaan is None:
            continue
        tahap, tanda, kalimat = keadaan
        r = t.risiko
        hasil.append(
            Butir(
                jenis=J.RISIKO,
                kunci=f"rtp:{t.pk}:{t.tenggat.isoformat()}",
                judul=f"Rencana tindak risiko {r.tahun} · {t.uraian[:120]}",
                # the register's words stay in the system: the e-mail names the PD and year only
                judul_surel=f"Rencana tindak pengendalian risiko {r.pd.nama} {r.tahun}",
                rincian=(
                    f"Risiko: {r.pernyataan[:160]} · penanggung jawab {t.penanggung_jawab} · "
                    f"{t.get_status_display().lower()}. {kalimat}"
                ),
                alamat=reverse("risiko:rinci", args=[r.pd_id, r.tahun, r.pk]) + "#rtp",
                pemda_id=r.pd.pemda_id,
                tahap=tahap,
                tenggat=t.tenggat,
                tanda=tanda,
                urut=(t.tenggat, t.pk),
            )
        )
    return hasil


PRODUSEN = [({J.RISIKO}, butir_rtp)]
