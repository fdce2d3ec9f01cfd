"""Callback data is the only way a button names its handler: every shape has its own prefix."""

import importlib
import pkgutil
from collections import Counter

from aiogram.filters.callback_data import CallbackData

import handlers


def callback_classes() -> list[type[CallbackData]]:
    for info in pkgutil.walk_packages(handlers.__path__, prefix="handlers."):
        importlib.import_module(info.name)
    found, todo = [], list(CallbackData.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo += cls.__subclasses__()
    return [cls for cls in found if cls.__module__.startswith("handlers.")]


def test_every_callback_shape_has_its_own_prefix() -> None:
    classes = callback_classes()
    assert len(classes) > 20  # the scan itself works
    prefixes = Counter(cls.__prefix__ for cls in classes)
    assert not {prefix: count for prefix, count in prefixes.items() if count > 1}
