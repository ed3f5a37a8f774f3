# An organisation's details for letters to carers: address, phone, e-mail, website, complaints and logo.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('partnership', '0005_organisation_kinds_settings_groups'),
    ]

    operations = [
        migrations.AddField(
            model_name='organisation',
            name='address',
            field=models.TextField(blank=True, max_length=500, verbose_name='postal address'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='phone',
            field=models.CharField(blank=True, max_length=30, verbose_name='phone number'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='email',
            field=models.EmailField(blank=True, max_length=254, verbose_name='e-mail address'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='website',
            field=models.URLField(blank=True, verbose_name='website'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='complaints_contact',
            field=models.TextField(blank=True, help_text="The complaints team's phone, e-mail or address, as letters should give it", max_length=500, verbose_name='how to complain to us'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='logo',
            field=models.BinaryField(blank=True, editable=False, null=True, verbose_name='logo'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='logo_type',
            field=models.CharField(blank=True, editable=False, max_length=20),
        ),
    ]
