print('a')
class = 3
