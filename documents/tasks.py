"""Background job: render and queue the certificates of one mailing (`manage.py db_worker` runs it)."""

from django_tasks import task

from documents import services


@task()
def send_certificates(mailing_id):
    return services.send_certificates(mailing_id=mailing_id)
