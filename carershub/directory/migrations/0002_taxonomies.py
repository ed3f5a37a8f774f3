"""The directory's own taxonomies (directory/vocabulary.py), with their fixed ids."""

from django.db import migrations

from carershub.directory import vocabulary


def seed(apps, schema_editor):
    Taxonomy = apps.get_model("directory", "Taxonomy")
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    for code, (name, description) in vocabulary.TAXONOMIES.items():
        taxonomy, _ = Taxonomy.objects.update_or_create(
            id=vocabulary.taxonomy_id(code), defaults={"name": name, "description": description, "version": "1"}
        )
        for term_code, term_name in vocabulary.TERMS[code].items():
            TaxonomyTerm.objects.update_or_create(
                id=vocabulary.term_id(code, term_code),
                defaults={"taxonomy": taxonomy, "name": term_name, "description": term_name, "code": term_code},
            )


def unseed(apps, schema_editor):
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    Taxonomy = apps.get_model("directory", "Taxonomy")
    ids = [vocabulary.taxonomy_id(code) for code in vocabulary.TAXONOMIES]
    TaxonomyTerm.objects.filter(taxonomy_id__in=ids, attributes__isnull=True).delete()
    Taxonomy.objects.filter(id__in=ids, terms__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_directory")]
    operations = [migrations.RunPython(seed, unseed)]
