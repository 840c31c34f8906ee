from django.db import migrations


def status_agrees_with_boolean(apps, schema_editor):
    # Before the boolean goes: a row written in bulk might hold it without the matching state.
    Organization = apps.get_model("organizations", "Organization")
    Organization.objects.filter(is_verified=True).exclude(verification_status="verified").update(
        verification_status="verified"
    )
    Organization.objects.filter(is_verified=False, verification_status="verified").update(
        verification_status="unverified"
    )


def boolean_from_status(apps, schema_editor):
    Organization = apps.get_model("organizations", "Organization")
    Organization.objects.filter(verification_status="verified").update(is_verified=True)


class Migration(migrations.Migration):
    """``is_verified`` becomes a property reading the verification workflow's state."""

    dependencies = [
        ("organizations", "0002_verification_status"),
    ]

    operations = [
        migrations.RunPython(status_agrees_with_boolean, boolean_from_status),
        migrations.RemoveField(model_name="organization", name="is_verified"),
    ]
