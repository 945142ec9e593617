"""Where report photos are kept: the private storage (motcua/private_storage.py), never under
MEDIA_URL. A moderator may hide a photo (a face, a licence plate, a home); a public file URL
would keep serving it to anyone who saw the page before, so `views.photo` serves it and checks
visibility on each request."""

from motcua.private_storage import private_storage


def photo_storage():
    # Named in fieldreports' migrations: kept as the photos' storage callable.
    return private_storage()
