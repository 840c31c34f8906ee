from django.db import migrations, models


def status_from_boolean(apps, schema_editor):
    Organization = apps.get_model("organizations", "Organization")
    Organization.objects.filter(is_verified=True).update(verification_status="verified")


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="organization",
            name="verification_status",
            field=models.CharField(
                choices=[
                    ("unverified", "未认证"),
                    ("verified", "已认证"),
                    ("revoked", "已撤销认证"),
                ],
                default="unverified",
                max_length=12,
                verbose_name="认证状态",
            ),
        ),
        # ``is_verified`` stays and is kept in agreement, so going back needs no data change.
        migrations.RunPython(status_from_boolean, migrations.RunPython.noop),
    ]
