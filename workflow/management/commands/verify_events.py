from django.core.management.base import BaseCommand, CommandError

from workflow.chain import verify_all
from workflow.outbox import machines


class Command(BaseCommand):
    help = ("Kiểm tra chuỗi băm nhật ký của mọi hồ sơ và phản ánh; báo chỗ hỏng đầu tiên của từng đối tượng. "
            "Verify the hash chains of every machine's event log (--kind dossier|fieldreport, --object ID).")

    def add_arguments(self, parser):
        parser.add_argument("--kind", help="only this machine (dossier, fieldreport)")
        parser.add_argument("--dossier", help="one dossier, by its code")
        parser.add_argument("--object", type=int, help="one object, by its id (with --kind)")

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
            broken += list(verify_all(machine, objects))
        nouns = {m.name: m.noun for m in selected}
        for link in broken:
            self.stderr.write(f"Chuỗi nhật ký bị phá vỡ: {nouns[link.kind]} {link}")
        if broken:
            first = broken[0]
            raise CommandError(f"{len(broken)} chuỗi nhật ký bị phá vỡ (đã kiểm tra {', '.join(checked)}); "
                               f"đầu tiên: {nouns[first.kind]} {first}.")
        self.stdout.write(f"Đã kiểm tra {', '.join(checked)}: nhật ký toàn vẹn.")
