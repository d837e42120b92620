"""nhiown: governance of machine identities kept as a YAML inventory."""

__version__ = "0.1.0"
