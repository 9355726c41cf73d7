print('-'.join(5))
