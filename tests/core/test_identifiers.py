import pytest

from gongkai.core.identifiers import resident_id_error, uscc_error


@pytest.mark.parametrize(
    "code,ok",
    [
        ("91350100M000100Y43", True),  # published example of GB 32100-2015
        ("11340100MB0000001X", True),
        ("91350100M000100Y44", False),  # wrong check character
        ("91350100M000100Y4", False),  # 17 characters
        ("91350100M0001O0Y43", False),  # letter O is not allowed
        ("", False),
    ],
)
def test_unified_social_credit_code(code, ok):
    assert (uscc_error(code) is None) is ok


@pytest.mark.parametrize(
    "number,ok",
    [
        ("11010519491231002X", True),  # GB 11643-1999's example
        ("440524188001010014", True),
        ("11010519491231002Y", False),
        ("110105194912310021", False),  # wrong check digit
        ("110105194902300020", False),  # 30 February
        ("11010519491231002", False),
    ],
)
def test_resident_id(number, ok):
    assert (resident_id_error(number) is None) is ok
