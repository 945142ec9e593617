from tests.dossiers.conftest import clock, permit  # noqa: F401  (fixtures)
from tests.parindex.conftest import home_affairs, nga  # noqa: F401  (fixtures)
