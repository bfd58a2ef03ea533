from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lock-out check, skipped where there is no web request to throttle.

    `authenticate()` without a request (management commands, Django's test client
    `login()`) cannot come from a browser, so there is nothing to count.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
