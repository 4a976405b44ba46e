from django.dispatch import Signal

#: A task whose worker died while it ran it (worker.services.recover_lost), sent inside the
#: transaction that queues it again (``requeued=True``) or marks it failed after its last
#: attempt. Arguments: ``task_result`` (the DBTaskResult), ``requeued``, ``attempts``,
#: ``reason`` (worker.services.LOST or TIME_LIMIT).
task_lost = Signal()
