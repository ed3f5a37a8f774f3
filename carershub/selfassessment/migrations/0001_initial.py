"""Self-assessments, as they were in the assessments app, in the table they already had."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def _move_content_types(old_label, new_label, model_names):
    def forward(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        ContentType.objects.filter(app_label=old_label, model__in=model_names).update(app_label=new_label)

    def backward(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        ContentType.objects.filter(app_label=new_label, model__in=model_names).update(app_label=old_label)

    return migrations.RunPython(forward, backward)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('assessments', '0004_move_plans_and_self_assessments_out'),
        ('partnership', '0002_organisation_assessment_sign_off_required'),
    ]

    operations = [
        # The tables stay where they are (db_table on the models): only Django's idea of
        # which app owns them changes, so no row is copied, locked or lost.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SelfAssessment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('submitted_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('made_by', models.CharField(choices=[('practitioner', 'Practitioner'), ('self', 'Self-assessment by the carer'), ('on_behalf', 'Self-assessment made for the carer by someone else')], default='self', max_length=20)),
                        ('helper_name', models.CharField(blank=True, max_length=200, verbose_name='name of the person helping')),
                        ('given_name', models.CharField(max_length=100, verbose_name='first name')),
                        ('family_name', models.CharField(max_length=100, verbose_name='last name')),
                        ('date_of_birth', models.DateField(verbose_name='date of birth')),
                        ('postcode', models.CharField(max_length=8, verbose_name='postcode')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='email address')),
                        ('phone', models.CharField(blank=True, max_length=16, verbose_name='phone number')),
                        ('reference', models.CharField(blank=True, editable=False, max_length=12, null=True, unique=True, verbose_name='reference number')),
                        ('answers', models.JSONField(default=dict)),
                        ('area', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnership.area', verbose_name='council area')),
                        ('assessment', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='self_assessment', to='assessments.assessment')),
                    ],
                    options={
                        'verbose_name': 'self-assessment',
                        'db_table': 'assessments_selfassessment',
                        'ordering': ['-submitted_at'],
                        'indexes': [models.Index(fields=['assessment', 'submitted_at'], name='selfassessment_queue')],
                    },
                ),
            ],
            database_operations=[],
        ),
        _move_content_types("assessments", "selfassessment", ["selfassessment"]),
    ]
