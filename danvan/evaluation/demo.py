def seed_evaluation_demo() -> int:
    return 0
