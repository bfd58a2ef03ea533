"""Background jobs: render and queue the certificates of one mailing (`manage.py db_worker` runs it),
and the periodic sweep that resumes mailings whose worker died (PERIODIC_TASKS in documents/contributions.py)."""

from django_tasks import task

from documents import services


@task()
def send_certificates(mailing_id):
    return services.send_certificates(mailing_id=mailing_id)


@task()
def resume_certificate_mailings():
    return services.resume_certificate_mailings()
