"""Placeholder: being written."""


def detect(text: str) -> bool:
    return False


def read(text: str, source: str):
    raise NotImplementedError
