from django.core.management.base import BaseCommand

from workflow.worker import Worker


class Command(BaseCommand):
    help = ("Chạy tiến trình nền: gửi thông báo, thực hiện các tác vụ định kỳ (quét hạn hồ sơ, nhắc việc phản ánh). "
            "Run the background worker (tasks, retries, periodic sweeps); several may run at once.")

    def add_arguments(self, parser):
        parser.add_argument("--queues", default="default", help="queues to serve, comma-separated")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds to wait when the queue is empty")
        parser.add_argument("--until-idle", action="store_true", help="stop when no task is ready")
        parser.add_argument("--no-schedule", action="store_true", help="do not enqueue periodic tasks")
        parser.add_argument("--worker-id", default=None)

    def handle(self, *args, **options):
        worker = Worker(worker_id=options["worker_id"], queues=tuple(options["queues"].split(",")),
                        interval=options["interval"], schedule=not options["no_schedule"])
        worker.install_signals()
        self.stdout.write(f"Tiến trình nền {worker.worker_id} đang chạy (Ctrl+C để dừng).")
        done = worker.run(until_idle=options["until_idle"])
        self.stdout.write(f"Đã thực hiện {done} tác vụ.")
