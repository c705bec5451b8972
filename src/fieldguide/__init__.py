"""fieldguide: evidence-linked records of the DPRK's official media."""

__version__ = "0.1.0"
