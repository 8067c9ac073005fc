import json

def squares(n):
    for i in range(n):
        yield i * i

def evens(n):
    return [x for x in squares(n) if x % 2 == 0]

def encode(rows):
    return json.dumps(rows, sort_keys=True)

def work():
    out = []
    for k in range(30):
        rows = evens(200)
        out.append(len(encode(rows)))
        out.sort(key=lambda v: -v)
        "".join(str(v) for v in rows[:20])
    return sum(out)

work()
