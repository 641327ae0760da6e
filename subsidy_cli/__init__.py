"""subsidy: Beijing AI compute and model subsidy programmes, checked and computed."""

__version__ = "0.1.0"
