"""Version stamps: how one process learns that another changed data it keeps in memory.

Each cache of reference data (the routing rules' spatial index, the calendar's day overrides,
the operations centre's agency) has a named row here. A change bumps the row in the same
transaction as the change itself; a process reads the stamp at most once per
STAMP_CHECK_SECONDS and rebuilds its copy when the stamp moved (motcua/stamps.py). So every
app server and worker, on any machine, sees a change within that time, with no shared cache
needed and one tiny query per process per interval.
"""

from django.db import models


class Stamp(models.Model):
    name = models.CharField(max_length=50, primary_key=True)
    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "dấu phiên bản dữ liệu đệm"
        verbose_name_plural = "dấu phiên bản dữ liệu đệm"

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"
