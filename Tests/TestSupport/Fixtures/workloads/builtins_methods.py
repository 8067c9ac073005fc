# Built-ins and methods of built-in types, lambdas, classes whose methods share names.
import json
import re


class Shape:
    def area(self):
        return 0

    def describe(self):
        return "shape of area %s" % self.area()


class Square(Shape):
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side * self.side


class Circle(Shape):
    def __init__(self, r):
        self.r = r

    def area(self):
        return 3.14159 * self.r * self.r


def churn():
    items = []
    table = {}
    for i in range(300):
        items.append(i)
        table.get(i, None)
        table[str(i)] = i
    words = " ".join(str(i) for i in items)
    found = re.findall(r"\d+", words)
    encoded = json.dumps(table)
    decoded = json.loads(encoded)
    shapes = [Square(i) if i % 2 else Circle(i) for i in range(100)]
    text = [s.describe() for s in shapes]
    key = lambda s: len(s)
    return sorted(text, key=key), len(found), len(decoded), max(map(lambda x: x * 2, items))


for _ in range(5):
    churn()
