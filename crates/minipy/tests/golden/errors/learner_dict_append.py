can_handle_load = {}
can_handle_load.append(True)
