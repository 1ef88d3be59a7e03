from . import test_request_composition
