"""Staff helpers for the dropout tests, shared by the public and the hidden scenarios.

Only driving code: they read what the student's code returned or stored and hand it to the
judge as plain data, without computing anything the student must write. Whatever form the
student's value has, they never raise: the judge names a wrong form in the student's terms.
"""

import numpy as np

FORPASS = ("Z1", "A1", "Z2", "A2")


def floats(values):
    """``values`` as a float array when it is one; otherwise as it is, for the judge to name."""
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        return values


def change(after, before):
    """``after - before`` when the student's weights are still an array of that shape."""
    after = floats(after)
    return after - before if isinstance(after, np.ndarray) and after.shape == before.shape else after


def forpass_outputs(out, names=FORPASS):
    """forpass's four values by name; anything else as ``{"returned": out}`` for the judge."""
    if isinstance(out, (tuple, list)) and len(out) == len(FORPASS):
        values = dict(zip(FORPASS, out))
        return {name: values[name] for name in names}
    return {"returned": out}


def mask_of(net):
    """``net.drop_units`` as a boolean array (None stays None)."""
    mask = getattr(net, "drop_units", None)
    if mask is None:
        return None
    try:
        return np.asarray(mask) != 0
    except (TypeError, ValueError):
        return mask


# ---- judge side (runs in the parent; reveals no answer) ------------------------------------------


def forpass_check(rtol: float, atol: float, reveal: bool):
    """A check for forpass's values: first their form, in the student's terms, then the values."""
    from autograder.engine.compare import compare, describe
    from autograder.runtime.spec import Msg

    def check(got, want):
        if isinstance(got, dict) and "returned" in got:
            return Msg(
                f"forpass는 (Z1, A1, Z2, A2) 네 값을 돌려줘야 하는데 {describe(got['returned'])}을(를) 돌려주었습니다.",
                f"forpass must return (Z1, A1, Z2, A2); it returned {describe(got['returned'])}.",
            )
        return compare(got, want, rtol, atol, reveal=reveal)

    return check
