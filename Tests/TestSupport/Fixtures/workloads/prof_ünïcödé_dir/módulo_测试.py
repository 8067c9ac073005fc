# Non-ASCII file and function names.
def 函数(n):
    return sum(ñandú(i) for i in range(n))


def ñandú(x):
    return x * 2


def naïve_émoji_名前():
    return [函数(k) for k in range(40)]


naïve_émoji_名前()
