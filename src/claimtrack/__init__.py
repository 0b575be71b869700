"""claimtrack: track claims quoted from news sources and find where they contradict each other."""

__version__ = "0.1.0"
