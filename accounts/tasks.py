"""Background jobs of the accounts app (`manage.py db_worker` runs them)."""

from django_tasks import task

from accounts import services


@task()
def send_password_reset(user_ids, language):
    return services.send_password_reset(user_ids=user_ids, language=language)
