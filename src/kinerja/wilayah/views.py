"""View helpers over the pemda and PDs that the pages of every app share."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from kinerja.wilayah.models import PerangkatDaerah


def pd_atau_404(pd_id: int) -> PerangkatDaerah:
    """The PD of a page's address, with its pemda; 404 when there is none."""
    return get_object_or_404(PerangkatDaerah.objects.select_related("pemda"), pk=pd_id)
