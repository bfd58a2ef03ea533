"""Background job: render and queue the completion certificates of one run (`manage.py db_worker`)."""

from django_tasks import task

from multipliers import services


@task()
def send_completion_certificates(run_id):
    return services.send_certificates(run_id=run_id)
