"""The one line each benchmark prints per figure:
`figure <name>: <value> goal <op> <target> MET|SHORT`."""

import operator

OPERATORS = {"<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt}


def figure(name, value, op, target, digits=2):
    verdict = "MET" if OPERATORS[op](round(value, digits), target) else "SHORT"
    print(f"figure {name}: {value:.{digits}f} goal {op} {target} {verdict}", flush=True)
    return verdict == "MET"
