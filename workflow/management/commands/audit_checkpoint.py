from pathlib import Path

from django.core.management.base import BaseCommand

from workflow import checkpoints


class Command(BaseCommand):
    help = ("Ghi một điểm neo (đầu chuỗi nhật ký của mọi hồ sơ và phản ánh, có chữ ký) ra tệp ngoài cơ sở dữ liệu. "
            "Append a signed checkpoint of every audit chain's head to AUDIT_CHECKPOINT_DIR/checkpoints.jsonl.")

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, help="the checkpoint file (default: AUDIT_CHECKPOINT_DIR)")
        parser.add_argument("--full", action="store_true", help="record every chain, not only those that moved")

    def handle(self, *args, **options):
        line = checkpoints.write(options["file"], full=options["full"])
        recorded = ", ".join(f"{len(m['heads'])} chuỗi {name}" for name, m in line["machines"].items())
        self.stdout.write(f"Đã ghi điểm neo số {line['n']} ({recorded}) vào "
                          f"{options['file'] or checkpoints.default_path()}.")
