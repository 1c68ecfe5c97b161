doc = """never
ends
