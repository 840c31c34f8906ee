"""The periodic re-fit of the title classifier with the labels people confirmed."""

import time

from django.db.models import Max
from django.utils import timezone

from chanjiao.crosswalk.classifier import classifier_model, classifier_version
from chanjiao.crosswalk.classifier_labels import latest_fit
from chanjiao.crosswalk.models import ClassifierFit, TitleLabel


def classifier_refit(*, force: bool = False) -> dict[str, object]:
    """Take in the labels confirmed since the last fit and build the new model.

    Nothing happens when no label was added or changed since then (unless ``force``). The new
    version makes the stored classifications stale; the enrichment job re-classifies them.
    """
    last = latest_fit()
    newest = TitleLabel.objects.aggregate(last=Max("updated_at"))["last"]
    count = TitleLabel.objects.count()
    unchanged = (
        last is not None
        and last.label_count == count
        and (newest is None or newest <= last.labels_until)
    )
    if unchanged and not force:
        return {"refitted": False, "labels": count, "version": classifier_version()}
    started = time.perf_counter()
    fit = ClassifierFit.objects.create(labels_until=timezone.now(), label_count=count)
    classifier_model()
    fit.build_seconds = round(time.perf_counter() - started, 2)
    fit.save(update_fields=["build_seconds", "updated_at"])
    return {
        "refitted": True,
        "labels": count,
        "version": classifier_version(),
        "build_seconds": fit.build_seconds,
    }
