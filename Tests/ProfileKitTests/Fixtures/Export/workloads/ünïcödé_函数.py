class Joueur:
    def __init__(self, nom):
        self.nom = nom

    def dup(self):
        return self.nom.upper()

class Salle:
    def dup(self):
        return len(self.__dict__)

def 函数(n):
    joueurs = [Joueur("é" * (i % 5)) for i in range(n)]
    return [j.dup() for j in joueurs] + [Salle().dup() for _ in range(n)]

def größe():
    return sum(len(x) if isinstance(x, str) else x for x in 函数(500))

for _ in range(20):
    größe()
