# A realistic mix: imports (frozen importlib), the standard library at work, exceptions.
import collections
import datetime
import decimal
import fractions
import statistics
import textwrap


def work():
    counts = collections.Counter(textwrap.wrap("the quick brown fox jumps over the lazy dog " * 40, 30))
    days = [datetime.date(2024, 1, 1) + datetime.timedelta(days=i) for i in range(100)]
    money = sum(decimal.Decimal("1.10") for _ in range(200))
    ratio = sum(fractions.Fraction(1, i) for i in range(1, 60))
    spread = statistics.pstdev([float(i) for i in range(500)])
    try:
        int("not a number")
    except ValueError:
        pass
    return counts, days, money, ratio, spread


for _ in range(3):
    work()
