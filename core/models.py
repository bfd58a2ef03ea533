from django.db import models


class UsedFormToken(models.Model):
    """A public form's token after its one use (core.guards): a replay finds it here.

    In the database rather than the cache so that every app server and worker sees the same
    rows and a use is recorded in the same transaction as what the form did. `digest` is a
    keyed hash (HMAC with SECRET_KEY) of what was sent, so an identical resend (a double click)
    can be told from a different submission without keeping any of the content; rows go once
    the token could no longer be sent (`core.tasks.prune_used_form_tokens`)."""

    nonce = models.CharField(max_length=64, primary_key=True)
    digest = models.CharField(max_length=64)
    used_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.nonce


class PeriodicRun(models.Model):
    """One periodic job enqueued for one period (core.scheduling): however many schedulers run,
    the one whose row goes in first enqueues the job, in the same transaction; the others hit the
    unique constraint and enqueue nothing. `job_id` names the job (django_tasks_db's result id).
    Rows go once their period is long past (`core.scheduling.KEEP_RUNS`)."""

    task_path = models.CharField(max_length=200)
    period_start = models.DateTimeField()
    job_id = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task_path", "period_start"], name="core_periodicrun_once_per_period")
        ]

    def __str__(self):
        return f"{self.task_path} @ {self.period_start:%Y-%m-%d %H:%M:%S}"


class PublicVersion(models.Model):
    """One row whose `number` goes up whenever something a public page shows changes.

    Database triggers bump it in the writing transaction (`core.public_cache.add_triggers`, added by
    each app's migration for its own tables), so bulk updates, the admin and raw SQL are covered,
    and every app server sees the new number on its very next request: rendered public pages are
    cached under it (core.public_cache) without any timer."""

    number = models.BigIntegerField(default=0)

    def __str__(self):
        return str(self.number)
