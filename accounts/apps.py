from django.apps import AppConfig, apps

# The admin names of third-party apps that ship no Vietnamese: the login lockouts
# (django-axes) and the authenticator devices (django-otp). (app label, app name, {model: names})
THIRD_PARTY_NAMES = (
    ("axes", "Chống dò mật khẩu", {
        "accessattempt": ("lần đăng nhập sai", "các lần đăng nhập sai"),
        "accessfailurelog": ("nhật ký đăng nhập sai", "nhật ký đăng nhập sai"),
        "accesslog": ("nhật ký đăng nhập", "nhật ký đăng nhập"),
    }),
    ("otp_totp", "Xác thực hai lớp", {
        "totpdevice": ("ứng dụng xác thực (TOTP)", "ứng dụng xác thực (TOTP)"),
    }),
)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Tài khoản và phân quyền"

    def ready(self) -> None:
        for label, app_name, models in THIRD_PARTY_NAMES:
            if label not in apps.app_configs:
                continue
            config = apps.get_app_config(label)
            config.verbose_name = app_name
            for model_name, (singular, plural) in models.items():
                opts = config.get_model(model_name)._meta
                opts.verbose_name, opts.verbose_name_plural = singular, plural
