from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from workflow import checkpoints
from workflow.chain import verify_all
from workflow.outbox import machines


class Command(BaseCommand):
    help = ("Kiểm tra nhật ký của mọi hồ sơ và phản ánh: chuỗi băm có khóa, dòng dữ liệu so với sự kiện cuối, "
            "mã hồ sơ liên tục, tệp và biểu mẫu của hồ sơ, và các điểm neo ngoài cơ sở dữ liệu; báo mọi chỗ hỏng. "
            "Verify the audit trail: keyed chains, rows against their last event, consecutive dossier codes, and "
            "the checkpoints (--checkpoints FILE_OR_DIR, repeatable; default AUDIT_CHECKPOINT_DIR); dossier files "
            "and issued forms against their events and seals (--files also reads the stored bytes).")

    def add_arguments(self, parser):
        parser.add_argument("--kind", help="only this machine (dossier, fieldreport)")
        parser.add_argument("--dossier", help="one dossier, by its code")
        parser.add_argument("--object", type=int, help="one object, by its id (with --kind)")
        parser.add_argument("--checkpoints", type=Path, action="append",
                            help="a checkpoint file or folder, e.g. the auditor's copy (repeatable)")
        parser.add_argument("--files", action="store_true",
                            help="also read every stored file and form and compare its SHA-256 (slow)")

    def handle(self, *args, **options):
        selected = [m for m in machines() if not options["kind"] or m.name == options["kind"]]
        if options["kind"] and not selected:
            raise CommandError(f"Không có loại đối tượng '{options['kind']}'; chọn: "
                               f"{', '.join(m.name for m in machines())}.")
        if options["object"] and not options["kind"]:
            raise CommandError("--object cần đi kèm --kind (dossier hoặc fieldreport).")
        if options["dossier"]:
            if options["kind"] not in (None, "dossier"):
                raise CommandError("--dossier chỉ dùng với hồ sơ (--kind dossier).")
            selected = [m for m in selected if m.name == "dossier"]
        paths = options["checkpoints"] or [checkpoints.default_path()]
        missing = [str(p) for p in paths if not p.exists()]
        if options["checkpoints"] and missing:
            raise CommandError(f"Không tìm thấy tệp điểm neo: {', '.join(missing)}.")
        anchors = checkpoints.read(paths)
        whole = not (options["dossier"] or options["object"])
        nouns = {m.name: m.noun for m in selected}
        broken, checked = [], []
        for machine in selected:
            objects = machine.model.objects.all()
            if options["dossier"]:
                objects = objects.filter(code=options["dossier"])
                if not objects.exists():
                    raise CommandError(f"Không tìm thấy hồ sơ có mã '{options['dossier']}'.")
            if options["object"]:
                objects = objects.filter(pk=options["object"])
            checked.append(f"{objects.count()} {machine.noun}")
            broken += [f"{nouns[link.kind]} {link}" for link in verify_all(machine, objects, anchors.of(machine.name))]
            broken += [f"{nouns[link.kind]} {link}" for link in machine.integrity_checks(
                None if whole else objects, contents=options["files"])]
        broken += [f"tệp điểm neo {problem}" for problem in anchors.problems]
        for line in broken:
            self.stderr.write(f"Nhật ký bị phá vỡ: {line}")
        if anchors.files:
            anchored = (f"đối chiếu {anchors.checkpoints} điểm neo trong "
                        f"{', '.join(str(p) for p in anchors.files)}")
        else:
            anchored = "chưa có điểm neo nào để đối chiếu (manage.py audit_checkpoint)"
        if broken:
            raise CommandError(f"{len(broken)} chỗ hỏng trong nhật ký (đã kiểm tra {', '.join(checked)}; {anchored}); "
                               f"đầu tiên: {broken[0]}.")
        self.stdout.write(f"Đã kiểm tra {', '.join(checked)}; {anchored}: nhật ký toàn vẹn.")
