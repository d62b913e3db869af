# Failed logins are counted per account and per address, with growing locks.
# The old rows (per address and name as typed) are dropped: they only lock out for 15 minutes.

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
    ]

    operations = [
        migrations.DeleteModel(name='LoginFailure'),
        migrations.CreateModel(
            name='LoginFailure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('scope', models.CharField(choices=[('account', 'Account'), ('address', 'Address')], max_length=8)),
                ('key', models.CharField(max_length=300)),
                ('count', models.PositiveIntegerField(default=0)),
                ('locks', models.PositiveIntegerField(default=0)),
                ('locked_until', models.DateTimeField(blank=True, null=True)),
                ('last_at', models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('scope', 'key'), name='one_failure_row')],
            },
        ),
    ]
