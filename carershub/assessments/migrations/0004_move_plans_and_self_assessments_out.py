"""Support plans and self-assessments move to their own apps (support, selfassessment); their tables stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0003_selfassessment_area_reference'),
    ]

    operations = [
        # The tables stay where they are (db_table on the models): only Django's idea of
        # which app owns them changes, so no row is copied, locked or lost.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='planaction',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='planaction',
                    name='plan',
                ),
                migrations.RemoveField(
                    model_name='review',
                    name='plan',
                ),
                migrations.RemoveField(
                    model_name='review',
                    name='reviewed_by',
                ),
                migrations.RemoveIndex(
                    model_name='selfassessment',
                    name='selfassessment_queue',
                ),
                migrations.RemoveIndex(
                    model_name='supportplan',
                    name='plan_status_review',
                ),
                migrations.RemoveConstraint(
                    model_name='supportplan',
                    name='plan_unique_carer_version',
                ),
                migrations.RemoveConstraint(
                    model_name='supportplan',
                    name='plan_one_draft_per_carer',
                ),
                migrations.RemoveConstraint(
                    model_name='supportplan',
                    name='plan_one_agreed_per_carer',
                ),
                migrations.DeleteModel(
                    name='PlanAction',
                ),
                migrations.DeleteModel(
                    name='Review',
                ),
                migrations.RemoveField(
                    model_name='supportplan',
                    name='agreed_by',
                ),
                migrations.RemoveField(
                    model_name='supportplan',
                    name='assessment',
                ),
                migrations.RemoveField(
                    model_name='supportplan',
                    name='carer',
                ),
                migrations.RemoveField(
                    model_name='supportplan',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='supportplan',
                    name='previous',
                ),
                migrations.DeleteModel(
                    name='SelfAssessment',
                ),
                migrations.DeleteModel(
                    name='SupportPlan',
                ),
            ],
            database_operations=[],
        ),
    ]
