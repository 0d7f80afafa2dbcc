"""Prints, as JSON, everything the backup test compares between the original and the
restored database: each model's row count, a sample of rows (the first and last five by
primary key, every field) and every stored file with its SHA-256.

    DATABASE_URL=... MEDIA_ROOT=... python -m tests.soak.inventory [--attach]

``--attach`` first stores a certificate and a support attachment through the storage API,
so that the backup has media to carry.
"""

import hashlib
import json
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vuxportal.settings")
    import django

    django.setup()
    from django.apps import apps
    from django.core import serializers
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.db import models

    if "--attach" in sys.argv:
        from competence.models import TrainingRecord
        from organisation.models import SupportRequest

        record = TrainingRecord.objects.order_by("pk").first()
        record.certificate.save("intyg.pdf", ContentFile(b"%PDF-1.4\n% backup test\n"))
        request = SupportRequest.objects.order_by("pk").first()
        request.attachment.save("skarmbild.txt", ContentFile("Skärmbild saknas\n".encode()))

    counts, samples, files = {}, {}, {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.managed or meta.proxy:
            continue
        label = meta.label
        manager = model._base_manager
        counts[label] = manager.count()
        rows = list(manager.order_by("pk")[:5]) + list(manager.order_by("-pk")[:5])
        samples[label] = json.loads(
            json.dumps(serializers.serialize("python", rows), default=str, sort_keys=True)
        )
        for field in meta.concrete_fields:
            if isinstance(field, models.FileField):
                for name in manager.exclude(**{field.name: ""}).values_list(field.name, flat=True):
                    if not name:
                        continue
                    digest = None
                    if default_storage.exists(name):
                        with default_storage.open(name, "rb") as handle:
                            digest = hashlib.sha256(handle.read()).hexdigest()
                    files[f"{label}.{field.name}:{name}"] = digest
    json.dump({"counts": counts, "samples": samples, "files": files}, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
