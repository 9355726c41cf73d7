x = int("seven")
