# Generators, comprehensions and closures.
def numbers(n):
    for i in range(n):
        yield i


def squares(n):
    return [x * x for x in numbers(n)]


def evens(n):
    return {x for x in numbers(n) if x % 2 == 0}


def pairs(n):
    return {x: y for x, y in zip(numbers(n), numbers(n))}


def make_adder(k):
    def add(x):
        return x + k
    return add


total = 0
for r in range(30):
    total += sum(squares(50)) + len(evens(50)) + len(pairs(20))
    total += sum(map(make_adder(r), numbers(10)))
    total += sum(x for x in numbers(40))
