"""The project's URLs plus the floor of a kiosk submission, for bench/skm.py only.

The floor view does the same durable work as a kiosk post and nothing else: it reads the JSON
body and inserts one row into the same responses table, in its own transaction, through the same
connection settings; then answers 201.  A kiosk post can be no faster than this.
"""

import json
import uuid

from django.db import transaction
from django.http import JsonResponse
from django.urls import include, path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from kinerja.skm.models import Respons


@csrf_exempt
@require_POST
def lantai(request, unit: int):
    data = json.loads(request.body)
    with transaction.atomic():
        Respons.objects.create(
            unit_id=unit,
            id_klien=uuid.uuid4(),
            waktu=timezone.now(),
            sumber=Respons.Sumber.KERTAS,
            **{f"u{i}": int(data["jawaban"][f"U{i}"]) for i in range(1, 10)},
        )
    return JsonResponse({"id": data["id"], "baru": True}, status=201)


urlpatterns = [
    path("bench/lantai/<int:unit>/", lantai),
    path("", include("kinerja.urls")),
]
