print(f"{load +}")
