from django.dispatch import Signal

#: A job that failed (its error is on it), sent once the failure is saved: by the runner,
#: or when the worker that ran it was lost for the last time. Argument: ``job``.
job_failed = Signal()
