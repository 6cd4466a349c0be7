"""Access-matrix rows for the privacy app's URLs, one file a topic."""

import importlib

# One module a topic: tests/matrix_privacy_<topic>.py, each with ROWS and, when its rows
# need objects of their own, world_extras(world).
TOPICS = [
    importlib.import_module(f"tests.matrix_privacy_{topic}") for topic in ["your_data", "erasure"]
]

ROWS = {route: row for topic in TOPICS for route, row in topic.ROWS.items()}

WORLD_EXTRAS = [topic.world_extras for topic in TOPICS if hasattr(topic, "world_extras")]
