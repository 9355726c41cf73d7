load = 7
load()
