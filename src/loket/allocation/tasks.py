"""The allocation app's tasks for the task queue (django-q2). Thin: the work and its rules are in services.py."""


def round_job(round_id: int, token: str) -> bool:
    """Prepare, run or check a round: the job claimed by `services.round_job_start` under `token`."""
    from .services import round_job as job

    return job(round_id, token)
