import pytest

from tests.newsroom.servers import collect_static


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """Static files collected once (production's manifest storage needs them)
    for the sites that test_proxy.py and test_multi_process.py start."""
    return collect_static(tmp_path_factory.mktemp("static"))
