"""Support plans, their actions and reviews, as they were in the assessments app, in the tables they already had."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
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
        ('people', '0003_postcode_search_covering_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The tables stay where they are (db_table on the models): only Django's idea of
        # which app owns them changes, so no row is copied, locked or lost.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SupportPlan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('plan_version', models.PositiveIntegerField(default=1)),
                        ('status', models.CharField(choices=[('draft', 'Draft'), ('agreed', 'Agreed'), ('superseded', 'Replaced by a newer version'), ('closed', 'Ended')], default='draft', max_length=20)),
                        ('outcomes', models.TextField(max_length=5000, verbose_name="the carer's outcomes")),
                        ('support_options', models.JSONField(blank=True, default=list, verbose_name='support chosen')),
                        ('personal_budget', models.DecimalField(blank=True, decimal_places=2, max_digits=9, null=True, verbose_name='personal budget (£ a year)')),
                        ('review_date', models.DateField(verbose_name='review date')),
                        ('agreed_at', models.DateTimeField(blank=True, null=True)),
                        ('ended_on', models.DateField(blank=True, null=True, verbose_name='support ended on')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                        ('agreed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('assessment', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='support_plans', to='assessments.assessment')),
                        ('carer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='support_plans', to='people.person')),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('previous', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='next_version', to='support.supportplan')),
                    ],
                    options={
                        'verbose_name': 'support plan',
                        'db_table': 'assessments_supportplan',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Review',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reviewed_on', models.DateField(verbose_name='date of the review')),
                        ('was_due_on', models.DateField()),
                        ('outcome', models.CharField(choices=[('no_change', 'The plan continues unchanged'), ('plan_changed', 'The plan is changed'), ('reassess', 'Needs have changed: re-assess eligibility'), ('closed', 'Support ends')], max_length=20, verbose_name='outcome of the review')),
                        ('notes', models.TextField(max_length=5000, verbose_name='what was discussed')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('reviewed_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reviews', to='support.supportplan')),
                    ],
                    options={
                        'db_table': 'assessments_review',
                        'ordering': ['-reviewed_on'],
                    },
                ),
                migrations.CreateModel(
                    name='PlanAction',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('description', models.CharField(max_length=500, verbose_name='action')),
                        ('who', models.CharField(choices=[('carer', 'The carer'), ('family', 'Family or friends'), ('partner', 'A partner organisation'), ('council', 'The council')], max_length=10, verbose_name='who will do it')),
                        ('due_by', models.DateField(blank=True, null=True, verbose_name='by when')),
                        ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnership.organisation', verbose_name='organisation')),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='support.supportplan')),
                    ],
                    options={
                        'db_table': 'assessments_planaction',
                        'ordering': ['pk'],
                    },
                ),
                migrations.AddIndex(
                    model_name='supportplan',
                    index=models.Index(fields=['status', 'review_date'], name='plan_status_review'),
                ),
                migrations.AddConstraint(
                    model_name='supportplan',
                    constraint=models.UniqueConstraint(fields=('carer', 'plan_version'), name='plan_unique_carer_version'),
                ),
                migrations.AddConstraint(
                    model_name='supportplan',
                    constraint=models.UniqueConstraint(condition=models.Q(('status', 'draft')), fields=('carer',), name='plan_one_draft_per_carer'),
                ),
                migrations.AddConstraint(
                    model_name='supportplan',
                    constraint=models.UniqueConstraint(condition=models.Q(('status', 'agreed')), fields=('carer',), name='plan_one_agreed_per_carer'),
                ),
            ],
            database_operations=[],
        ),
        # Admin history and permissions keep pointing at the same models.
        _move_content_types("assessments", "support", ["supportplan", "planaction", "review"]),
    ]
