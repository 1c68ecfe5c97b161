# Class/method-heavy simulation: instance creation, attribute loads/stores, method calls,
# inheritance with super(), properties, isinstance, __eq__/__hash__-free plain objects.


class Entity:
    def __init__(self, ident, x, y):
        self.ident = ident
        self.x = x
        self.y = y
        self.energy = 100

    def move(self, dx, dy, width, height):
        self.x = (self.x + dx) % width
        self.y = (self.y + dy) % height

    def step(self, world):
        raise NotImplementedError

    @property
    def alive(self):
        return self.energy > 0


class Grazer(Entity):
    def __init__(self, ident, x, y):
        super().__init__(ident, x, y)
        self.eaten = 0

    def step(self, world):
        self.move(world.rand(3) - 1, world.rand(3) - 1, world.width, world.height)
        food = world.take_food(self.x, self.y)
        self.eaten += food
        self.energy += food * 5 - 1


class Hunter(Entity):
    def __init__(self, ident, x, y):
        super().__init__(ident, x, y)
        self.kills = 0

    def step(self, world):
        self.move(world.rand(5) - 2, world.rand(5) - 2, world.width, world.height)
        self.energy -= 2
        prey = world.grazer_at(self.x, self.y)
        if prey is not None:
            prey.energy = 0
            self.kills += 1
            self.energy += 40


class World:
    def __init__(self, width, height, seed):
        self.width = width
        self.height = height
        self.state = seed
        self.food = [[3] * width for _ in range(height)]
        self.entities = []
        self.positions = {}

    def rand(self, n):
        # 31-bit LCG so the run is deterministic and needs no modules
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return (self.state >> 16) % n

    def take_food(self, x, y):
        row = self.food[y]
        amount = row[x]
        if amount:
            row[x] = amount - 1
            return 1
        return 0

    def grazer_at(self, x, y):
        return self.positions.get((x, y))

    def regrow(self):
        for _ in range(self.width):
            x = self.rand(self.width)
            y = self.rand(self.height)
            if self.food[y][x] < 5:
                self.food[y][x] += 1

    def tick(self):
        self.positions = {}
        for e in self.entities:
            if isinstance(e, Grazer):
                self.positions[(e.x, e.y)] = e
        for e in self.entities:
            if e.alive:
                e.step(self)
        self.entities = [e for e in self.entities if e.alive]
        self.regrow()


world = World(40, 40, 12345)
for i in range(600):
    world.entities.append(Grazer(i, world.rand(40), world.rand(40)))
for i in range(40):
    world.entities.append(Hunter(1000 + i, world.rand(40), world.rand(40)))
for _ in range(2000):
    world.tick()
    if len(world.entities) < 300:
        for i in range(100):
            world.entities.append(Grazer(5000 + i, world.rand(40), world.rand(40)))

grazers = [e for e in world.entities if isinstance(e, Grazer)]
hunters = [e for e in world.entities if isinstance(e, Hunter)]
kills = sum(h.kills for h in hunters)
checksum = sum(e.x * 41 + e.y * 7 + e.energy for e in world.entities) % 1000003
print("grazers:", len(grazers), "hunters:", len(hunters), "kills:", kills)
print("checksum:", checksum)
